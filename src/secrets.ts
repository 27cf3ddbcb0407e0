import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  entryOf,
  type KeyPurpose,
  KeyRing,
  keyFileName,
  liveVersions,
  readManifest,
} from "./keys/keyring.ts";

/**
 * One key per purpose, each independent of the others: personal-data encryption, lookup hashes,
 * log pseudonyms and idempotent-request digests (webhook secrets and the log's signing key have files
 * of their own too). Knowing one key gives nothing about another.
 */
export type Secrets = {
  /** The personal-data key's current version when loaded (the ring below is what encryption uses). */
  readonly encryptionKey: Buffer;
  /** The lookup-hash key's current version when loaded (also keys one-time codes and throttles). */
  readonly lookupKey: Buffer;
  readonly pseudonymKey: Buffer;
  readonly idempotencyKey: Buffer;
  /** Every live version of the personal-data key (rotation); absent: `encryptionKey` is version 1. */
  readonly personalRing?: KeyRing;
  /** Every live version of the lookup-hash key; absent: `lookupKey` is version 1. */
  readonly lookupRing?: KeyRing;
};

/** Where the keys live: `keysDir` holds one file per purpose; `masterFile` is an older data dir's key. */
export type KeyPaths = { readonly keysDir: string; readonly secretKeyFile: string };

const KEY_BYTES = 32;

/** A 32-byte key in base64 from `file`, generated (mode 0600) when the file does not exist. */
export function loadKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // "wx": never overwrite a key another process has just written (its data would be lost)
    try {
      writeFileSync(file, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
      chmodSync(file, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`the key file ${file} must hold 32 bytes in base64`);
  return key;
}

/**
 * One purpose's ring from the keys directory: version 1 is `legacy` (derived from an older data dir's
 * `secret.key`) or `<purpose>.key`; later versions `<purpose>.v<N>.key`; retired versions are not loaded.
 */
function ringOf(paths: KeyPaths, purpose: KeyPurpose, legacy: Buffer | null): KeyRing {
  return new KeyRing(() => {
    const entry = entryOf(readManifest(paths.keysDir), purpose);
    const keys = new Map<number, Buffer>();
    for (const v of liveVersions(entry))
      keys.set(v, v === 1 && legacy ? legacy : loadKeyFile(join(paths.keysDir, keyFileName(purpose, v))));
    return { current: entry.current, keys };
  }, paths.keysDir);
}

/**
 * The keys of a data dir. A data dir made before keys were split has `secret.key`: its three keys stay
 * derived from it (the data is encrypted and hashed under them) as their version 1; the idempotency key is
 * new and independent either way. A new data dir gets an independent file per purpose. The personal-data
 * and lookup-hash keys are rings of versions (keyring.json), rotated by `huzhu keys rotate`.
 */
export function loadSecrets(paths: KeyPaths): Secrets {
  const own = (purpose: string) => loadKeyFile(join(paths.keysDir, `${purpose}.key`));
  const idempotencyKey = own("idempotency-digest");
  const legacy = existsSync(paths.secretKeyFile) ? secretsFromMaster(loadKeyFile(paths.secretKeyFile)) : null;
  const personalRing = ringOf(paths, "personal-data", legacy?.encryptionKey ?? null);
  const lookupRing = ringOf(paths, "lookup-hash", legacy?.lookupKey ?? null);
  return {
    encryptionKey: personalRing.current().key,
    lookupKey: lookupRing.current().key,
    pseudonymKey: legacy ? legacy.pseudonymKey : own("pseudonym"),
    idempotencyKey,
    personalRing,
    lookupRing,
  };
}

/** A payment provider's webhook signing secret: its own file, never derived from another key. */
export function loadWebhookSecret(paths: KeyPaths, provider: string): string {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(provider)) throw new Error(`not a provider name: ${provider}`);
  return loadKeyFile(join(paths.keysDir, `webhook-${provider}.key`)).toString("hex");
}

