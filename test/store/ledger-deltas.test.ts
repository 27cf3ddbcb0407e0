import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransaction } from "../../src/store/db.ts";
import { auditLedger, balanceOf, foldAccountDeltas } from "../../src/store/ledger.repository.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
  await db.pool.query(
    `INSERT INTO ledger_accounts (account_id, kind)
     VALUES ('bank:custodian', 'bank:custodian'), ('member:1:balance', 'member:balance'), ('member:2:balance', 'member:balance')`,
  );
});
afterAll(async () => {
  await db.close();
});

let n = 0;
/** A top-up's postings (Dr the shared custodian account, Cr the member), in the caller's transaction. */
async function topUp(q: { query: typeof db.pool.query }, memberId: number, amountFen: number) {
  const { rows } = await q.query(
    "INSERT INTO ledger_transactions (idem_key, kind, at) VALUES ($1, 'topup', now()) RETURNING txn_id",
    [`deltas:${++n}`],
  );
  await q.query("INSERT INTO ledger_postings VALUES ($1, 'bank:custodian', $3), ($1, $2, -$3)", [
    rows[0].txn_id,
    `member:${memberId}:balance`,
    amountFen,
  ]);
}

/** Migration 180: the shared accounts take deltas, so their postings wait on no other transaction. */
describe("balances of the shared accounts", () => {
  it("two members' top-ups post to the custodian account at once, neither waiting on the other", async () => {
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      await a.query("BEGIN");
      await b.query("BEGIN");
      // one cached row for bank:custodian would make b wait for a's commit: lock_timeout would fire
      await b.query("SET LOCAL lock_timeout = '500ms'");
      await topUp(a, 1, 1_000);
      await topUp(b, 2, 2_000);
      await b.query("COMMIT");
      await a.query("COMMIT");
    } finally {
      a.release();
      b.release();
    }
    // 1,000 + 2,000 fen at the custodian; each member holds theirs (a liability: negative)
    expect(await balanceOf(db.pool, "bank:custodian")).toBe(3_000);
    expect(await balanceOf(db.pool, "member:1:balance")).toBe(-1_000);
    expect(await balanceOf(db.pool, "member:2:balance")).toBe(-2_000);
    // the members' own accounts are cached rows, never deltas
    const deltas = await db.pool.query("SELECT DISTINCT account_id FROM account_balance_deltas");
    expect(deltas.rows).toEqual([{ account_id: "bank:custodian" }]);
    expect(await auditLedger(db.pool)).toEqual([]);
  });

  it("a fold moves the deltas into the cached row, and leaves a delta committed meanwhile for the next", async () => {
    const before = await balanceOf(db.pool, "bank:custodian");
    const late = await db.pool.connect();
    try {
      await late.query("BEGIN");
      await topUp(late, 1, 500);
      const folded = await foldAccountDeltas(db.pool); // the uncommitted delta is not in its snapshot
      expect(folded).toBeGreaterThan(0);
      await late.query("COMMIT");
    } finally {
      late.release();
    }
    expect(await balanceOf(db.pool, "bank:custodian")).toBe(before + 500);
    const left = await db.pool.query("SELECT delta_fen::int AS d FROM account_balance_deltas");
    expect(left.rows).toEqual([{ d: 500 }]);
    expect(await foldAccountDeltas(db.pool)).toBe(1);
    expect(await foldAccountDeltas(db.pool)).toBe(0);
    const cached = await db.pool.query(
      "SELECT balance_fen::int AS b FROM account_balances WHERE account_id = 'bank:custodian'",
    );
    expect(cached.rows[0].b).toBe(before + 500);
    expect(await auditLedger(db.pool)).toEqual([]);
  });

  it("whatever the order of postings and folds, every balance equals its postings (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ member: fc.constantFrom(1, 2), fen: fc.integer({ min: 1, max: 10_000 }) }),
            fc.constant("fold" as const),
          ),
          { maxLength: 12 },
        ),
        async (steps) => {
          for (const s of steps) {
            if (s === "fold") await foldAccountDeltas(db.pool);
            else await withTransaction(db.pool, (tx) => topUp(tx, s.member, s.fen));
          }
          const sums = await db.pool.query(
            "SELECT account_id, sum(amount_fen)::bigint AS total FROM ledger_postings GROUP BY account_id",
          );
          for (const r of sums.rows) expect(await balanceOf(db.pool, r.account_id)).toBe(Number(r.total));
        },
      ),
      { numRuns: 25, seed: 180 },
    );
    expect(await auditLedger(db.pool)).toEqual([]);
  });

  it("the audit names a shared account whose deltas were changed", async () => {
    await db.pool.query("INSERT INTO account_balance_deltas VALUES ('bank:custodian', 7)");
    const problems = await auditLedger(db.pool);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^account bank:custodian: cached balance \d+ fen, postings sum to \d+ fen$/);
    await db.pool.query("INSERT INTO account_balance_deltas VALUES ('bank:custodian', -7)");
    expect(await auditLedger(db.pool)).toEqual([]);
  });
});
