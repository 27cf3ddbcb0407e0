import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import { loadPlanFrom, presetIds } from "../../src/plans/registry.ts";
import { formatScenarioReport } from "../../src/sim/scenario/format.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import { resolvePlan } from "../../src/sim/scenario/load.ts";
import { runScenario } from "../../src/sim/scenario/run.ts";

const REQUIRED = [
  "xianghubao",
  "shuidi",
  "qingsong",
  "ehuzhu",
  "kangai",
  "meituan",
  "bihu",
  "huzhu360",
  "kuake",
  "zhongtuobang",
  "denghuo",
  "anjia30",
  "friendsurance",
];

function run(input: Record<string, unknown>) {
  const s = parseScenario({ from: "2020-01-01", to: "2020-03-31", ...input });
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  const plan = resolvePlan(s.value);
  if (!plan.ok) throw new Error(JSON.stringify(plan.error));
  return runScenario(s.value, plan.value);
}
const one = (
  plan: string,
  count: number,
  born: string,
  joined: string,
  claim: Record<string, unknown>,
  more = {},
) =>
  run({
    plan,
    cohorts: [{ name: "m", count, born, joined, ...more }],
    claims: [{ cohort: "m", count: 1, ...claim }],
  });
const firstWithCases = (r: ReturnType<typeof run>) => r.cycles.find((c) => c.cases > 0)!;

describe("the presets", () => {
  it("cover every platform of domain.md §8, and every preset validates and cites its seed", () => {
    const ids = presetIds();
    for (const id of REQUIRED) expect(ids).toContain(id);
    for (const id of ids) {
      const plan = loadPlanFrom(id);
      expect(plan.ok, `${id}: ${plan.ok ? "" : JSON.stringify(plan.error)}`).toBe(true);
      if (plan.ok) expect(plan.value.sources.length, `${id} cites its sources`).toBeGreaterThan(0);
    }
  });

  it("state the seeds' figures: 相互宝 300,000 standard under 40, 0.10 per case, 188 a year from 2020", () => {
    const p = loadPlanFrom("xianghubao");
    if (!p.ok) throw new Error();
    const v2019 = ruleVersionOn(p.value, civilDate("2019-12-31"))!.rules;
    const v2020 = ruleVersionOn(p.value, civilDate("2020-01-01"))!.rules;
    expect(v2019.apportionment.caps).toMatchObject({ perCase: { amount: 10 } });
    expect(v2019.apportionment.caps.perYear).toBeUndefined();
    expect(v2020.apportionment.caps.perYear?.amount).toBe(18_800);
    expect(v2020.closure.minimumMembers).toBe(3_240_000);
  });
});

