import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * One key per purpose, each independent of the others: personal-data encryption, lookup hashes,
 * log pseudonyms and idempotent-request digests (webhook secrets and the log's signing key have files
 * of their own too). Knowing one key gives nothing about another.
 */
export type Secrets = {
  readonly encryptionKey: Buffer;
  readonly lookupKey: Buffer;
  readonly pseudonymKey: Buffer;
  readonly idempotencyKey: Buffer;
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
 * The keys of a data dir. A data dir made before keys were split has `secret.key`: its three keys stay
 * derived from it (the data is encrypted and hashed under them); the idempotency key is new and
 * independent either way. A new data dir gets an independent file per purpose.
 */
export function loadSecrets(paths: KeyPaths): Secrets {
  const own = (purpose: string) => loadKeyFile(join(paths.keysDir, `${purpose}.key`));
  const idempotencyKey = own("idempotency-digest");
  if (existsSync(paths.secretKeyFile)) {
    const legacy = secretsFromMaster(loadKeyFile(paths.secretKeyFile));
    return { ...legacy, idempotencyKey };
  }
  return {
    encryptionKey: own("personal-data"),
    lookupKey: own("lookup-hash"),
    pseudonymKey: own("pseudonym"),
    idempotencyKey,
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

/** AES-256-GCM: version ‖ 12-byte random nonce ‖ 16-byte tag ‖ ciphertext. */
export function encryptPersonal(secrets: Secrets, plaintext: string | Buffer): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv("aes-256-gcm", secrets.encryptionKey, nonce);
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_V1]), nonce, cipher.getAuthTag(), body]);
}

export function decryptPersonal(secrets: Secrets, blob: Buffer): string {
  return decryptPersonalBytes(secrets, blob).toString("utf8");
}

/** Files (claim documents) use the same format as the columns. */
export function decryptPersonalBytes(secrets: Secrets, blob: Buffer): Buffer {
  if (blob[0] !== FORMAT_V1) throw new Error("unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", secrets.encryptionKey, blob.subarray(1, 13));
  decipher.setAuthTag(blob.subarray(13, 29));
  return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]);
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

/** A keyed hash to find a record by a personal value without storing the value. */
export function lookupHash(secrets: Secrets, kind: "resident_id" | "mobile", value: string): Buffer {
  return createHmac("sha256", secrets.lookupKey).update(`${kind}:${value}`).digest();
}

/** How the public transparency log names a member: stable, unlinkable without the key. */
export function pseudonymOf(secrets: Secrets, memberId: number): string {
  return createHmac("sha256", secrets.pseudonymKey).update(`member:${memberId}`).digest("hex").slice(0, 32);
}
