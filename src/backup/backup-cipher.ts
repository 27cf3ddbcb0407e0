import { createCipheriv, createDecipheriv, type KeyObject, randomBytes, scryptSync } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { openSealed, type Sealed, sealTo } from "../audit/sample/seal.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";

/*
 * A backup file: one plaintext JSON header line naming how the data key is wrapped, then frames of
 * AES-256-GCM under that random data key, each `u32 length ‖ ciphertext ‖ 16-byte tag`. A frame's nonce
 * is its number (the key is used for this file alone); its additional data binds the header's hash, the
 * number and whether it is the last, so a frame cannot be moved, dropped, or the file cut short unseen.
 * The data key is wrapped either under scrypt of a passphrase or to an X25519 public key (the sampling
 * audit's sealing, src/audit/sample/seal.ts).
 */

export const BACKUP_FORMAT = "huzhu-backup";

type PassphraseWrap = {
  readonly kind: "passphrase";
  readonly kdf: "scrypt";
  readonly salt: string;
  readonly cost: number;
  readonly blockSize: number;
  readonly nonce: string;
  readonly wrapped: string;
  readonly tag: string;
};
type PublicKeyWrap = { readonly kind: "public-key"; readonly sealed: Sealed };
export type BackupHeader = {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: 1;
  readonly cipher: "AES-256-GCM";
  readonly wrap: PassphraseWrap | PublicKeyWrap;
};

/** How the data key is unlocked: what `--passphrase-file`/the environment or `--key` gave. */
export type Unlock = { readonly passphrase: string } | { readonly privateKeyPem: string };
export type Lock = { readonly passphrase: string } | { readonly publicKey: KeyObject };

/** A backup file that cannot be opened or read: one line for the user, nothing written. */
export class BackupFileError extends Error {}

const WRAP_AAD = Buffer.from("huzhu backup data key v1");
const b64 = (b: Buffer) => b.toString("base64");

function passphraseKey(passphrase: string, salt: Buffer, cost: number, blockSize: number): Buffer {
  return scryptSync(passphrase.normalize("NFC"), salt, 32, {
    N: cost,
    r: blockSize,
    p: 1,
    maxmem: 256 * cost * blockSize,
  });
}

/** A fresh data key and the header that wraps it. */
export function newHeader(lock: Lock): { header: BackupHeader; dataKey: Buffer } {
  const dataKey = randomBytes(32);
  if ("publicKey" in lock)
    return {
      dataKey,
      header: {
        format: BACKUP_FORMAT,
        version: 1,
        cipher: "AES-256-GCM",
        wrap: { kind: "public-key", sealed: sealTo(lock.publicKey, dataKey) },
      },
    };
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { scryptCost: cost, scryptBlockSize: blockSize } = limits.backup;
  const c = createCipheriv("aes-256-gcm", passphraseKey(lock.passphrase, salt, cost, blockSize), nonce);
  c.setAAD(WRAP_AAD);
  const wrapped = Buffer.concat([c.update(dataKey), c.final()]);
  const wrap: PassphraseWrap = {
    kind: "passphrase",
    kdf: "scrypt",
    salt: b64(salt),
    cost,
    blockSize,
    nonce: b64(nonce),
    wrapped: b64(wrapped),
    tag: b64(c.getAuthTag()),
  };
  return { dataKey, header: { format: BACKUP_FORMAT, version: 1, cipher: "AES-256-GCM", wrap } };
}

/** The header line as it was read; anything else is not a huzhu backup. */
export function parseHeader(line: string): BackupHeader {
  let h: BackupHeader;
  try {
    h = JSON.parse(line) as BackupHeader;
  } catch {
    throw new BackupFileError("not a huzhu backup file (no header)");
  }
  if (h?.format !== BACKUP_FORMAT || h.version !== 1 || h.cipher !== "AES-256-GCM" || !h.wrap)
    throw new BackupFileError("not a huzhu backup file of a version this huzhu reads");
  return h;
}

