import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { fen } from "../../src/domain/money.ts";
import { addApprovedCase, listCycles, runDueCycles } from "../../src/services/cycles.service.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId, type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
const failKeys = new Set<string>();
beforeAll(async () => {
  t = await testApp({
    nowMs: Date.UTC(2020, 0, 1, 2),
    presets: ["xianghubao"],
    provider: { failureRate: 0, failKeys },
  });
});
afterAll(async () => {
  await t.close();
});

describe("the failure policy of 相互宝 (5 daily retries, one failure after retries ends the participation)", () => {
  it("a failed debit recovered by a retry; a member who fails every retry leaves the plan; advances recovered", async () => {
    const parts: number[] = [];
    const members: number[] = [];
    for (let i = 0; i < 4; i++) {
      const m = await registerMember(t, `1310000010${i}`, residentId("1990-01-01", 400 + i));
      const p = await t.db.pool.query(
        "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
        [m.memberId],
      );
      parts.push(p.rows[0].participation_id);
      members.push(m.memberId);
    }
    const key = "cycle:xianghubao:2020-01-07:debit";
    failKeys.add(`${key}:${members[0]}`); // fails once, the first retry succeeds
    failKeys.add(`${key}:${members[1]}`); // fails every time
    for (let k = 1; k <= 5; k++) failKeys.add(`${key}:${members[1]}:retry:${k}`);
    await addApprovedCase(t.deps, {
      participationId: parts[3]!,
      event: "major",
      benefitFen: fen(300),
      decidedOn: civilDate("2020-01-05"),
    });
    // collection on 01-14; retries on 01-15 … 01-19
    await runDueCycles(t.deps, "xianghubao", civilDate("2020-01-14"), civilDate("2020-01-07"));
    let c = (await listCycles(t.db.pool, "xianghubao"))[0]!;
    // 3 yuan + 8% = 324 fen among 3 = 108 each, capped at 0.10 × 1 case = 10 fen; two failed, advanced
    expect(c).toMatchObject({ collectedFen: 10, failedFen: 20, advancedFen: 20 });
    await runDueCycles(t.deps, "xianghubao", civilDate("2020-01-19"), civilDate("2020-01-07"));
    c = (await listCycles(t.db.pool, "xianghubao"))[0]!;
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
    const { installPlan } = await import("../../src/services/plans.service.ts");
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
    const parts: number[] = [];
    const members: number[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await registerMember(t, `1310000020${i}`, residentId("1991-01-01", 500 + i));
      const p = await t.db.pool.query(
        "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'writeoff', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
        [m.memberId],
      );
      parts.push(p.rows[0].participation_id);
      members.push(m.memberId);
    }
    failKeys.add(`cycle:writeoff:2020-01-07:debit:${members[0]}`);
    await addApprovedCase(t.deps, {
      participationId: parts[2]!,
      event: "cancer",
      benefitFen: fen(300),
      decidedOn: civilDate("2020-01-05"),
    });
    await runDueCycles(t.deps, "writeoff", civilDate("2020-01-14"), civilDate("2020-01-07"));
    const advance = () =>
      t.db.pool.query(
        `SELECT balance_fen FROM account_balances WHERE account_id = 'member:${members[0]}:advance'`,
      );
    expect((await advance()).rows[0].balance_fen).toBe(10); // 10 fen advanced (the per-case cap)
    await runDueCycles(t.deps, "writeoff", civilDate("2020-02-13"), civilDate("2020-01-07")); // collect 01-14 + 30 = 02-13: not yet
    expect((await advance()).rows[0].balance_fen).toBe(10);
    await runDueCycles(t.deps, "writeoff", civilDate("2020-02-14"), civilDate("2020-01-07"));
    expect((await advance()).rows[0].balance_fen).toBe(0);
    const op = await t.db.pool.query(
      "SELECT balance_fen FROM account_balances WHERE account_id = 'plan:writeoff:operator_advances'",
    );
    expect(op.rows[0].balance_fen).toBe(10);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});
