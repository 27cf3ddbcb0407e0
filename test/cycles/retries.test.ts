import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCycles } from "../../src/cycles/run.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, enrolMembers, type TestApp, testApp } from "../support/app.ts";
import { runCycleSteps, runDueOn } from "../support/cycles.ts";

let t: TestApp;
const failKeys = new Set<string>();
const asyncKeys = new Set<string>();
beforeAll(async () => {
  t = await testApp({
    nowMs: Date.UTC(2020, 0, 1, 2),
    presets: ["xianghubao"],
    provider: { failureRate: 0, failKeys, asyncKeys },
  });
});
afterAll(async () => {
  await t.close();
});

describe("the failure policy of 相互宝 (5 daily retries, one failure after retries ends the participation)", () => {
  it("a failed debit recovered by a retry; a member who fails every retry leaves the plan; advances recovered", async () => {
    const { parts, members } = await enrolMembers(t, 4, "xianghubao", "1310000010", "1990-01-01", 400);
    const key = "cycle:xianghubao:2020-01-07:debit";
    failKeys.add(`${key}:${members[0]}`); // fails once, the first retry succeeds
    failKeys.add(`${key}:${members[1]}`); // fails every time
    for (let k = 1; k <= 5; k++) failKeys.add(`${key}:${members[1]}:retry:${k}`);
    await approveCase(t, parts[3]!, 300, "2020-01-05");
    // collection on 01-14; retries on 01-15 … 01-19
    await runDueOn(t, "xianghubao", "2020-01-14", "2020-01-07");
    let c = (await listCycles(t.db.pool, "xianghubao")).items[0]!;
    // 3 yuan + 8% = 324 fen among 3 = 108 each, capped at 0.10 × 1 case = 10 fen; two failed, advanced
    expect(c).toMatchObject({ collectedFen: 10, failedFen: 20, advancedFen: 20 });
    await runDueOn(t, "xianghubao", "2020-01-19", "2020-01-07");
    c = (await listCycles(t.db.pool, "xianghubao")).items[0]!;
    expect(c).toMatchObject({ collectedFen: 20, failedFen: 10, advancedFen: 10 });
    const status = await t.db.pool.query(
      "SELECT member_id, status, end_reason FROM participations WHERE participation_id = ANY($1) ORDER BY participation_id",
      [parts],
    );
    expect(status.rows.map((r) => r.end_reason)).toEqual([
      null,
      "sharing_obligation_failed",
      null,
      "benefit_approved",
    ]);
    const advances = await t.db.pool.query(
      "SELECT account_id, balance_fen FROM account_balances WHERE account_id LIKE 'member:%:advance' AND balance_fen <> 0",
    );
    expect(advances.rows).toEqual([{ account_id: `member:${members[1]}:advance`, balance_fen: 10 }]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});

describe("advances written off", () => {
  it("moves an unrecovered advance to the operator after the policy's days", async () => {
    const { installPlan } = await import("../../src/plans/presets.ts");
    const { mutualRules, planDoc } = await import("../support/plan-fixtures.ts");
    await installPlan(
      t.db.pool,
      planDoc(
        mutualRules({
          failurePolicy: {
            retryAttempts: 0,
            advanceRecovery: { recoverFromNextPayment: false, writeOffAfterDays: 30 },
          },
        }),
        { id: "writeoff" },
      ),
    );
    const { parts, members } = await enrolMembers(t, 3, "writeoff", "1310000020", "1991-01-01", 500);
    failKeys.add(`cycle:writeoff:2020-01-07:debit:${members[0]}`);
    await approveCase(t, parts[2]!, 300, "2020-01-05", "cancer");
    await runDueOn(t, "writeoff", "2020-01-14", "2020-01-07");
    const advance = () =>
      t.db.pool.query(
        `SELECT balance_fen FROM account_balances WHERE account_id = 'member:${members[0]}:advance'`,
      );
    expect((await advance()).rows[0].balance_fen).toBe(10); // 10 fen advanced (the per-case cap)
    await runDueOn(t, "writeoff", "2020-02-13", "2020-01-07"); // collect 01-14 + 30 = 02-13: not yet
    expect((await advance()).rows[0].balance_fen).toBe(10);
    await runDueOn(t, "writeoff", "2020-02-14", "2020-01-07");
    expect((await advance()).rows[0].balance_fen).toBe(0);
    const op = await t.db.pool.query(
      "SELECT balance_fen FROM account_balances_now WHERE account_id = 'plan:writeoff:operator_advances'",
    );
    expect(op.rows[0].balance_fen).toBe(10);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});

describe("advances recovered from the next payment", () => {
  it("debits the advance with the member's next share, once, and corrects the earlier cycle", async () => {
    const { installPlan } = await import("../../src/plans/presets.ts");
    const { mutualRules, planDoc } = await import("../support/plan-fixtures.ts");
    const { auditCycles } = await import("../../src/cycles/audit.ts");
    await installPlan(
      t.db.pool,
      planDoc(
        mutualRules({
          fees: [],
          apportionment: { calendar: { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] } },
          failurePolicy: {
            retryAttempts: 0,
            exitAfterFailures: 3,
            advanceRecovery: { recoverFromNextPayment: true },
          },
          claims: { jury: { overturnAbovePercent: 50 }, paymentEndsParticipation: true },
          closure: { minimumMembers: 1 },
        }),
        { id: "recovering" },
      ),
    );
    // A, B, C share; D and E are the claimants of cycles 1 and 2.
    const { parts, members } = await enrolMembers(t, 5, "recovering", "1310000030", "1992-01-01", 600);
    const [a, b] = members as [number, number];
    failKeys.add(`cycle:recovering:2020-01-07:debit:${a}`);
    failKeys.add(`cycle:recovering:2020-01-07:debit:${b}`);
    // B's recovery is answered only later, by webhook
    asyncKeys.add(`cycle:recovering:2020-01-07:debit:${b}:recover`);
    const advance = async (m: number) =>
      (
        await t.db.pool.query(
          `SELECT coalesce(sum(balance_fen), 0)::int AS b FROM account_balances WHERE account_id = 'member:${m}:advance'`,
        )
      ).rows[0].b;

    // Cycle 1: 40 fen among A, B, C, E = 10 fen each; A's and B's debits fail, the operator advances them.
    await approveCase(t, parts[3]!, 40, "2020-01-05");
    const first = await runCycleSteps(t, "recovering", "2020-01-07");
    expect(first).toMatchObject({ collectedFen: 20, failedFen: 20, advancedFen: 20 });
    expect(await advance(a)).toBe(10);

    // Cycle 2: 30 fen among A, B, C = 10 fen each; all pay, A's 10 fen advanced in cycle 1 with it;
    // B's recovery is pending.
    await approveCase(t, parts[4]!, 30, "2020-01-20");
    const second = await runCycleSteps(t, "recovering", "2020-01-21");
    expect(second).toMatchObject({ collectedFen: 30, failedFen: 0 });
    expect([await advance(a), await advance(b)]).toEqual([0, 10]);
    let cycles = (await listCycles(t.db.pool, "recovering")).items;
    // cycle 1 now shows 30 fen collected (10 of them later) and B's 10 fen still advanced
    expect(cycles[0]).toMatchObject({
      collectedFen: 30,
      failedFen: 10,
      advancedFen: 10,
      recoveredLaterFen: 10,
    });
    // B's answer arrives by webhook: the advance is recovered.
    expect(await t.provider.flushWebhooks()).toBeGreaterThanOrEqual(1);
    expect(await advance(b)).toBe(0);
    cycles = (await listCycles(t.db.pool, "recovering")).items;
    expect(cycles[0]).toMatchObject({
      collectedFen: 40,
      failedFen: 0,
      advancedFen: 0,
      recoveredLaterFen: 20,
    });

    // Run again: nothing is asked or recovered twice.
    await runCycleSteps(t, "recovering", "2020-01-21");
    const asked = await t.db.pool.query(
      "SELECT amount_fen, requests FROM sim_provider_payments WHERE idem_key = $1",
      [`cycle:recovering:2020-01-07:debit:${a}:recover`],
    );
    expect(asked.rows).toEqual([{ amount_fen: 10, requests: 1 }]);
    expect([await advance(a), await advance(b)]).toEqual([0, 0]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});
