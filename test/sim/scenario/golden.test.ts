import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/sim/scenario/input.ts";
import { runScenario } from "../../../src/sim/scenario/run.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

function run(rules: ReturnType<typeof mutualRules>, input: Record<string, unknown>) {
  const s = parseScenario({ plan: "inline", ...input });
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  return runScenario(s.value, mustLoad(planDoc(rules)));
}

describe("a 抗癌公社-shaped plan: monthly, previous month-end × 0.8, minors 0.5, tiered fee + 1%", () => {
  const rules = mutualRules({
    tiers: [{ id: "standard", name: "标准" }],
    benefits: {
      ageBasis: "joining",
      schedule: [{ event: "cancer", ages: { to: 39 }, benefit: { kind: "fixed", amount: 300000 } }],
    },
    fees: [
      {
        kind: "tieredPerCase",
        bands: [
          { benefitUpTo: "19999.99", fee: 0 },
          { benefitUpTo: 50000, fee: 500 },
          { benefitUpTo: 100000, fee: 1000 },
          { fee: 1500 },
        ],
      },
      { kind: "percentOfCollection", percent: 1 },
    ],
    apportionment: {
      calendar: { kind: "monthly", announceDay: 1, collectAfterDays: 9 },
      denominator: { kind: "previousMonthEnd", factorPercent: 80 },
      weights: [{ ages: { to: 17 }, weight: "0.5" }],
      caps: {
        perCycle: { amount: 3, excessBorneBy: "benefit" },
        perYear: { amount: 72, excessBorneBy: "benefit" },
      },
    },
  });
  const report = run(rules, {
    from: "2020-01-01",
    to: "2020-02-29",
    cohorts: [
      { name: "adults", count: 800_000, born: "1985-03-01", joined: "2019-01-01" },
      { name: "minors", count: 400_000, born: "2010-06-01", joined: "2019-01-01" },
    ],
    claims: [{ cohort: "adults", count: 1, event: "cancer", diagnosed: "2020-01-05", decided: "2020-01-20" }],
  });

  it("shares January's case in the February cycle", () => {
    expect(report.cycles.map((c) => [c.announcedOn, c.collectOn, c.cases])).toEqual([
      ["2020-01-01", "2020-01-10", 0],
      ["2020-02-01", "2020-02-10", 1],
    ]);
  });

  it("divides by 80% of the weighted members at the end of January and charges the actual members", () => {
    const c = report.cycles[1]!;
    // benefit 300,000 yuan = 30,000,000 fen; band fee 1,500 yuan = 150,000; 1% of 30,150,000 = 301,500
    expect(c.benefitsFen).toBe(30_000_000);
    expect(c.feesFen).toBe(451_500);
    // divisor: (799,999 adults × 1 + 400,000 minors × 0.5) × 0.8 = 7,999.992 thousand weight
    // adult: 30,451,500 ÷ 799,999.2 = 38.06… → 39 fen; minor: half = 19.03… → 20 fen
    expect(c.shares).toEqual([
      { weight: "1", members: 799_999, shareFen: 39 },
      { weight: "0.5", members: 400_000, shareFen: 20 },
    ]);
    // charged 799,999 × 39 + 400,000 × 20 = 31,199,961 + 8,000,000 = 39,199,961; surplus = − 30,451,500
    expect(c.collectedFen).toBe(39_199_961);
    expect(c.surplusOutFen).toBe(8_748_461);
    expect(c.sharingWeight).toBe("999999");
  });
});

