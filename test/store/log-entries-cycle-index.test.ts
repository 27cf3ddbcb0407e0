import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planOf, type TestDatabase, testDatabase } from "../support/db.ts";

// Migration 181 (issue 20, load): the log entry of a cycle's share root (a member's shares page, per
// cycle) and of its announcement (the membership audit) are found by the cycle they name through an
// index, not a scan of a log that holds an entry per member (bench/log-lookups.bench.ts: 5 s a page
// of 24 cycles among a million join entries, against under a millisecond).
let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

const plan = (sql: string) => planOf(db.pool, sql);

const byCycle = (kind: string) =>
  `SELECT idx FROM log_entries e WHERE e.kind = '${kind}' AND (e.canonical::jsonb ->> 'cycle')::bigint = 7 LIMIT 1`;

describe("log entries by the cycle they name (migration 181)", () => {
  it("a cycle's share-root and announcement entries are read through log_entries_cycle", async () => {
    expect(await plan(byCycle("cycle_share_root"))).toContain("log_entries_cycle");
    expect(await plan(byCycle("announcement"))).toContain("log_entries_cycle");
  });

  it("other kinds are not in it (the index is partial), and without it the lookup scans the log", async () => {
    expect(await plan(byCycle("join"))).not.toContain("log_entries_cycle");
    await db.pool.query("DROP INDEX log_entries_cycle");
    try {
      expect(await plan(byCycle("cycle_share_root"))).toMatch(/Seq Scan/);
    } finally {
      await db.pool.query(
        `CREATE INDEX log_entries_cycle ON log_entries (kind, ((canonical::jsonb ->> 'cycle')::bigint))
           WHERE kind IN ('announcement', 'cycle_share_root')`,
      );
    }
  });
});
