import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/sim/scenario/input.ts";
import { runScenario } from "../../../src/sim/scenario/run.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

function run(input: unknown, plan = mustLoad(planDoc(mutualRules()))) {
  const s = parseScenario(input);
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  return runScenario(s.value, plan);
}

describe("the scenarios.md example (seed 004's worked numbers)", () => {
  const report = run({
    plan: "inline",
    from: "2020-01-01",
    to: "2020-03-31",
    cohorts: [
      { name: "members", count: 7_001_000, born: "1985-06-01", joined: "2019-01-01", tier: "standard" },
    ],
    claims: [
      {
        cohort: "members",
        count: 1000,
        event: "cancer",
        diagnosed: "2020-01-02",
        reported: "2020-01-03",
        decided: "2020-01-05",
      },
    ],
  });

  it("shares 1,000 cases of 300,000 among 7,000,000 members", () => {
    const c = report.cycles[0]!;
    expect(c.announcedOn).toBe("2020-01-07");
    expect(c.collectOn).toBe("2020-01-14");
    expect(c.cases).toBe(1000);
    expect(c.benefitsFen).toBe(30_000_000_000); // 1,000 × 300,000 yuan × 100
    expect(c.feesFen).toBe(2_400_000_000); // 8% of 300,000,000 yuan = 24,000,000 yuan
    expect(c.sharingMembers).toBe(7_000_000); // the 1,000 claimants left on the decision date
    // 32,400,000,000 ÷ 7,000,000 = 4,628.57… fen → rounded up to 4,629 (46.29 yuan; seed 004 says 42.86 + about a tenth)
    expect(c.shares).toEqual([{ weight: "1", members: 7_000_000, shareFen: 4629 }]);
    expect(c.collectedFen).toBe(32_403_000_000); // 4,629 × 7,000,000
    expect(c.surplusOutFen).toBe(3_000_000); // 32,403,000,000 − 32,400,000,000
    expect(c.sponsorFen).toBe(0);
  });

  it("carries the surplus into the following cycles, which have no cases", () => {
    expect(report.cycles.map((c) => c.announcedOn)).toEqual([
      "2020-01-07",
      "2020-01-21",
      "2020-02-07",
      "2020-02-21",
      "2020-03-07",
      "2020-03-21",
    ]);
    for (const c of report.cycles.slice(1)) {
      expect(c.surplusInFen).toBe(3_000_000);
      expect(c.surplusOutFen).toBe(3_000_000);
      expect(c.collectedFen).toBe(0);
    }
  });

  it("reports the claims paid and the cohort's standing", () => {
    expect(report.claims[0]).toMatchObject({
      status: "paid",
      reason: null,
      benefitFen: 30_000_000,
      cycle: "2020-01-07",
    });
    expect(report.cohorts[0]).toMatchObject({
      members: 7_001_000,
      active: 7_000_000,
      ended: 1000,
      paidPerMemberFen: 4629,
      balanceFen: null,
    });
  });
});

describe("claims by the rules", () => {
  const base = { plan: "inline", from: "2020-01-01", to: "2020-02-29" };
  const cohort = { name: "m", count: 100_000, born: "1990-03-01", joined: "2019-11-01" };

  it("refuses a diagnosis on the last day of the waiting period and pays one on the first day after", () => {
    // joined 2019-11-01 with 90 days: the waiting period is 11-01 … 2020-01-29, cover from 2020-01-30
    const r = run({
      ...base,
      cohorts: [cohort],
      claims: [
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-01-29" },
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-01-30" },
      ],
    });
    expect(r.claims[0]).toMatchObject({ status: "rejected", reason: "waiting_period" });
    expect(r.claims[1]).toMatchObject({ status: "paid", benefitFen: 30_000_000 });
    expect(r.cohorts[0]!.ended).toBe(2); // the waiting-period claim ends the participation too
  });

  it("refuses a report on day 31 and accepts one on day 30", () => {
    const r = run({
      ...base,
      cohorts: [{ ...cohort, joined: "2019-01-01" }],
      claims: [
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-01-01", reported: "2020-01-31" }, // day 30
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-01-01", reported: "2020-02-01" }, // day 31
      ],
    });
    expect(r.claims.map((c) => c.reason)).toEqual([null, "late_report"]);
  });

  it("lets a jury overturn a rejection with more than half in favour, not with exactly half", () => {
    const r = run({
      ...base,
      cohorts: [{ ...cohort, joined: "2019-01-01" }],
      claims: [
        {
          cohort: "m",
          count: 1,
          event: "cancer",
          diagnosed: "2020-01-02",
          preExisting: true,
          appeal: { for: 77520, against: 34180 },
        }, // 69.4%
        {
          cohort: "m",
          count: 1,
          event: "cancer",
          diagnosed: "2020-01-02",
          preExisting: true,
          appeal: { for: 500, against: 500 },
        },
      ],
    });
    expect(r.claims[0]).toMatchObject({ status: "paid", appealed: true, benefitFen: 30_000_000 });
    expect(r.claims[1]).toMatchObject({ status: "rejected", reason: "pre_existing", appealed: true });
  });
});

describe("caps", () => {
  it("cuts the share at the per-case cap and takes the excess from the benefit", () => {
    // 10 cases of 300,000 + 8% = 3,240,000 yuan among 1,000 members = 3,240 yuan each, but the cap
    // is 0.10 × 10 cases = 1 yuan: members pay 100 fen, collecting 100,000 fen; the benefit bears the rest.
    const r = run({
      plan: "inline",
      from: "2020-01-01",
      to: "2020-01-31",
      cohorts: [{ name: "m", count: 1010, born: "1990-03-01", joined: "2019-01-01" }],
      claims: [{ cohort: "m", count: 10, event: "cancer", diagnosed: "2020-01-02" }],
    });
    const c = r.cycles[0]!;
    expect(c.shares).toEqual([{ weight: "1", members: 1000, shareFen: 100 }]);
    expect(c.collectedFen).toBe(100_000);
    expect(c.approvedBenefitsFen).toBe(300_000_000);
    // shortfall 324,000,000 − 100,000 = 323,900,000 fen, split benefit:fee as 300:24
    // fee cut = floor(323,900,000 × 24,000,000 / 324,000,000) = 23,992,592; benefit cut = 299,907,408
    expect(c.benefitCutFen).toBe(323_900_000);
    expect(c.benefitsFen).toBe(300_000_000 - 299_907_408);
    expect(c.feesFen).toBe(24_000_000 - 23_992_592);
    expect(c.sponsorFen).toBe(0);
  });
});
