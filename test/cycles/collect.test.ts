import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fen } from "../../src/domain/money.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { clockTo, runCycleSteps } from "../support/cycles.ts";

/*
 * A prepaid collection from the balances, and the advances it leaves recovered from later top-ups
 * (moved from cycles.test.ts, by phase; one plan's cycles in order, so kept in one file).
 */

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe("a live 水滴 (prepaid) cycle", () => {
  it("takes shares from the balances and fails those who cannot pay", async () => {
    const ids = await cohort(t, 101, "1995-01-01", "2019-01-01", "shuidi", 5001);
    // 100 members hold 1.00 yuan each; one member has nothing: that share fails and is advanced
    const members = await t.db.pool.query(
      "SELECT member_id FROM participations WHERE participation_id = ANY($1) ORDER BY member_id",
      [ids],
    );
    const { postTransaction } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    await withTransaction(t.db.pool, async (tx) => {
      for (const m of members.rows.slice(1, 100)) {
        await postTransaction(tx, {
          key: `seed-${m.member_id}`,
          kind: "topup",
          at: new Date(),
          postings: [
            { accountId: "bank:custodian", amountFen: fen(100) },
            { accountId: `member:${m.member_id}:balance`, amountFen: fen(-100) },
          ],
        });
      }
    });
    await approveCase(t, ids[100]!, 5_000, "2020-03-02", "cancer");
    const d = await runCycleSteps(t, "shuidi", "2020-03-02");
    // 50 yuan + 8% = 5,400 fen among 100 sharing members = 54 fen each; 99 pay from their balance, 1 fails
    expect(d).toMatchObject({
      sharingMembers: 100,
      collectedFen: 99 * 54,
      failedFen: 54,
      advancedFen: 54,
      surplusOutFen: 0,
    });
    expect(await auditLedger(t.db.pool)).toEqual([]);
    const bal = await t.db.pool.query(
      `SELECT balance_fen FROM account_balances WHERE account_id = 'member:${members.rows[1].member_id}:balance'`,
    );
    expect(bal.rows[0].balance_fen).toBe(-46); // 100 − 54 = 46 fen held
  });

  it("repays an advanced share from the member's next top-up, once the balance covers it", async () => {
    const { topUp } = await import("../../src/payments/top-up.ts");
    const { balanceOf } = await import("../../src/store/ledger.repository.ts");
    const owner = await t.db.pool.query(
      `SELECT s.member_id FROM cycle_shares s JOIN cycles c USING (cycle_id)
       WHERE c.plan_id = 'shuidi' AND s.status = 'failed'`,
    );
    expect(owner.rows).toHaveLength(1); // the member who held nothing above
    const memberId: number = owner.rows[0].member_id;
    const self = { kind: "member" as const, id: memberId, roles: ["member" as const] };
    const advance = `member:${memberId}:advance`;
    // 53 fen is one short of the 54-fen share: nothing is taken, the advance stays
    await topUp(t.deps, self, memberId, 53, "first");
    expect(await balanceOf(t.db.pool, advance)).toBe(54);
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(-53);
    // one more fen: 54 held covers the share exactly, which is repaid, leaving 0
    await topUp(t.deps, self, memberId, 1, "second");
    expect(await balanceOf(t.db.pool, advance)).toBe(0);
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(0);
    // the same top-up replayed changes nothing
    await topUp(t.deps, self, memberId, 1, "second");
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(0);
    const [shuidi] = (await listCycles(t.db.pool, "shuidi")).items;
    // collected 99 × 54 + 54 = 5,400; nothing failed or advanced any more; 54 recovered later
    expect(shuidi).toMatchObject({
      collectedFen: 5_400,
      failedFen: 0,
      advancedFen: 0,
      recoveredLaterFen: 54,
    });
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});

describe("a prepaid top-up beside a cycle still open", () => {
  it("repays an old advance only from money no open cycle has claimed, and never past what is owed", async () => {
    const { announceCycle } = await import("../../src/cycles/announce.ts");
    const { collectCycle } = await import("../../src/cycles/collect.ts");
    const { applyBalanceRules } = await import("../../src/enrolment/balance-rules.ts");
    const { topUp } = await import("../../src/payments/top-up.ts");
    const { balanceOf, postTransaction } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    // 11 new members; the 10 sharing all hold 1,000 fen but M, who holds nothing; the 11th claims
    const ids = await cohort(t, 11, "1991-01-01", "2019-02-01", "shuidi", 6001);
    const members = (
      await t.db.pool.query(
        "SELECT member_id FROM participations WHERE participation_id = ANY($1) ORDER BY member_id",
        [ids],
      )
    ).rows.map((r) => r.member_id as number);
    const m = members[0]!;
    await withTransaction(t.db.pool, async (tx) => {
      for (const id of members.slice(1))
        await postTransaction(tx, {
          key: `seed-open-${id}`,
          kind: "topup",
          at: new Date(),
          postings: [
            { accountId: "bank:custodian", amountFen: fen(1_000) },
            { accountId: `member:${id}:balance`, amountFen: fen(-1_000) },
          ],
        });
    });
    const claimant = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE participation_id = ANY($1) AND member_id = $2",
      [ids, members[10]],
    );
    const caseOn = async (on: string) =>
      approveCase(t, claimant.rows[0].participation_id, 1_000_000, on, "cancer");
    // Cycle A: 10,000 yuan + 8% over 10 members is far over the 3-yuan cap per case: 300 fen each, the
    // sponsor bears the rest; M's 300 fails and is advanced. (The earlier cohort is suspended: it holds
    // 46 fen, under the 1-yuan floor, and shares nothing.)
    await caseOn("2020-04-01");
    const a = await runCycleSteps(t, "shuidi", "2020-04-01");
    expect(a).toMatchObject({ sharingMembers: 10, collectedFen: 9 * 300, failedFen: 300 });
    const advance = `member:${m}:advance`;
    const balance = `member:${m}:balance`;
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    const self = { kind: "member" as const, id: m, roles: ["member" as const] };
    // 299 fen: one short of the advance, nothing repaid; enough to resume protection (floor 100)
    await topUp(t.deps, self, m, 299, "open-1");
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    await applyBalanceRules(t.deps, "shuidi", civilDate("2020-04-02"));
    // Cycle B announced, not yet collected: M owes 300 fen in it
    await caseOn("2020-04-03");
    clockTo(t, "2020-04-03");
    const b = await announceCycle(t.deps, "shuidi", civilDate("2020-04-03"));
    // 2 fen more: 301 held, but 300 of it is claimed by cycle B, so the old advance waits
    await topUp(t.deps, self, m, 2, "open-2");
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    expect(await balanceOf(t.db.pool, balance)).toBe(-301);
    // and cycle B collects M's share from it: 301 − 300 = 1 fen left
    const db = await collectCycle(t.deps, b);
    expect(db.failedFen).toBe(0);
    expect(await balanceOf(t.db.pool, balance)).toBe(-1);
    // An exit settles what it can of the advance from the balance (1 fen): 299 still owed.
    const { exit } = await import("../../src/enrolment/exit.ts");
    const mine = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE member_id = $1 AND status <> 'ended'",
      [m],
    );
    await exit(t.deps, self, mine.rows[0].participation_id);
    expect(await balanceOf(t.db.pool, advance)).toBe(299);
    // A top-up of 1,000 could pay the 300-fen share, but only 299 is still owed on it: nothing is taken
    // twice, the receivable never goes below zero.
    await topUp(t.deps, self, m, 1_000, "open-3");
    expect(await balanceOf(t.db.pool, advance)).toBe(299);
    expect(await balanceOf(t.db.pool, balance)).toBe(-1_000);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});
