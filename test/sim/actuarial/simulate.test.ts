import { describe, expect, it } from "vitest";
import { fen } from "../../../src/domain/money.ts";
import { loadPlanFrom } from "../../../src/plans/registry.ts";
import { loadTables } from "../../../src/sim/actuarial/load.ts";
import { simulationHtml } from "../../../src/sim/actuarial/report.ts";
import {
  expectedYearlyShareFen,
  type SimulationOptions,
  simulate,
} from "../../../src/sim/actuarial/simulate.ts";
import { STRESS_TESTS } from "../../../src/sim/actuarial/stress.ts";
import { runCli } from "../../support/cli.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

const tables = loadTables();
// One tier of 300,000 at every age, 8% of the benefit as fee, no caps, no waiting period.
const flat = mustLoad(
  planDoc(
    mutualRules({
      eligibility: { ageAtJoining: { maxYears: 105 } },
      waiting: [],
      tiers: [{ id: "standard", name: "标准版" }],
      benefits: {
        ageBasis: "joining",
        schedule: [{ event: "cancer", benefit: { kind: "fixed", amount: 300000 } }],
      },
      apportionment: { calendar: { kind: "monthly", announceDay: 1 } },
    }),
  ),
);
const base: SimulationOptions = {
  years: 1,
  runs: 300,
  seed: 7,
  members: 1_000_000,
  ageMix: { age: 35 },
  maleShare: 1,
  joinsPerMonth: 0,
  exitRatePerYear: 0,
  exitElasticity: 0,
  incidenceMultiplier: 1,
  adverseSelection: 0,
  demography: false,
};

describe("seed 001's pricing check", () => {
  it("35-year-old men, 300,000, 8% fee: 453.6 yuan a year on the shipped table", () => {
    // The shipped CI3 table gives 0.00140 at 35 (5 decimals): 0.00140 × 300,000 × 1.08 = 453.6 yuan.
    // Seed 001 states 452.3 from the official 6-decimal rate 0.001396: 0.001396 × 300,000 = 418.8; × 1.08 = 452.304.
    expect(tables.incidence.male[35]).toBe(0.0014);
    expect(expectedYearlyShareFen(0.0014, fen(30_000_000), 800)).toBeCloseTo(45_360, 6);
    expect(expectedYearlyShareFen(0.001396, fen(30_000_000), 800)).toBeCloseTo(45_230.4, 6);
    // Simulated: λ = 1,400 cases a year, so one run's share has a relative sd of 1/√1400 ≈ 2.7% and the
    // mean of 300 runs ≈ 0.15%; rounding each month up to the fen adds at most 12 fen. Tolerance 1%.
    const r = simulate(flat, tables, base);
    const mean = r.yearly[0]!.shareFen.mean;
    expect(Math.abs(mean - 45_360) / 45_360).toBeLessThan(0.01);
  });
});

describe("the law of large numbers the seeds rely on", () => {
  it("the 5%–95% band of the yearly share narrows about tenfold from 10,000 to 1,000,000 members", () => {
    // The yearly share is cost ÷ members with cost ∝ Poisson(λ = n × 0.0014): its relative spread is
    // 1/√λ, λ = 14 for 10,000 members and 1,400 for 1,000,000, so the relative band width shrinks by
    // √(14/1400) = 0.1. The 10,000-member band is ≈ 2 × 1.645 / √14 ≈ 0.88 of the mean wide.
    const width = (members: number) => {
      const y = simulate(flat, tables, { ...base, members, runs: 400 }).yearly[0]!.shareFen;
      return (y.p95 - y.p5) / y.mean;
    };
    const small = width(10_000);
    const large = width(1_000_000);
    expect(small).toBeGreaterThan(0.5);
    expect(large / small).toBeGreaterThan(0.05);
    expect(large / small).toBeLessThan(0.2);
  });
});

