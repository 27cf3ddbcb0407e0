import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type LogKeys = {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
};

/** The log's Ed25519 signing key, generated on first start (mode 0600); the public key is published. */
export function loadLogKeys(dataDir: string): LogKeys {
  const file = join(dataDir, "log-signing-key.pem");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  }
  return keysFromPrivate(createPrivateKey(readFileSync(file, "utf8")));
}

export function keysFromPrivate(privateKey: KeyObject): LogKeys {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function freshLogKeys(): LogKeys {
  return keysFromPrivate(generateKeyPairSync("ed25519").privateKey);
}
