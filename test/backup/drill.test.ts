import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { decryptPersonalRecord, loadSecrets } from "../../src/secrets.ts";
import type { Db } from "../../src/store/db.ts";
import { type Database, openDatabase } from "../../src/store/open.ts";
import { applicant, t, useClaimsStory } from "../support/claims.ts";
import { cliWith, filesIn, freshDir, writeKeyFiles } from "./backup-support.ts";

/*
 * Issue 20, the restore drill: the claims story through its payout — members and a family, cycles
 * announced and collected, a claim refused, appealed to a jury that voted (its candidate list published in
 * the data dir), objected to, approved and paid, documents uploaded — backed up by `huzhu backup` and
 * restored by `huzhu restore` into a fresh data dir, where it makes a new embedded cluster (durable, as
 * production runs). There `huzhu audit` passes, and the log head, every balance, every sequence, every disclosure,
 * the log export, the claims, the keys and the data dir's files are those of the original.
 */
useClaimsStory("pay");

const PASSPHRASE = "drill passphrase, long enough";
let source: Record<string, string>;
let restored: Record<string, string>;
let target: Database;
let work: string;

beforeAll(async () => {
  // the worker's sequencer would have run by now: the facts of the story's last steps are in the log
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  source = { DATABASE_URL: t.db.url, HUZHU_DATA_DIR: writeKeyFiles(t), HUZHU_BACKUP_PASSPHRASE: PASSPHRASE };
  restored = { HUZHU_DATA_DIR: join(freshDir("huzhu-drill-"), "data"), HUZHU_BACKUP_PASSPHRASE: PASSPHRASE };
  work = freshDir("huzhu-drill-file-");
}, 60_000);
afterAll(async () => {
  await target?.close();
});

const both = async (argv: string[]) => [await cliWith(source, argv), await cliWith(restored, argv)] as const;
const rows = async (pool: Db, sql: string) => (await pool.query(sql)).rows;
const QUERIES = {
  head: "SELECT size, encode(root_hash, 'hex') AS root, checkpoint FROM log_heads ORDER BY size DESC LIMIT 1",
  balances: "SELECT account_id, balance_fen FROM account_balances_now ORDER BY account_id",
  sequences: "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
  votes: "SELECT * FROM jury_votes ORDER BY 1, 2",
  migrations: "SELECT version, name FROM schema_migrations ORDER BY version",
};

describe("the restore drill", () => {
  it("backs up, restores into the fresh cluster, and the audit passes there", async () => {
    const made = await cliWith(source, ["backup", join(work, "drill.huzhu")]);
    expect(made.stderr).toBe("");
    // 4 key files, the log key, the claims' documents and the jury's candidate list
    const files = filesIn(t.deps.dataDir).length;
    expect(made.stdout).toContain(`${files} files (keys, documents, jury lists)`);
    expect((await cliWith(source, ["audit"])).stdout).toMatch(/^audit passed/);
    const r = await cliWith(restored, ["restore", join(work, "drill.huzhu")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(
      /^restored \d+ tables \(\d+ rows\) at migration \d{3} and \d+ files into .*every table's rows match/,
    );
    // the restore made the cluster and stopped it; from here it runs, and each command shares it
    target = await openDatabase(loadConfig(restored));
    expect(filesIn(restored.HUZHU_DATA_DIR!).filter((f) => !/^pg[./]/.test(f))).toEqual(
      filesIn(t.deps.dataDir),
    );
    const audit = await cliWith(restored, ["audit"]);
    expect(audit.stderr).toBe("");
    expect(audit.stdout).toMatch(/^audit passed/);
  }, 120_000);

  it("the log head, every balance, sequence and jury vote are the original's", async () => {
    for (const sql of Object.values(QUERIES)) {
      const [a, b] = [await rows(t.db.pool, sql), await rows(target.pool, sql)];
      expect(a.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
    // the story paid a claim: some member balances moved
    const moved = await rows(
      target.pool,
      "SELECT count(*)::int AS n FROM account_balances_now WHERE balance_fen <> 0",
    );
    expect(moved[0].n).toBeGreaterThan(0);
  });

  it("every disclosure, the log's export and the claims are the original's", async () => {
    for (const argv of [
      ["cycles", "--plan", "xianghubao"],
      ["claims", "list"],
    ]) {
      const [a, b] = await both(argv);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
    const [a, b] = await both(["log", "export", join(work, "x.json")]);
    expect(b.stdout).toBe(a.stdout);
    await cliWith(source, ["log", "export", join(work, "a.json")]);
    await cliWith(restored, ["log", "export", join(work, "b.json")]);
    const exported = JSON.parse(readFileSync(join(work, "a.json"), "utf8"));
    expect(exported.disclosures.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(work, "b.json"), "utf8"))).toEqual(exported);
  });

  it("the keys came back: the restored data dir opens a member's encrypted record", async () => {
    const keys = loadSecrets(loadConfig(restored));
    // every key's bytes are the original's (the rings hold paths and load times beside them)
    const material = (x: object) =>
      Object.fromEntries(Object.entries(x).filter(([, v]) => Buffer.isBuffer(v) || v instanceof Uint8Array));
    expect(Object.keys(material(keys)).length).toBeGreaterThan(2);
    expect(material(keys)).toEqual(material(t.deps.secrets));
    const { rows: m } = await target.pool.query("SELECT personal_cipher FROM members WHERE member_id = $1", [
      applicant.memberId,
    ]);
    expect(decryptPersonalRecord(keys, m[0].personal_cipher).name).toBe("李四");
  });

  it("a second restore onto the restored target is refused (exit 2), and nothing changed", async () => {
    const again = await cliWith(restored, ["restore", join(work, "drill.huzhu")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^huzhu: the target is not empty: /);
    expect(await rows(target.pool, QUERIES.head)).toEqual(await rows(t.db.pool, QUERIES.head));
  });
});
