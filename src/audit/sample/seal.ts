import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";

/*
 * Encryption to an auditor's X25519 public key (an ECIES construction from node:crypto, no dependency):
 * a fresh X25519 key pair per bundle; the shared secret through HKDF-SHA-256 (salt: both public keys,
 * info: the purpose) gives an AES-256-GCM key; a random 12-byte nonce. Only the holder of the auditor's
 * private key can open it, and any change to the ciphertext fails its tag. Auditors make their key with
 * `openssl genpkey -algorithm X25519 -out auditor.pem` and hand over `openssl pkey -in auditor.pem -pubout`.
 */

export type Sealed = {
  alg: "X25519-HKDF-SHA256-AES256GCM";
  ephemeralKey: string;
  nonce: string;
  ciphertext: string;
  tag: string;
};

const INFO = Buffer.from("huzhu sampling audit evidence v1");
const raw = (k: KeyObject) => k.export({ type: "spki", format: "der" });

function keyFor(shared: Buffer, ephemeral: KeyObject, recipient: KeyObject): Buffer {
  const salt = Buffer.concat([raw(ephemeral), raw(recipient)]);
  return Buffer.from(hkdfSync("sha256", shared, salt, INFO, 32));
}

/** The X25519 public key in a PEM, or undefined when it is not one. */
export function x25519PublicKey(pem: string): KeyObject | undefined {
  // a private key would derive its public one, but the operator must never hold the auditor's secret
  if (pem.includes("PRIVATE KEY")) return undefined;
  try {
    const k = createPublicKey(pem);
    return k.asymmetricKeyType === "x25519" ? k : undefined;
  } catch {
    return undefined;
  }
}

export function sealTo(recipient: KeyObject, plaintext: Buffer): Sealed {
  const eph = generateKeyPairSync("x25519");
  const key = keyFor(
    diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }),
    eph.publicKey,
    recipient,
  );
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    alg: "X25519-HKDF-SHA256-AES256GCM",
    ephemeralKey: raw(eph.publicKey).toString("base64"),
    nonce: nonce.toString("base64"),
    ciphertext: ciphertext.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
  };
}

/** Opens a sealed bundle with the auditor's private key; undefined when the key or the bundle is wrong. */
export function openSealed(privateKeyPem: string, s: Sealed): Buffer | undefined {
  try {
    const privateKey = createPrivateKey(privateKeyPem);
    const eph = createPublicKey({ key: Buffer.from(s.ephemeralKey, "base64"), format: "der", type: "spki" });
    const key = keyFor(diffieHellman({ privateKey, publicKey: eph }), eph, createPublicKey(privateKey));
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(s.nonce, "base64"));
    d.setAuthTag(Buffer.from(s.tag, "base64"));
    return Buffer.concat([d.update(Buffer.from(s.ciphertext, "base64")), d.final()]);
  } catch {
    return undefined;
  }
}