// One scenario per preset. Each cohort has one claimant more than the sharing members counted below.
describe("one scenario per preset, worked by hand", () => {
  it("xianghubao: 300,000 + 8% among 10,000,000 = 3.24 fen → 4", () => {
    const c = firstWithCases(
      one("xianghubao", 10_000_001, "1990-01-01", "2019-01-01", { event: "major", diagnosed: "2020-01-02" }),
    );
    expect(c).toMatchObject({
      announcedOn: "2020-01-07",
      collectedFen: 40_000_000,
      surplusOutFen: 7_600_000,
    }); // 4 × 10 M − 32,400,000
  });

  it("xianghubao-elderly and -chronic: 100,000 + 8% among 1,000,000 = 10.8 → 11 fen, under the 1-yuan cap", () => {
    for (const [plan, born] of [
      ["xianghubao-elderly", "1955-01-01"],
      ["xianghubao-chronic", "1980-01-01"],
    ] as const) {
      const c = firstWithCases(
        one(plan, 1_000_001, born, "2019-01-01", { event: "cancer", diagnosed: "2020-01-02" }),
      );
      expect(c.shares[0]!.shareFen).toBe(11);
      expect(c.surplusOutFen).toBe(200_000); // 11,000,000 − 10,800,000
    }
  });

  it("shuidi (2020 rules): 300,000 + 8% among 1,000,000 = 32.4 → 33 fen from a 3-yuan deposit", () => {
    const r = one("shuidi", 1_000_001, "1995-01-01", "2019-01-01", {
      event: "cancer",
      diagnosed: "2020-03-02",
    });
    expect(firstWithCases(r)).toMatchObject({
      announcedOn: "2020-03-02",
      collectedFen: 33_000_000,
      surplusOutFen: 600_000,
    });
    expect(r.cohorts[0]!.balanceFen).toBe(267); // 300 − 33
  });

  it("shuidi-children: 300,000 without a fee among 500,000 = 60 fen", () => {
    const r = one("shuidi-children", 500_001, "2015-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-02",
    });
    expect(firstWithCases(r)).toMatchObject({ collectedFen: 30_000_000, surplusOutFen: 0 });
    expect(r.cohorts[0]!.balanceFen).toBe(840); // 900 − 60
  });

  it("shuidi-elderly: 30,000 + 5 × own contributions after 61", () => {
    const r = run({
      plan: "shuidi-elderly",
      cohorts: [{ name: "m", count: 100_001, born: "1956-06-01", joined: "2018-01-01" }],
      claims: [
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-03-01" }, // 30,000 yuan; 3,000,000 ÷ 100,000 = 30 fen each
        { cohort: "m", count: 1, event: "cancer", diagnosed: "2020-03-05" }, // 30,000 + 5 × 0.30 = 30,001.50 yuan
      ],
    });
    expect(r.claims.map((c) => c.benefitFen)).toEqual([3_000_000, 3_000_150]);
    expect(r.cycles.filter((c) => c.cases > 0).map((c) => c.shares[0]!.shareFen)).toEqual([30, 31]); // 3,000,150 ÷ 99,999 = 30.002 → 31
  });

  it("shuidi-accident: the 7-day waiting period ends on day 7; day 8 is covered", () => {
    const r = run({
      plan: "shuidi-accident",
      cohorts: [{ name: "m", count: 200_002, born: "1990-01-01", joined: "2020-01-01" }],
      claims: [
        { cohort: "m", count: 1, event: "accident", diagnosed: "2020-01-07" },
        { cohort: "m", count: 1, event: "accident", diagnosed: "2020-01-08" },
      ],
    });
    expect(r.claims.map((c) => c.reason)).toEqual(["waiting_period", null]);
    expect(firstWithCases(r).shares[0]!.shareFen).toBe(50); // 10,000,000 fen ÷ (200,002 − 2) = 50 exactly
  });

  it("qingsong (2020 rules): 300,000 + 6% among 1,000,000 = 31.8 → 32 fen", () => {
    const r = one("qingsong", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-02",
    });
    expect(firstWithCases(r)).toMatchObject({ collectedFen: 32_000_000, surplusOutFen: 200_000 });
    expect(r.cohorts[0]!.balanceFen).toBe(968);
  });

  it("qingsong-children: 2% of the 10-yuan deposit is the fee; 300,000 ÷ 100,000 = 300 fen, exactly the cap", () => {
    const r = one("qingsong-children", 100_001, "2012-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-02",
    });
    expect(firstWithCases(r)).toMatchObject({
      collectedFen: 30_000_000,
      benefitsFen: 30_000_000,
      benefitCutFen: 0,
    });
    expect(r.cohorts[0]!.balanceFen).toBe(680); // 1,000 − 20 fee − 300
  });

  it("ehuzhu (2020 rules): 250,000 at 35 ÷ 1,000,000 = 25 fen, plus 1 yuan for each of January and February", () => {
    const r = one("ehuzhu", 1_000_001, "1985-01-01", "2019-01-01", {
      event: "cancer",
      diagnosed: "2020-02-10",
    });
    const c = firstWithCases(r);
    expect(c.shares[0]!.shareFen).toBe(225); // 25 + 200
    expect(c.feesFen).toBe(200_000_000); // 200 fen × 1,000,000
    expect(r.cohorts[0]!.balanceFen).toBe(2_775); // 3,000 − 225
  });

  it("ehuzhu-children: 10 × 20,001 effective members = 200,010 yuan, cut by the 10-yuan cap", () => {
    const c = firstWithCases(
      one("ehuzhu-children", 20_001, "2010-01-01", "2019-01-01", {
        event: "cancer",
        diagnosed: "2020-03-02",
      }),
    );
    // 20,001,000 fen ÷ 20,000 = 1,000.05 → 1,001 > cap 1,000: collect 20,000,000, the benefit bears 1,000 fen
    expect(c).toMatchObject({
      approvedBenefitsFen: 20_001_000,
      collectedFen: 20_000_000,
      benefitCutFen: 1_000,
      benefitsFen: 20_000_000,
    });
  });

  it("ehuzhu-elderly: membership day 182 pays 50% of 150,000", () => {
    // joined 2019-09-01 at 57; 2020-03-01 is day 30 + 31 + 30 + 31 + 31 + 29 = 182 → 50% = 75,000
    const r = one("ehuzhu-elderly", 100_001, "1962-01-01", "2019-09-01", {
      event: "cancer",
      diagnosed: "2020-03-01",
    });
    expect(r.claims[0]!.benefitFen).toBe(7_500_000);
    expect(firstWithCases(r).shares[0]!.shareFen).toBe(75);
  });

  it("ehuzhu-accident: no waiting period; 200,000 ÷ 400,000 = 50 fen", () => {
    const c = firstWithCases(
      one("ehuzhu-accident", 400_001, "1990-01-01", "2019-12-31", {
        event: "accident_death",
        diagnosed: "2020-01-01",
      }),
    );
    expect(c.shares[0]!.shareFen).toBe(50);
  });

  it("kangai (2020 rules): 150,000 + 1,500 tier fee + 1% among 80% of the January members", () => {
    const c = firstWithCases(
      one(
        "kangai",
        1_000_001,
        "1990-01-01",
        "2018-01-01",
        { event: "cancer", diagnosed: "2020-01-05", decided: "2020-01-20" },
        {},
      ),
    );
    // cost 15,000,000 + 150,000 + 1% of 15,150,000 (151,500) = 15,301,500; ÷ (1,000,000 × 0.8) = 19.13 → 20 fen
    expect(c).toMatchObject({
      announcedOn: "2020-02-01",
      feesFen: 301_500,
      collectedFen: 20_000_000,
      surplusOutFen: 4_698_500,
    });
  });

  it("kangai-parents: 50,000 + own contributions among 80% of the members", () => {
    const c = firstWithCases(
      one("kangai-parents", 100_001, "1950-01-01", "2018-01-01", {
        event: "cancer",
        diagnosed: "2020-01-05",
        decided: "2020-01-20",
      }),
    );
    // 5,000,000 ÷ 80,000 = 62.5 → 63 fen; 63 × 100,000 = 6,300,000
    expect(c).toMatchObject({ collectedFen: 6_300_000, surplusOutFen: 1_300_000 });
  });

  it("meituan: as 相互宝, 4 fen a member", () => {
    const c = firstWithCases(
      one("meituan", 10_000_001, "1990-01-01", "2019-01-01", { event: "major", diagnosed: "2020-01-02" }),
    );
    expect(c.collectedFen).toBe(40_000_000);
  });

  it("bihu: 400,000 + 10% ÷ 1,000,000 = 44 fen", () => {
    const r = one("bihu", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "severe",
      diagnosed: "2020-03-02",
    });
    expect(firstWithCases(r).shares[0]!.shareFen).toBe(44);
    expect(r.cohorts[0]!.balanceFen).toBe(956);
  });

  it("huzhu360: 300,000 + 10% ÷ 1,000,000 = 33 fen from a 3-yuan deposit", () => {
    const r = one("huzhu360", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "severe",
      diagnosed: "2020-03-02",
    });
    expect(r.cohorts[0]!.balanceFen).toBe(267);
  });

  it("kuake and kuake-500k: the share plus the monthly fee for January–March", () => {
    const a = one("kuake", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-01",
    });
    expect(firstWithCases(a).shares[0]!.shareFen).toBe(330); // 30 + 3 × 100
    const b = one("kuake-500k", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-01",
    });
    expect(firstWithCases(b).shares[0]!.shareFen).toBe(800); // 50 + 3 × 250
    expect(b.cohorts[0]!.balanceFen).toBe(8_200);
  });

  it("zhongtuobang: 30 fen plus 0.01 a day for the 61 days to 1 March", () => {
    const r = one("zhongtuobang", 1_000_001, "1990-01-01", "2019-01-01", {
      event: "major",
      diagnosed: "2020-03-01",
    });
    expect(firstWithCases(r).shares[0]!.shareFen).toBe(91); // 30 + (31 + 29 + 1)
  });

  it("denghuo: 65 fen among 499,000 members, below the 500,000 minimum", () => {
    const c = firstWithCases(
      one("denghuo", 499_001, "1990-01-01", "2019-11-01", { event: "major", diagnosed: "2020-02-02" }),
    );
    // 32,400,000 ÷ 499,000 = 64.93 → 65; 65 × 499,000 = 32,435,000
    expect(c).toMatchObject({ collectedFen: 32_435_000, surplusOutFen: 35_000, belowMinimum: true });
  });

  it("anjia30: NT$300 per member per death, so 999 members give less than NT$300,000", () => {
    const c = firstWithCases(
      one("anjia30", 1_000, "1940-01-01", "2015-01-01", {
        event: "death",
        diagnosed: "2020-01-10",
        afterDeath: true,
      }),
    );
    // 30,000,000 ÷ 999 = 30,030.03 → capped at 30,000 (NT$300); 999 × 30,000 = 29,970,000; the benefit bears 30,000
    expect(c).toMatchObject({ collectedFen: 29_970_000, benefitCutFen: 30_000 });
  });

  it("friendsurance: groups of at most 15, 40% of each premium to the pool, a small claim from the pool, the unused pool returned", () => {
    const r = run({
      plan: "friendsurance",
      from: "2019-01-01",
      to: "2020-01-05",
      cohorts: [{ name: "m", count: 16, born: "1980-01-01", joined: "2019-01-01" }],
      claims: [{ cohort: "m", count: 1, event: "small_claim", diagnosed: "2019-12-20" }],
    });
    // no debit cycle: the claim is paid at once from the pool, not by one debit per member
    expect(r.cycles).toEqual([]);
    expect(r.claims[0]).toMatchObject({ status: "paid", benefitFen: 50_000, cycle: null });
    // premium 100 EUR = 10,000 cents: 4,000 to the pool, 6,000 to the insurer. Group 1: 15 × 4,000 =
    // 60,000, the 500-EUR claim from it leaves 10,000, carried (someone claimed); group 2: the 16th
    // member alone, 4,000 returned on 2020-01-01
    expect(r.pools!.slice(0, 2)).toEqual([
      {
        year: 2019,
        groupNo: 1,
        members: 15,
        poolInFen: 60_000,
        insurerFen: 90_000,
        claims: 1,
        fromPoolFen: 50_000,
        fromInsurerFen: 0,
        returnedFen: 0,
        carriedFen: 10_000,
      },
      {
        year: 2019,
        groupNo: 2,
        members: 1,
        poolInFen: 4_000,
        insurerFen: 6_000,
        claims: 0,
        fromPoolFen: 0,
        fromInsurerFen: 0,
        returnedFen: 4_000,
        carriedFen: 0,
      },
    ]);
    // 2020-01-01, after the year's end: the renewal premiums of the 15 still in the plan (the claimant
    // left): 14 × 4,000 into group 1, 4,000 into group 2, the year still open
    expect(
      r.pools!.slice(2).map((p) => [p.year, p.groupNo, p.members, p.poolInFen, p.insurerFen, p.returnedFen]),
    ).toEqual([
      [2020, 1, 14, 56_000, 84_000, null],
      [2020, 2, 1, 4_000, 6_000, null],
    ]);
    expect(r.cohorts[0]).toMatchObject({ active: 15, ended: 1, paidPerMemberFen: 20_000 });
    expect(r.ruleVersions).toEqual(["2010-01-01"]);
    // the readable report shows the pools
    const text = formatScenarioReport(r);
    expect(text).toContain("Premium pools, by group and year");
    expect(text).toMatch(/2019 +2 +1 +40\.00 +60\.00 +0 +0\.00 +0\.00 +40\.00 +0\.00/);
  });
});