/** The three keys an older data dir's master file gave (HKDF, one label each), plus a derived digest key. */
export function secretsFromMaster(master: Buffer): Secrets {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, 32));
  return {
    encryptionKey: derive("huzhu personal data encryption v1"),
    lookupKey: derive("huzhu lookup hash v1"),
    pseudonymKey: derive("huzhu pseudonym v1"),
    idempotencyKey: derive("huzhu idempotency digest v1"),
  };
}

/** Independent random keys for every purpose (tests, throwaway runs). */
export function freshSecrets(): Secrets {
  const key = () => randomBytes(KEY_BYTES);
  return { encryptionKey: key(), lookupKey: key(), pseudonymKey: key(), idempotencyKey: key() };
}

const FORMAT_V1 = 1;
const FORMAT_V2 = 2;

// Random nonces drawn from a pool refilled 64 KiB at a time: the same randomness, far fewer calls.
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;
function nextNonce(): Buffer {
  if (nonceOffset + 12 > noncePool.length) {
    noncePool = randomBytes(65_536);
    nonceOffset = 0;
  }
  const nonce = noncePool.subarray(nonceOffset, nonceOffset + 12);
  nonceOffset += 12;
  return nonce;
}

/** The personal-data key that encrypts now: the ring's current version, else `encryptionKey` as version 1. */
export const currentPersonalKey = (secrets: Secrets) =>
  secrets.personalRing?.current() ?? { version: 1, key: secrets.encryptionKey };

/**
 * AES-256-GCM. Under key version 1: `0x01 ‖ 12-byte random nonce ‖ 16-byte tag ‖ ciphertext` (as always);
 * under a later version N: `0x02 ‖ N ‖ nonce ‖ tag ‖ ciphertext` — every ciphertext names its key.
 */
export function encryptPersonal(secrets: Secrets, plaintext: string | Buffer): Buffer {
  const { version, key } = currentPersonalKey(secrets);
  const nonce = nextNonce();
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([cipherHeader(version), nonce, cipher.getAuthTag(), body]);
}

/** The bytes before the nonce: the format, and for versions past 1 the key version. */
export const cipherHeader = (version: number): Buffer =>
  version === 1 ? Buffer.from([FORMAT_V1]) : Buffer.from([FORMAT_V2, version]);

/** The personal-data key version a ciphertext was made under; null when it is no ciphertext of ours. */
export function cipherKeyVersion(blob: Buffer): number | null {
  if (blob[0] === FORMAT_V1) return 1;
  return blob[0] === FORMAT_V2 && blob.length > 1 && blob[1]! >= 2 ? blob[1]! : null;
}

export function decryptPersonal(secrets: Secrets, blob: Buffer): string {
  return decryptPersonalBytes(secrets, blob).toString("utf8");
}

/** Files (claim documents) use the same format as the columns. Any live key version decrypts. */
export function decryptPersonalBytes(secrets: Secrets, blob: Buffer): Buffer {
  const version = cipherKeyVersion(blob);
  if (version === null) throw new Error("unknown ciphertext format");
  const key = secrets.personalRing
    ? secrets.personalRing.get(version)
    : version === 1
      ? secrets.encryptionKey
      : undefined;
  if (!key) throw new Error(`the personal-data key version ${version} is not in the key ring (retired?)`);
  const at = version === 1 ? 1 : 2;
  const decipher = createDecipheriv("aes-256-gcm", key, blob.subarray(at, at + 12));
  decipher.setAuthTag(blob.subarray(at + 12, at + 28));
  return Buffer.concat([decipher.update(blob.subarray(at + 28)), decipher.final()]);
}

/** What a member's personal_cipher holds. A dependant has no mobile. */
export type PersonalRecord = {
  readonly residentId: string;
  readonly name: string;
  readonly mobile: string | null;
};

/**
 * One ciphertext for a person's resident ID, name and mobile (members.personal_cipher): a JSON array
 * [residentId, name, mobile] under encryptPersonal, so one AES-GCM call instead of three.
 */
export function encryptPersonalRecord(secrets: Secrets, record: PersonalRecord): Buffer {
  return encryptPersonal(secrets, JSON.stringify([record.residentId, record.name, record.mobile]));
}