/** The data key; a wrong passphrase or private key (or a changed header) is one line. */
export function unwrapDataKey(h: BackupHeader, unlock: Unlock): Buffer {
  const w = h.wrap;
  if (w.kind === "public-key") {
    if (!("privateKeyPem" in unlock))
      throw new BackupFileError("this backup is encrypted to a public key: give its private key (--key)");
    const key = openSealed(unlock.privateKeyPem, w.sealed);
    if (!key || key.length !== 32) throw new BackupFileError("the private key does not open this backup");
    return key;
  }
  if (!("passphrase" in unlock))
    throw new BackupFileError(
      "this backup is encrypted to a passphrase: give it (--passphrase-file or HUZHU_BACKUP_PASSPHRASE)",
    );
  if (
    w.kdf !== "scrypt" ||
    !Number.isInteger(w.cost) ||
    w.cost < 2 ||
    w.cost > limits.backup.scryptCostMax ||
    !Number.isInteger(w.blockSize) ||
    w.blockSize < 1 ||
    w.blockSize > 32
  )
    throw new BackupFileError("the backup's key derivation is not one this huzhu accepts");
  try {
    const kek = passphraseKey(unlock.passphrase, Buffer.from(w.salt, "base64"), w.cost, w.blockSize);
    const d = createDecipheriv("aes-256-gcm", kek, Buffer.from(w.nonce, "base64"));
    d.setAAD(WRAP_AAD);
    d.setAuthTag(Buffer.from(w.tag, "base64"));
    return Buffer.concat([d.update(Buffer.from(w.wrapped, "base64")), d.final()]);
  } catch {
    throw new BackupFileError("wrong passphrase: it does not open this backup");
  }
}

const frameNonce = (n: number) => {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(n), 4);
  return nonce;
};
const frameAad = (headerHash: Buffer, n: number, last: boolean) =>
  Buffer.concat([headerHash, frameNonce(n), Buffer.from([last ? 1 : 0])]);

/** Encrypts a stream into frames; the header line is written first. */
export function encryptingStream(headerLine: string, dataKey: Buffer): Transform {
  const headerHash = sha256(headerLine);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let n = 0;
  const frame = (plain: Buffer, last: boolean) => {
    const c = createCipheriv("aes-256-gcm", dataKey, frameNonce(n));
    c.setAAD(frameAad(headerHash, n, last));
    const body = Buffer.concat([c.update(plain), c.final()]);
    n++;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body, c.getAuthTag()]);
  };
  const size = limits.backup.frameBytes;
  return new Transform({
    construct(cb) {
      this.push(`${headerLine}\n`);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= size) {
        const all = Buffer.concat(pending);
        let at = 0;
        for (; all.length - at >= size; at += size) this.push(frame(all.subarray(at, at + size), false));
        pending = [all.subarray(at)];
        pendingBytes = all.length - at;
      }
      cb();
    },
    flush(cb) {
      this.push(frame(Buffer.concat(pending), true));
      cb();
    },
  });
}

/** Decrypts the frames after the header line; a changed, reordered or missing frame is a BackupFileError. */
export function decryptingStream(headerLine: string, dataKey: Buffer): Transform {
  const headerHash = sha256(headerLine);
  let buf: Buffer = Buffer.alloc(0);
  let n = 0;
  let ended = false;
  const corrupt = () => new BackupFileError("the backup file is corrupt: a frame fails its authentication");
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      while (buf.length >= 4) {
        const len = buf.readUInt32BE(0);
        if (ended || len > limits.backup.frameBytes) return cb(corrupt());
        if (buf.length < 4 + len + 16) break;
        const body = buf.subarray(4, 4 + len);
        const tag = buf.subarray(4 + len, 4 + len + 16);
        const plain = openFrame(dataKey, headerHash, n, body, tag);
        if (!plain) return cb(corrupt());
        ended = plain.last;
        n++;
        this.push(plain.bytes);
        buf = buf.subarray(4 + len + 16);
      }
      cb();
    },
    flush(cb) {
      if (!ended || buf.length > 0)
        return cb(new BackupFileError("the backup file is truncated: its last frame is missing"));
      cb();
    },
  });
}

/** A frame's plaintext, trying it as an inner frame and as the last; undefined when neither verifies. */
function openFrame(key: Buffer, headerHash: Buffer, n: number, body: Buffer, tag: Buffer) {
  for (const last of [false, true]) {
    try {
      const d = createDecipheriv("aes-256-gcm", key, frameNonce(n));
      d.setAAD(frameAad(headerHash, n, last));
      d.setAuthTag(tag);
      return { bytes: Buffer.concat([d.update(body), d.final()]), last };
    } catch {
      // the other flag, or a corrupt frame
    }
  }
  return undefined;
}
