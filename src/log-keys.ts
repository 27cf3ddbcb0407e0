import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VerifyEd25519 } from "./domain/checkpoint.ts";
import { formatVkey, keyIdOf, NOTE_ED25519, noteBytes, signatureLine } from "./domain/note.ts";
import { sha256 } from "./domain/sha256.ts";
import { entryOf, KeyRing, readManifest } from "./keys/keyring.ts";

export type LogKeys = {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** The checkpoints' origin line and the note key's name (signed-note). */
  readonly origin: string;
  /** The public key as a C2SP verifier key, `<origin>+<key ID>+<base64(0x01 ‖ key)>`: what verifiers pin. */
  readonly vkey: string;
  /** Reads keyring.json again at once (after a hand-over in this process); absent for fixed keys. */
  readonly refresh?: () => void;
};

/** The origin when none is configured (HUZHU_LOG_ORIGIN): a schema-less name, not a reachable address. */
export const DEFAULT_LOG_ORIGIN = "huzhu.local/log";

const hash = (b: Uint8Array) => sha256(Buffer.from(b));

/** An Ed25519 public key's 32 raw bytes (RFC 8032): the tail of its SPKI encoding. */
export const rawPublicKey = (k: KeyObject): Uint8Array =>
  new Uint8Array(k.export({ type: "spki", format: "der" }).subarray(-32));

/** An Ed25519 private key from its 32-byte seed (RFC 8032), as PKCS #8. */
export const privateKeyFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der",
    type: "pkcs8",
  });

/** A raw Ed25519 public key as a KeyObject. */
export const publicKeyFromRaw = (raw: Uint8Array): KeyObject =>
  createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
    format: "der",
    type: "spki",
  });

/** Ed25519 verification over node:crypto, for the note checks (domain/checkpoint.ts). */
const keyObjects = new Map<string, KeyObject>();
/** Building a KeyObject costs more than the verification: each pinned key is built once. */
const keyObjectOf = (raw: Uint8Array): KeyObject => {
  const id = Buffer.from(raw).toString("hex");
  let k = keyObjects.get(id);
  if (!k) {
    if (keyObjects.size > 1000) keyObjects.clear();
    k = publicKeyFromRaw(raw);
    keyObjects.set(id, k);
  }
  return k;
};

export const nodeVerifyEd25519: VerifyEd25519 = (signature, message, publicKey) => {
  try {
    return verify(null, message, keyObjectOf(publicKey), signature);
  } catch {
    return false;
  }
};

/** The log's signature line on a note text (signed-note, Ed25519, type 0x01). */
export function signNoteText(keys: LogKeys, text: string): string {
  const keyId = keyIdOf(hash, keys.origin, NOTE_ED25519, rawPublicKey(keys.publicKey));
  return signatureLine(keys.origin, keyId, sign(null, noteBytes(text), keys.privateKey));
}

/** A version's private key file in the data dir: `log-signing-key.pem` (1), `log-signing-key.v<N>.pem`. */
export const logKeyFile = (dataDir: string, version: number) =>
  join(dataDir, version === 1 ? "log-signing-key.pem" : `log-signing-key.v${version}.pem`);

/** A new version's key file (mode 0600); an existing one is kept. */
export function createLogKeyFile(dataDir: string, version: number): void {
  const file = logKeyFile(dataDir, version);
  if (existsSync(file)) return;
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
}

/** A version's keys, read from its file. */
export const logKeysOfVersion = (dataDir: string, version: number, origin: string) =>
  keysFromPrivate(createPrivateKey(readFileSync(logKeyFile(dataDir, version), "utf8")), origin);

/**
 * The log's Ed25519 signing key, generated on first start (mode 0600); the public key is published.
 * The version that signs is keyring.json's current `log-signing` one (src/keys: a hand-over moves it);
 * the object returned follows it, so a running sequencer signs with the new key within seconds.
 */
export function loadLogKeys(
  dataDir: string,
  origin: string = DEFAULT_LOG_ORIGIN,
  keysDir: string = join(dataDir, "keys"),
): LogKeys {
  const byVersion = new Map<number, LogKeys>();
  const ring = new KeyRing(() => {
    const { current } = entryOf(readManifest(keysDir), "log-signing");
    if (current === 1) createLogKeyFile(dataDir, 1);
    return { current, keys: new Map([[current, Buffer.alloc(0)]]) };
  }, keysDir);
  const now = (): LogKeys => {
    const { version } = ring.current();
    let k = byVersion.get(version);
    if (!k) {
      k = logKeysOfVersion(dataDir, version, origin);
      byVersion.set(version, k);
    }
    return k;
  };
  now();
  return {
    get privateKey() {
      return now().privateKey;
    },
    get publicKey() {
      return now().publicKey;
    },
    get publicKeyPem() {
      return now().publicKeyPem;
    },
    origin,
    get vkey() {
      return now().vkey;
    },
    refresh: () => ring.refresh(),
  };
}

export function keysFromPrivate(privateKey: KeyObject, origin: string = DEFAULT_LOG_ORIGIN): LogKeys {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    origin,
    vkey: formatVkey(hash, origin, NOTE_ED25519, rawPublicKey(publicKey)),
  };
}

export function freshLogKeys(origin: string = DEFAULT_LOG_ORIGIN): LogKeys {
  return keysFromPrivate(generateKeyPairSync("ed25519").privateKey, origin);
}