export function decryptPersonalRecord(secrets: Secrets, blob: Buffer): PersonalRecord {
  const fields: unknown = JSON.parse(decryptPersonal(secrets, blob));
  if (
    !Array.isArray(fields) ||
    fields.length !== 3 ||
    typeof fields[0] !== "string" ||
    typeof fields[1] !== "string" ||
    (fields[2] !== null && typeof fields[2] !== "string")
  )
    throw new Error("invariant violated: a personal record is [residentId, name, mobile]");
  return { residentId: fields[0], name: fields[1], mobile: fields[2] };
}

/** A member's mobile from either storage: the record (personal_cipher) or the older per-field column. */
export function memberMobile(
  secrets: Secrets,
  row: { personal_cipher: Buffer | null; mobile_cipher: Buffer | null },
): string | null {
  if (row.personal_cipher) return decryptPersonalRecord(secrets, row.personal_cipher).mobile;
  return row.mobile_cipher ? decryptPersonal(secrets, row.mobile_cipher) : null;
}

/** A person's record from either storage: the one record (personal_cipher) or the older per-field columns. */
export function personalRecordOf(
  secrets: Secrets,
  row: {
    personalCipher: Buffer | null;
    idCipher: Buffer | null;
    nameCipher: Buffer | null;
    mobileCipher: Buffer | null;
  },
): PersonalRecord {
  if (row.personalCipher) return decryptPersonalRecord(secrets, row.personalCipher);
  return {
    residentId: decryptPersonal(secrets, row.idCipher!),
    name: decryptPersonal(secrets, row.nameCipher!),
    mobile: row.mobileCipher ? decryptPersonal(secrets, row.mobileCipher) : null,
  };
}

/** Whether a stored lookup hash is the value's under any live version (a rotation may be half done). */
export function lookupMatches(
  secrets: Secrets,
  kind: "resident_id" | "mobile",
  value: string,
  stored: Buffer,
): boolean {
  return lookupHashes(secrets, kind, value).some(
    (g) => g.length === stored.length && timingSafeEqual(g, stored),
  );
}

/**
 * A keyed hash to find a record by a personal value without storing the value: HMAC-SHA256 under the
 * lookup-hash key's current version; past version 1 the version byte goes first (33 bytes), so every
 * stored hash names its key and a rotation can tell what is left to recompute.
 */
export function lookupHash(secrets: Secrets, kind: "resident_id" | "mobile", value: string): Buffer {
  const { version, key } = secrets.lookupRing?.current() ?? { version: 1, key: secrets.lookupKey };
  return lookupHashUnder(version, key, kind, value);
}

export function lookupHashUnder(version: number, key: Buffer, kind: "resident_id" | "mobile", value: string) {
  const mac = createHmac("sha256", key).update(`${kind}:${value}`).digest();
  return version === 1 ? mac : Buffer.concat([Buffer.from([version]), mac]);
}

/** A lookup hash, or the same value's under each live version (lookupHashes): what a search matches. */
export type Lookups = Buffer | readonly Buffer[];
/** The `bytea[]` parameter of `= ANY($n::bytea[])`. */
export const lookupParam = (l: Lookups): Buffer[] => (Buffer.isBuffer(l) ? [l] : [...l]);

/**
 * The value's lookup hash under every live version, current first: what a search matches with
 * (`= ANY(…)`) so that records not yet recomputed during a rotation are still found.
 */
export function lookupHashes(secrets: Secrets, kind: "resident_id" | "mobile", value: string): Buffer[] {
  const live = secrets.lookupRing?.live() ?? [{ version: 1, key: secrets.lookupKey }];
  return live.map((k) => lookupHashUnder(k.version, k.key, kind, value));
}

/** How the public transparency log names a member: stable, unlinkable without the key. */
export function pseudonymOf(secrets: Secrets, memberId: number): string {
  return createHmac("sha256", secrets.pseudonymKey).update(`member:${memberId}`).digest("hex").slice(0, 32);
}
