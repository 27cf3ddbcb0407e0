import type { FittedParameters, SimulationOptions } from "./simulate.ts";

/**
 * The simulator's default assumptions: each one stated with its source, or as an assumption. The two
 * fitted ones come from `huzhu simulate calibrate` on data/observed/xianghubao.csv (the general plan of
 * 相互宝); test/sim/actuarial/calibrate.test.ts fails when a new calibration leaves their bounds.
 */
export const STATED = Object.freeze({
  /** Assumption: the seeds report refusals (seed 004, 拒絕賠償) but no rate; the fitted level absorbs it. */
  approvalRate: 0.9,
  /** Assumption from the rules: report within 30 days + investigation + 15 days' publicity ≈ 2 months. */
  lagMonths: 2,
  /** Assumption: the select effect of the health declaration fades with a time constant of a year. */
  selectMonths: 12,
  /** Seed 002 图 3-1: 80后、90后 ≈ 60% of 相互宝's members at first (young first) … */
  ageMix: "young-first",
  /** … moving to the white paper's 2025 participation by age (seed 002 图 1) over two years (assumption). */
  laterAgeMix: "white-paper-2025",
  mixShiftMonths: 24,
  /** Assumption: 5% a year leave for reasons of their own (gross, inside an observed path too). */
  exitRatePerYear: 0.05,
} as const);

/**
 * The fit on the general plan's path (2019: 29, 2020: 90; the reading in data/observed/SOURCES.md), as
 * `huzhu simulate calibrate` prints it: the best pair, each parameter's range over the pairs that keep
 * every point within ±10%, and those pairs ([incidence level, select factor]) for the bands.
 */
export const FITTED = Object.freeze({
  incidenceMultiplier: 0.2754,
  selectFactor: 1,
  range: { incidenceMultiplier: [0.2559, 0.3692], selectFactor: [0.65, 1] },
  draws: [
    [0.3638, 0.65],
    [0.3665, 0.65],
    [0.3692, 0.65],
    [0.3432, 0.7],
    [0.3499, 0.7],
    [0.3567, 0.7],
    [0.3247, 0.75],
    [0.3347, 0.75],
    [0.345, 0.75],
    [0.3081, 0.8],
    [0.3208, 0.8],
    [0.3341, 0.8],
    [0.2931, 0.85],
    [0.3081, 0.85],
    [0.3238, 0.85],
    [0.2795, 0.9],
    [0.2963, 0.9],
    [0.3142, 0.9],
    [0.2671, 0.95],
    [0.2855, 0.95],
    [0.3051, 0.95],
    [0.2559, 1],
    [0.2754, 1],
    [0.2965, 1],
  ] as ReadonlyArray<readonly [number, number]>,
});

/** The fitted pairs as parameter sets for runs (run r uses pair r mod 24). */
export const FITTED_DRAWS: ReadonlyArray<FittedParameters> = FITTED.draws.map(([m, s]) => ({
  incidenceMultiplier: m,
  selectFactor: s,
  selectMonths: STATED.selectMonths,
}));

/**
 * The share of the table's incidence (CI3/CI4, 25 diseases) a plan's covered event stands for. Assumption
 * outside the seeds: malignant tumours are 72% of critical-illness claims (China Life's 2020 H1 claims
 * report, as reported by 财联社), for the cancer-only plans.
 */
export const EVENT_SHARE_OF_TABLE: Readonly<Record<string, number>> = Object.freeze({
  "xianghubao-elderly": 0.72,
  "xianghubao-chronic": 0.72,
});

/** Plans with an observed path shipped in data/observed/ (the default simulation follows it). */
export const OBSERVED_PATHS: Readonly<Record<string, string>> = Object.freeze({
  xianghubao: "xianghubao.csv",
  "xianghubao-elderly": "xianghubao-elderly.csv",
});

/** The defaults of a simulation with the fitted and stated assumptions (the CLI's and calibrate's base). */
export function defaultAssumptions(plan: string): Partial<SimulationOptions> {
  return {
    incidenceMultiplier: FITTED.incidenceMultiplier,
    eventShareOfTable: EVENT_SHARE_OF_TABLE[plan] ?? 1,
    select: { factor: FITTED.selectFactor, months: STATED.selectMonths },
    approvalRate: STATED.approvalRate,
    lagMonths: STATED.lagMonths,
    ageMix: STATED.ageMix,
    laterAgeMix: STATED.laterAgeMix,
    mixShiftMonths: STATED.mixShiftMonths,
    exitRatePerYear: STATED.exitRatePerYear,
  };
}