describe("projections", () => {
  const xianghubao = (() => {
    const p = loadPlanFrom("xianghubao");
    if (!p.ok) throw new Error();
    return p.value;
  })();
  const realistic: SimulationOptions = {
    ...base,
    years: 4,
    runs: 30,
    ageMix: "internet",
    maleShare: 0.51,
    members: 1_000_000,
    joinsPerMonth: 10_000,
    exitRatePerYear: 0.05,
    exitElasticity: 0.2,
    incidenceMultiplier: 0.5,
    demography: true,
  };

  it("is deterministic: the same seed gives the same report byte for byte, another seed another", () => {
    const a = simulate(xianghubao, tables, realistic);
    const b = simulate(xianghubao, tables, realistic);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(simulationHtml(a)).toBe(simulationHtml(b));
    expect(JSON.stringify(simulate(xianghubao, tables, { ...realistic, seed: 8 }))).not.toBe(
      JSON.stringify(a),
    );
  });

  it("shows the stresses: adverse selection and ageing raise the share; an epidemic year doubles its cases", () => {
    const last = (o: SimulationOptions) => simulate(xianghubao, tables, o).yearly.at(-1)!;
    const baseline = last(realistic);
    expect(last(STRESS_TESTS["adverse-selection-50"]!.apply(realistic)).shareFen.mean).toBeGreaterThan(
      baseline.shareFen.mean,
    );
    expect(last(STRESS_TESTS.ageing!.apply(realistic)).shareFen.mean).toBeGreaterThan(baseline.shareFen.mean);
    const epi = simulate(xianghubao, tables, STRESS_TESTS.epidemic!.apply(realistic)).yearly;
    const plain = simulate(xianghubao, tables, realistic).yearly;
    expect(epi[1]!.cases / plain[1]!.cases).toBeGreaterThan(1.8);
    expect(epi[1]!.cases / plain[1]!.cases).toBeLessThan(2.2);
  });

  it("refuses bad options on the command line with exit code 2", async () => {
    const r = await runCli(["simulate", "xianghubao", "--runs", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--runs/);
    const s = await runCli(["simulate", "xianghubao", "--stress", "nope"]);
    expect(s.code).toBe(2);
  });
});

describe("the effects real plans show", () => {
  // The flat plan, 35-year-old men: 1,400 cases a year from 1,000,000 (0.0014), 453.6 yuan a year.
  const year1 = (o: Partial<SimulationOptions>) =>
    simulate(flat, tables, { ...base, runs: 100, ...o }).yearly[0]!;

  it("select period: a factor of 0.5 that does not fade halves the cost; one that fades at once, a month's worth", () => {
    // The initial members are not new (no select effect): joiners carry it. 1,000,000 join in month 1
    // (no waiting period), none at the start.
    const joiners = { members: 0, joinsPerMonth: 0, membersPath: Array(12).fill(1_000_000) };
    const none = year1(joiners).shareFen.mean;
    const half = year1({ ...joiners, select: { factor: 0.5, months: 1e9 } }).shareFen.mean;
    const faded = year1({ ...joiners, select: { factor: 0.5, months: 0.01 } }).shareFen.mean;
    // joined at the end of month 1: 11 months of cases, ≈ 453.6 × 11/12 = 415.8 yuan
    expect(Math.abs(none - 41_580) / 41_580).toBeLessThan(0.02);
    expect(Math.abs(half / none - 0.5)).toBeLessThan(0.02);
    // fading at once after the first covered month: (0.5 + 10) ÷ 11 = 0.955 of the cost without it
    expect(Math.abs(faded / none - 10.5 / 11)).toBeLessThan(0.02);
  });

  it("approval rate scales the cases; the lag moves them later (a 2-month lag: 10 of 12 months shared)", () => {
    const full = year1({}).shareFen.mean;
    expect(Math.abs(year1({ approvalRate: 0.5 }).shareFen.mean / full - 0.5)).toBeLessThan(0.02);
    const lagged = simulate(flat, tables, { ...base, runs: 50, lagMonths: 2 });
    expect(lagged.monthly[0]!.shareFen.mean).toBe(0);
    expect(lagged.monthly[1]!.shareFen.mean).toBe(0);
    expect(lagged.monthly[2]!.shareFen.mean).toBeGreaterThan(0);
    expect(Math.abs(lagged.yearly[0]!.shareFen.mean / full - 10 / 12)).toBeLessThan(0.02);
  });

  it("names the cap that binds: the per-case cap month by month, the annual cap year by year", () => {
    const xianghubao = (() => {
      const p = loadPlanFrom("xianghubao");
      if (!p.ok) throw new Error();
      return p.value;
    })();
    // 100,000 members: a case of 300,000 × 1.08 costs each 3.24 yuan > the 0.10 cap, every month.
    const small = simulate(xianghubao, tables, {
      ...base,
      runs: 10,
      years: 2,
      members: 100_000,
      ageMix: { age: 30 },
      startOn: "2018-11-01" as never,
    });
    // (a month without a case, e^−7.6 per month at ≈ 7.6 cases, does not bind)
    expect(small.yearly[0]!.perCaseCapMonthsShare).toBeGreaterThan(0.95);
    // the annual cap (188, from the 2020-01-01 version) cannot bind under a 0.10-per-case share
    expect(small.yearly.every((y) => y.perYearCapProbability === 0)).toBe(true);
    // 10,000,000 members: 0.03 yuan per case, under the cap
    const large = simulate(xianghubao, tables, {
      ...base,
      runs: 10,
      members: 10_000_000,
      ageMix: { age: 30 },
    });
    expect(large.yearly[0]!.perCaseCapMonthsShare).toBe(0);
  });

  it("the young-first mix has seed 002's 60% aged 20–39 within 0–59", async () => {
    const { mixOver, shareAged } = await import("../../../src/sim/actuarial/mixes.ts");
    const eligible = Uint8Array.from({ length: 106 }, (_, a) => (a <= 59 ? 1 : 0));
    const share = shareAged(mixOver(tables.census, "young-first", -1, eligible, 0), 20, 39);
    expect(Math.abs(share - 0.6)).toBeLessThan(0.01);
  });
});
