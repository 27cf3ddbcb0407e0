import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { runCycleSteps } from "../support/cycles.ts";

/* The announcement's pricing across cycles (moved from cycles.test.ts, by phase). */

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe("the annual cap across cycles", () => {
  it("counts what a member paid earlier in the year, also when they missed the previous cycle", async () => {
    const { installPlan } = await import("../../src/plans/presets.ts");
    const { mutualRules, planDoc } = await import("../support/plan-fixtures.ts");
    const rules = mutualRules({
      fees: [],
      apportionment: {
        calendar: { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] },
        caps: { perYear: { amount: "0.25", excessBorneBy: "sponsor" } },
      },
      claims: { jury: { overturnAbovePercent: 50 }, paymentEndsParticipation: true },
      closure: { minimumMembers: 1 },
    });
    await installPlan(t.db.pool, planDoc(rules, { id: "capped" }));
    // A, B, C share; D, E, F are the claimants of cycles 1, 2 and 3 (their case ends their participation).
    const [a, b, c, d, e, f] = await cohort(t, 6, "1990-01-01", "2019-01-01", "capped", 7001);
    const share = async (cycle: string, p: number) =>
      (
        await t.db.pool.query(
          `SELECT s.share_fen, s.ytd_fen FROM cycle_shares s JOIN cycles c USING (cycle_id) JOIN participations p USING (member_id)
           WHERE c.plan_id = 'capped' AND c.announced_on = $1 AND p.participation_id = $2`,
          [cycle, p],
        )
      ).rows[0];
    const caseOf = (p: number, benefitFen: number, on: string) => approveCase(t, p, benefitFen, on);

    // Cycle 1 (7 Jan): 50 fen among A, B, C, E, F = 10 fen each.
    await caseOf(d!, 50, "2020-01-05");
    expect(await runCycleSteps(t, "capped", "2020-01-07")).toMatchObject({
      sharingMembers: 5,
      collectedFen: 50,
    });
    // Cycle 2 (21 Jan): B is suspended; 30 fen among A, C, F = 10 fen each.
    await t.db.pool.query(
      "UPDATE participations SET status = 'suspended', suspended_on = '2020-01-15' WHERE participation_id = $1",
      [b],
    );
    await caseOf(e!, 30, "2020-01-20");
    expect(await runCycleSteps(t, "capped", "2020-01-21")).toMatchObject({
      sharingMembers: 3,
      collectedFen: 30,
    });
    // Cycle 3 (7 Feb): B is back; 60 fen among A, B, C = 20 fen each, capped at 25 fen a year:
    // A and C paid 20 → 5 fen each; B paid 10 (in cycle 1, not the previous one) → 15 fen;
    // the sponsor bears 15 + 5 + 15 = 35 fen, and 5 + 15 + 5 = 25 fen is collected.
    await t.db.pool.query(
      "UPDATE participations SET status = 'active', suspended_on = NULL WHERE participation_id = $1",
      [b],
    );
    await caseOf(f!, 60, "2020-02-05");
    expect(await runCycleSteps(t, "capped", "2020-02-07")).toMatchObject({
      sharingMembers: 3,
      collectedFen: 25,
      sponsorFen: 35,
    });
    expect(await share("2020-02-07", a!)).toEqual({ share_fen: 5, ytd_fen: 20 });
    expect(await share("2020-02-07", b!)).toEqual({ share_fen: 15, ytd_fen: 10 });
    expect(await share("2020-02-07", c!)).toEqual({ share_fen: 5, ytd_fen: 20 });
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});
