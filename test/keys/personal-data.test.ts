import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBatches, staleCount } from "../../src/keys/batches.ts";
import { readManifest } from "../../src/keys/keyring.ts";
import { keysRepository } from "../../src/keys/keys.repository.ts";
import { startRotation } from "../../src/keys/rotate.ts";
import { CIPHER_TARGETS } from "../../src/keys/targets.ts";
import { cipherKeyVersion, decryptPersonalBytes, encryptPersonal, loadSecrets } from "../../src/secrets.ts";
import { registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * Issue 20: the personal-data key rotated online. Rows are re-encrypted in batches of 2 (each batch one
 * transaction with its progress); the job is stopped after 2 batches, then killed inside a batch, then
 * resumed: every ciphertext ends under version 2 with the same plaintext, version 1 retired (its file
 * gone, the manifest says so), and no plaintext in the logs.
 */
const keysDir = join(mkdtempSync(join(tmpdir(), "huzhu-keys-")), "keys");
const paths = { keysDir, secretKeyFile: join(keysDir, "..", "secret.key") };
const t = useTestApp({ secrets: loadSecrets(paths), logLevel: "info" });
const names = ["李雷", "韩梅梅", "王芳", "赵强", "陈静"];

/** Every ciphertext stored, by table, key and column, with its key version and plaintext. */
async function ciphertexts() {
  const out = new Map<string, { version: number | null; plain: string }>();
  for (const target of CIPHER_TARGETS) {
    const keys = target.key.map((k) => `${k.column}::text`).join(" || '/' || ");
    const { rows } = await t.db.pool.query(
      `SELECT ${keys} AS k, ${target.columns.join(", ")} FROM ${target.table}`,
    );
    for (const r of rows)
      for (const c of target.columns)
        if (r[c])
          out.set(`${target.table}/${r.k}/${c}`, {
            version: cipherKeyVersion(r[c]),
            plain: decryptPersonalBytes(t.deps.secrets, r[c]).toString("hex"),
          });
  }
  return out;
}

describe("rotating the personal-data key", () => {
  it("re-encrypts every row in resumable batches, reads both keys meanwhile, retires version 1", async () => {
    for (const [i, name] of names.entries())
      await registerMember(t, `1390000000${i}`, residentId("1985-05-05", 40 + i), name);
    // a claim document file, stored as documents.ts stores it
    const docDir = join(t.deps.dataDir, "documents", "ab");
    mkdirSync(docDir, { recursive: true });
    writeFileSync(
      join(docDir, "ab01"),
      encryptPersonal(t.deps.secrets, "a scan of 李雷's discharge summary"),
    );
    const before = await ciphertexts();
    // 5 members' records, 5 text messages' mobiles: 10 ciphertexts, all version 1
    expect(before.size).toBe(10);
    expect([...before.values()].every((c) => c.version === 1)).toBe(true);

    const r = await startRotation(t.deps, "personal-data");
    expect([r.fromVersion, r.toVersion]).toEqual([1, 2]);
    expect(readManifest(keysDir)["personal-data"]).toEqual({ current: 2, retired: [] });
    // written after the start: under version 2 already; the old rows still read
    const late = await registerMember(t, "13900000009", residentId("1985-05-05", 49), "周杰");
    const { rows: lateRow } = await t.db.pool.query(
      "SELECT personal_cipher FROM members WHERE member_id = $1",
      [late.memberId],
    );
    expect([...lateRow[0].personal_cipher.subarray(0, 2)]).toEqual([2, 2]);
    const first = await t.app.inject({ method: "GET", url: "/me", headers: late.auth });
    expect(first.statusCode).toBe(200);

    // stopped after 2 batches of 2 rows: 4 rows moved, the rest still under version 1
    expect(await runBatches(t.deps, "personal-data", { maxBatches: 2, batchRows: 2 })).toBe("more");
    let row = (await keysRepository.running(t.db.pool, "personal-data"))!;
    expect([row.batchesDone, row.rowsDone]).toEqual([2, 4]);
    // 10 before + the late member's record and text message (2, under v2 already) = 12; 4 moved: 6 left + the document
    expect(await staleCount(t.deps, "personal-data", 2)).toBe(7);

    // killed inside the third batch: its rows and its progress roll back together
    const killed = {
      ...t.deps,
      checkpoint: () => {
        throw new Error("killed");
      },
    };
    await expect(runBatches(killed, "personal-data", { batchRows: 2 })).rejects.toThrow("killed");
    row = (await keysRepository.running(t.db.pool, "personal-data"))!;
    expect([row.batchesDone, row.rowsDone]).toEqual([2, 4]);
    expect(await staleCount(t.deps, "personal-data", 2)).toBe(7);

    // resumed (as the worker's next keys.rotate job would): to the end, then version 1 retires
    expect(await runBatches(t.deps, "personal-data", { batchRows: 2 })).toBe("retired");
    const after = await ciphertexts();
    expect(after.size).toBe(12);
    for (const [k, c] of before) expect(after.get(k)).toEqual({ version: 2, plain: c.plain });
    expect([...after.values()].every((c) => c.version === 2)).toBe(true);
    expect(cipherKeyVersion(readFileSync(join(docDir, "ab01")))).toBe(2);
    expect(decryptPersonalBytes(t.deps.secrets, readFileSync(join(docDir, "ab01"))).toString()).toBe(
      "a scan of 李雷's discharge summary",
    );
    expect(readManifest(keysDir)["personal-data"]).toEqual({ current: 2, retired: [1] });
    expect(existsSync(join(keysDir, "personal-data.key"))).toBe(false);
    expect(existsSync(join(keysDir, "personal-data.v2.key"))).toBe(true);
    const done = (await keysRepository.all(t.db.pool)).find((x) => x.rotationId === r.rotationId)!;
    expect(done.state).toBe("retired");

    // a process started now has version 2 alone, reads everything, and refuses a version-1 ciphertext
    const fresh = loadSecrets(paths);
    expect(fresh.personalRing!.live().map((k) => k.version)).toEqual([2]);
    const { rows } = await t.db.pool.query("SELECT personal_cipher FROM members ORDER BY member_id LIMIT 1");
    expect(decryptPersonalBytes(fresh, rows[0].personal_cipher).toString()).toContain("李雷");
    const oldBlob = Buffer.concat([Buffer.from([1]), Buffer.alloc(40)]);
    expect(() => decryptPersonalBytes(fresh, oldBlob)).toThrow("version 1 is not in the key ring");
    expect((await t.app.inject({ method: "GET", url: "/me", headers: late.auth })).statusCode).toBe(200);

    // a second rotation goes to version 3; the log lines name versions and counts, never a person
    const second = await startRotation(t.deps, "personal-data");
    expect([second.fromVersion, second.toVersion]).toEqual([2, 3]);
    expect(await runBatches(t.deps, "personal-data")).toBe("retired");
    const logs = t.logs.join("\n");
    expect(logs).toContain("key version retired");
    for (const s of [...names, "13900000001", residentId("1985-05-05", 41), "discharge"])
      expect(logs).not.toContain(s);
  });
});
