import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSecrets, loadWebhookSecret, lookupHash, secretsFromMaster } from "../src/secrets.ts";

const dirOf = () => {
  const dataDir = mkdtempSync(join(tmpdir(), "huzhu-keys-"));
  return { keysDir: join(dataDir, "keys"), secretKeyFile: join(dataDir, "secret.key") };
};
const mode = (file: string) => statSync(file).mode & 0o777;

describe("one independent key per purpose", () => {
  it("a new data dir gets one file per purpose, mode 0600, with distinct keys", () => {
    const paths = dirOf();
    const s = loadSecrets(paths);
    const webhook = loadWebhookSecret(paths, "simulated");
    const keys = [s.encryptionKey, s.lookupKey, s.pseudonymKey, s.idempotencyKey].map((k) =>
      k.toString("hex"),
    );
    keys.push(webhook);
    expect(new Set(keys).size).toBe(5);
    for (const f of ["personal-data", "lookup-hash", "pseudonym", "idempotency-digest", "webhook-simulated"])
      expect(mode(join(paths.keysDir, `${f}.key`))).toBe(0o600);
    expect(existsSync(paths.secretKeyFile)).toBe(false);
    // read back, not regenerated
    expect(loadSecrets(paths).lookupKey.equals(s.lookupKey)).toBe(true);
    expect(loadWebhookSecret(paths, "simulated")).toBe(webhook);
  });

  it("the webhook secret is no longer a slice of the lookup key (the old derivation)", () => {
    const paths = dirOf();
    const s = loadSecrets(paths);
    const webhook = loadWebhookSecret(paths, "simulated");
    expect(webhook.includes(s.lookupKey.toString("hex").slice(0, 32))).toBe(false);
    expect(loadWebhookSecret(paths, "other-provider")).not.toBe(webhook);
  });

  it("an existing data dir keeps the keys derived from its master file; new purposes get new files", () => {
    const paths = dirOf();
    const master = randomBytes(32);
    writeFileSync(paths.secretKeyFile, master.toString("base64"), { mode: 0o600 });
    const s = loadSecrets(paths);
    const old = secretsFromMaster(master);
    expect(s.encryptionKey.equals(old.encryptionKey)).toBe(true);
    expect(lookupHash(s, "mobile", "13900000000").equals(lookupHash(old, "mobile", "13900000000"))).toBe(
      true,
    );
    expect(s.idempotencyKey.equals(old.idempotencyKey)).toBe(false);
    expect(readFileSync(join(paths.keysDir, "idempotency-digest.key"), "utf8").length).toBeGreaterThan(40);
  });

  it("a key file of the wrong size is refused with its name", () => {
    const paths = dirOf();
    writeFileSync(paths.secretKeyFile, "c2hvcnQ=");
    expect(() => loadSecrets(paths)).toThrow(/secret\.key must hold 32 bytes/);
  });
});