describe("a 水滴-shaped prepaid plan: per event, deposit 9, floor 1, 15 days' grace", () => {
  const rules = mutualRules({
    apportionment: {
      calendar: { kind: "perEvent", collectAfterDays: 0 },
      caps: { perCase: { amount: 3, excessBorneBy: "benefit" } },
    },
    funding: { mode: "prepaid", initialDeposit: 9, floor: 1, graceDays: 15 },
  });
  const report = run(rules, {
    from: "2020-01-01",
    to: "2020-02-29",
    cohorts: [
      { name: "A", count: 999_000, born: "1985-03-01", joined: "2019-01-01" },
      { name: "B", count: 1000, born: "1985-03-01", joined: "2019-01-01", deposit: "1.20" },
      {
        name: "C",
        count: 1000,
        born: "1985-03-01",
        joined: "2019-01-01",
        deposit: "1.20",
        topUps: [{ on: "2020-01-20", amount: "5.00" }],
      },
    ],
    claims: [
      { cohort: "A", count: 1, event: "cancer", diagnosed: "2020-01-08", decided: "2020-01-10" },
      { cohort: "A", count: 1, event: "cancer", diagnosed: "2020-02-01", decided: "2020-02-05" },
    ],
  });

  it("charges each event from the balances on its decision day", () => {
    const [first, second] = report.cycles;
    // 30,000,000 + 8% = 32,400,000 fen ÷ 1,000,999 members = 32.37 → 33 fen; 1,000,999 × 33 = 33,032,967
    expect(first).toMatchObject({
      announcedOn: "2020-01-10",
      collectOn: "2020-01-10",
      sharingMembers: 1_000_999,
      collectedFen: 33_032_967,
      surplusOutFen: 632_967,
    });
    // B is suspended (87 fen < 100), C too until its top-up: 998,998 + 1,000 share the second case.
    // due 32,400,000 − 632,967 = 31,767,033 ÷ 999,998 = 31.77 → 32; 999,998 × 32 = 31,999,936
    expect(second).toMatchObject({
      announcedOn: "2020-02-05",
      sharingMembers: 999_998,
      collectedFen: 31_999_936,
      surplusInFen: 632_967,
      surplusOutFen: 232_903,
    });
  });

  it("suspends under the floor, ends after the grace days, and resumes on a top-up", () => {
    expect(report.cohorts).toEqual([
      // 900 − 33 − 32 = 835 fen left; two claimants ended
      {
        name: "A",
        members: 999_000,
        active: 998_998,
        suspended: 0,
        ended: 2,
        paidPerMemberFen: 65,
        balanceFen: 835,
      },
      // 120 − 33 = 87 < 100 on 01-10; grace until 01-25; ended 01-26
      {
        name: "B",
        members: 1000,
        active: 0,
        suspended: 0,
        ended: 1000,
        paidPerMemberFen: 33,
        balanceFen: 87,
      },
      // 87 + 500 = 587 on 01-20, covered again; − 32 = 555
      {
        name: "C",
        members: 1000,
        active: 1000,
        suspended: 0,
        ended: 0,
        paidPerMemberFen: 65,
        balanceFen: 555,
      },
    ]);
  });
});

describe("deduction failures", () => {
  it("advances a failed deduction, retries it, and ends the participation after the allowed failures", () => {
    const rules = mutualRules({
      failurePolicy: { retryAttempts: 1, retryEveryDays: 1, exitAfterFailures: 1 },
    });
    const report = run(rules, {
      from: "2020-01-01",
      to: "2020-01-31",
      cohorts: [
        { name: "ok", count: 999_000, born: "1985-03-01", joined: "2019-01-01" },
        // fails on the 14th, the retry on the 15th succeeds
        { name: "late", count: 500, born: "1985-03-01", joined: "2019-01-01", failures: ["2020-01-14"] },
        // fails on the 14th and the 15th: one failure after retries ends the participation
        {
          name: "bad",
          count: 500,
          born: "1985-03-01",
          joined: "2019-01-01",
          failures: ["2020-01-14", "2020-01-15"],
        },
      ],
      claims: [{ cohort: "ok", count: 1, event: "cancer", diagnosed: "2020-01-02" }],
    });
    const c = report.cycles[0]!;
    // 1 case capped at 0.10 per member: 32,400,000 fen ÷ 999,999 = 32.4 → cap 10 fen
    expect(c.shares).toEqual([{ weight: "1", members: 999_999, shareFen: 10 }]);
    expect(c.failedFen).toBe(5_000); // 500 × 10
    expect(c.advancedFen).toBe(5_000);
    expect(c.collectedFen).toBe(9_994_990); // 999,499 × 10
    expect(report.cohorts.find((x) => x.name === "bad")).toMatchObject({ ended: 500, active: 0 });
    expect(report.cohorts.find((x) => x.name === "late")).toMatchObject({
      active: 500,
      paidPerMemberFen: 10,
    });
  });
});
