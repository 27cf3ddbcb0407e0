import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackup, passOver } from "../../src/backup/restore-backup.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../src/log/witnessing.ts";
import { registerMember, residentId, type TestApp, testApp } from "../support/app.ts";
import { startWitnessProcess, type WitnessProcess } from "../support/witness-process.ts";
import { cliWith, emptyDatabase, filesIn, freshDir, tableCount, writeKeyFiles } from "./backup-support.ts";

/*
 * Issue 20, backups: the refusals. A small state (members joined, the log sequenced and cosigned by a
 * witness in its own process), backed up by `huzhu backup` from its database and data dir; then each way
 * a restore must stop with one line and write nothing: a wrong passphrase or key, a corrupt or truncated
 * file, a target that is not empty, a backup older than what the witness cosigned. The drill (a whole
 * restore, compared) is drill.test.ts.
 */
let t: TestApp;
let witness: WitnessProcess;
let source: Record<string, string>;
let work: string;
const PASSPHRASE = "correct horse battery staple";
const NAME = "欧阳备份";
const MOBILE = "13877770001";
const RID = residentId("1988-08-08", 771);

async function joinPlan(mobile: string, rid: string, name: string) {
  const m = await registerMember(t, mobile, rid, name);
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: {
      memberId: m.memberId,
      planId: "xianghubao",
      answers: { major_illness: false, hospitalised: false },
      answersVersion: "V2",
    },
  });
  expect(r.statusCode).toBe(201);
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
}
const cosign = () => submitToWitnesses(t.db.pool, [{ vkey: witness.vkey, url: witness.url }], t.clock.now());

beforeAll(async () => {
  t = await testApp();
  witness = await startWitnessProcess("backup.test/w", t.deps.logKeys.vkey);
  await joinPlan(MOBILE, RID, NAME);
  await joinPlan("13877770002", residentId("1990-01-01", 773), "司马测试");
  await cosign();
  source = { DATABASE_URL: t.db.url, HUZHU_DATA_DIR: writeKeyFiles(t) };
  work = freshDir("huzhu-backup-");
  writeFileSync(join(work, "pass.txt"), `${PASSPHRASE}\n`);
  writeFileSync(join(work, "wrong.txt"), "not the passphrase at all\n");
  const made = await cliWith(source, [
    "backup",
    join(work, "b.huzhu"),
    "--passphrase-file",
    join(work, "pass.txt"),
  ]);
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await witness?.stop();
  await t.close();
});

/** A restore into an empty database and a fresh data dir; the target is checked to be left untouched. */
async function refusedRestore(file: string, args: string[], env: Record<string, string> = {}) {
  const target = await emptyDatabase();
  const dataDir = freshDir();
  try {
    const r = await cliWith({ DATABASE_URL: target.url, HUZHU_DATA_DIR: dataDir, ...env }, [
      "restore",
      file,
      ...args,
    ]);
    return { ...r, tables: await tableCount(target.pool), files: filesIn(dataDir) };
  } finally {
    await target.close();
  }
}

describe("huzhu backup", () => {
  it("says what it wrote: tables, rows, the migration, the files, the log's size", async () => {
    const none = await cliWith(source, ["backup", join(work, "again.huzhu")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^huzhu: no key to encrypt to: --to PUBLIC_PEM, --passphrase-file FILE or HUZHU_BACKUP_PASSPHRASE\n$/,
    );
    const ok = await cliWith({ ...source, HUZHU_BACKUP_PASSPHRASE: PASSPHRASE }, [
      "backup",
      join(work, "again.huzhu"),
    ]);
    expect(ok.stderr).toBe("");
    // 4 key files and the log's signing key; no documents or jury lists in this state
    expect(ok.stdout).toMatch(
      /^backed up \d+ tables \(\d+ rows\) at migration \d{3}, 5 files .* the log at size \d+: .*encrypted to the passphrase\n$/,
    );
  });

  it("refuses a passphrase on the command line, a short one, and a private key given as --to", async () => {
    expect((await cliWith(source, ["backup", join(work, "x"), "--passphrase", PASSPHRASE])).code).toBe(2);
    writeFileSync(join(work, "short.txt"), "short\n");
    const short = await cliWith(source, [
      "backup",
      join(work, "x"),
      "--passphrase-file",
      join(work, "short.txt"),
    ]);
    expect(short.stderr).toBe("huzhu: the backup passphrase must have at least 12 characters\n");
    const pair = generateKeyPairSync("x25519");
    writeFileSync(join(work, "priv.pem"), pair.privateKey.export({ type: "pkcs8", format: "pem" }));
    const priv = await cliWith(source, ["backup", join(work, "x"), "--to", join(work, "priv.pem")]);
    expect(priv.code).toBe(2);
    expect(priv.stderr).toMatch(/--to: not an X25519 public key/);
    expect(existsSync(join(work, "x"))).toBe(false);
  });

  it("holds no personal data in plain text: not in the file, and inside only the columns' ciphertexts", async () => {
    const file = readFileSync(join(work, "b.huzhu"));
    for (const secret of [NAME, MOBILE, RID, "members", "personal_cipher"])
      expect(file.includes(Buffer.from(secret))).toBe(false);
    // decrypted: the rows are COPY text, a bytea column in hex; neither the values nor their hex appear
    let plain = "";
    await passOver(openBackup(join(work, "b.huzhu"), { passphrase: PASSPHRASE }), {
      rows: async (b) => {
        plain += b.toString("utf8");
      },
    });
    expect(plain).toMatch(/\\\\x01/); // the ciphertexts are there (format byte 1, in COPY's escaped hex)
    for (const secret of [NAME, MOBILE, RID]) {
      expect(plain.includes(secret)).toBe(false);
      expect(plain.includes(Buffer.from(secret).toString("hex"))).toBe(false);
    }
  });
});

describe("huzhu restore refuses, in one line, and writes nothing", () => {
  it("a wrong passphrase (exit 2)", async () => {
    const r = await refusedRestore(join(work, "b.huzhu"), ["--passphrase-file", join(work, "wrong.txt")]);
    expect(r).toMatchObject({
      code: 2,
      stderr: "huzhu: wrong passphrase: it does not open this backup\n",
      tables: 0,
      files: [],
    });
  });

  it("a backup encrypted to a public key opened without its private key, or with another", async () => {
    const pair = generateKeyPairSync("x25519");
    const other = generateKeyPairSync("x25519");
    writeFileSync(join(work, "pub.pem"), pair.publicKey.export({ type: "spki", format: "pem" }));
    writeFileSync(join(work, "other.pem"), other.privateKey.export({ type: "pkcs8", format: "pem" }));
    const made = await cliWith(source, ["backup", join(work, "pk.huzhu"), "--to", join(work, "pub.pem")]);
    expect(made.stdout).toMatch(/encrypted to the public key/);
    const wrong = await refusedRestore(join(work, "pk.huzhu"), ["--key", join(work, "other.pem")]);
    expect(wrong).toMatchObject({
      code: 2,
      stderr: "huzhu: the private key does not open this backup\n",
      tables: 0,
      files: [],
    });
    const none = await refusedRestore(join(work, "pk.huzhu"), [], { HUZHU_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(none.stderr).toMatch(
      /^huzhu: this backup is encrypted to a public key: give its private key \(--key\)\n$/,
    );
  });

  it("a corrupt file (one byte changed) and a truncated one (exit 2)", async () => {
    const bytes = readFileSync(join(work, "b.huzhu"));
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(join(work, "corrupt.huzhu"), flipped);
    writeFileSync(join(work, "short.huzhu"), bytes.subarray(0, bytes.length - 10));
    writeFileSync(join(work, "header.huzhu"), Buffer.concat([Buffer.from("{}\n"), bytes]));
    const args = ["--passphrase-file", join(work, "pass.txt")];
    const corrupt = await refusedRestore(join(work, "corrupt.huzhu"), args);
    expect(corrupt).toMatchObject({ code: 2, tables: 0, files: [] });
    expect(corrupt.stderr).toBe("huzhu: the backup file is corrupt: a frame fails its authentication\n");
    const short = await refusedRestore(join(work, "short.huzhu"), args);
    expect(short).toMatchObject({ code: 2, tables: 0, files: [] });
    expect(short.stderr).toBe("huzhu: the backup file is truncated: its last frame is missing\n");
    const header = await refusedRestore(join(work, "header.huzhu"), args);
    expect(header.stderr).toBe("huzhu: not a huzhu backup file of a version this huzhu reads\n");
  });

  it("a target database that has tables, or a data dir that has keys (exit 2)", async () => {
    const args = ["restore", join(work, "b.huzhu"), "--passphrase-file", join(work, "pass.txt")];
    const full = await cliWith({ DATABASE_URL: t.db.url, HUZHU_DATA_DIR: freshDir() }, args);
    expect(full).toMatchObject({
      code: 2,
      stderr: "huzhu: the target database is not empty: it has tables (restore into an empty database)\n",
    });
    const target = await emptyDatabase();
    try {
      const keys = await cliWith({ DATABASE_URL: target.url, HUZHU_DATA_DIR: source.HUZHU_DATA_DIR! }, args);
      expect(keys.code).toBe(2);
      expect(keys.stderr).toMatch(/^huzhu: the target is not empty: .*keys\/idempotency-digest\.key exists/);
      expect(await tableCount(target.pool)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it("a backup older than the checkpoint the witness cosigned: it says what each holds (exit 1), and a current one restores", async () => {
    const args = ["--passphrase-file", join(work, "pass.txt"), "--witness", `${witness.vkey}=${witness.url}`];
    const before = (
      await t.db.pool.query(
        "SELECT size, encode(root_hash, 'hex') AS root FROM log_heads ORDER BY size DESC LIMIT 1",
      )
    ).rows[0];
    await joinPlan("13877770003", residentId("1991-01-01", 775), "上官新");
    await cosign();
    const after = (
      await t.db.pool.query(
        "SELECT size, encode(root_hash, 'hex') AS root FROM log_heads ORDER BY size DESC LIMIT 1",
      )
    ).rows[0];
    expect(after.size).toBeGreaterThan(before.size);
    const stale = await refusedRestore(join(work, "b.huzhu"), args);
    expect(stale).toMatchObject({ code: 1, tables: 0, files: [] });
    expect(stale.stderr).toBe(
      `huzhu: the backup is older than what the log published: witness backup.test/w holds the log's checkpoint of size ${after.size}, root ${after.root}; the backup's log has size ${before.size}, root ${before.root}. Restoring it would serve a log the witnesses know was longer (restore a newer backup); nothing was restored\n`,
    );
    // a backup made now holds what the witness holds: it restores, and says so
    const made = await cliWith({ ...source, HUZHU_BACKUP_PASSPHRASE: PASSPHRASE }, [
      "backup",
      join(work, "now.huzhu"),
    ]);
    expect(made.code).toBe(0);
    const target = await emptyDatabase();
    try {
      const ok = await cliWith({ DATABASE_URL: target.url, HUZHU_DATA_DIR: freshDir() }, [
        "restore",
        join(work, "now.huzhu"),
        ...args,
      ]);
      expect(ok.stderr).toBe("");
      expect(ok.stdout).toContain(
        `the log at size ${after.size}, root ${after.root}; witnesses: backup.test/w: size ${after.size}`,
      );
    } finally {
      await target.close();
    }
  }, 60_000);
});
