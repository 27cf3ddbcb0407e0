import type { Plan } from "../../domain/plan/document.ts";
import { defaultAssumptions, STATED } from "./assumptions.ts";
import { membersPathOf, monthsToCover, type ObservedPath, windowMonths } from "./observed.ts";
import { type FittedParameters, type SimulationOptions, simulateRuns, type Tables } from "./simulate.ts";

/** The options a path's simulation starts from: its start date, members and monthly path. */
export function pathOptions(path: ObservedPath, base: SimulationOptions, extraYears = 0): SimulationOptions {
  const years = Math.ceil(monthsToCover(path) / 12) + extraYears;
  const first = path.points[0]!;
  return {
    ...base,
    years,
    startOn: first.date,
    members: first.members ?? 0,
    joinsPerMonth: 0,
    membersPath: membersPathOf(path, years * 12),
  };
}

export type PointFit = {
  readonly date: string;
  readonly observedYuan: number;
  readonly simulatedYuan: number;
  /** 5%–95% across runs (with parameter draws, their uncertainty too). */
  readonly p5Yuan: number;
  readonly p95Yuan: number;
  /** (simulated − observed) ÷ observed. */
  readonly error: number;
};

/** Each cost point of the path against the simulation: the share per member summed over its 12 months. */
export function comparePoints(plan: Plan, tables: Tables, path: ObservedPath, opts: SimulationOptions) {
  const { report, shareByRunMonth } = simulateRuns(plan, tables, opts);
  const months = opts.years * 12;
  const start = path.points[0]!.date;
  const points: PointFit[] = path.points
    .filter((p) => p.costYuan !== undefined && windowMonths(start, p.date, months).length === 12)
    .map((p) => {
      const window = windowMonths(start, p.date, months);
      const perRun = Float64Array.from({ length: opts.runs }, (_, r) =>
        window.reduce((sum, m) => sum + shareByRunMonth[r * months + m]!, 0),
      ).sort();
      const mean = perRun.reduce((a, b) => a + b, 0) / opts.runs / 100;
      const at = (q: number) => perRun[Math.min(opts.runs - 1, Math.round(q * (opts.runs - 1)))]! / 100;
      return {
        date: p.date,
        observedYuan: p.costYuan!,
        simulatedYuan: Math.round(mean * 100) / 100,
        p5Yuan: Math.round(at(0.05) * 100) / 100,
        p95Yuan: Math.round(at(0.95) * 100) / 100,
        error: Math.round(((mean - p.costYuan!) / p.costYuan!) * 10_000) / 10_000,
      };
    });
  return { points, report };
}

export type Calibration = {
  readonly path: string;
  /** The two free parameters at their best fit (least squares on log cost). */
  readonly fitted: { readonly incidenceMultiplier: number; readonly selectFactor: number };
  /** The parameters whose every point stays within the tolerance: each one's range over that set. */
  readonly range: {
    readonly incidenceMultiplier: readonly [number, number];
    readonly selectFactor: readonly [number, number];
  };
  readonly tolerance: number;
  /** The fixed ones, as used. */
  readonly selectMonths: number;
  readonly points: ReadonlyArray<PointFit>;
  /** Parameter sets inside the range, for runs that carry the parameters' uncertainty. */
  readonly draws: ReadonlyArray<FittedParameters>;
};

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const SELECT_GRID = Array.from({ length: 19 }, (_, i) => round(0.1 + i * 0.05, 2));
const REFERENCE_MULTIPLIER = 0.5;

/**
 * Fits the incidence level and the select factor to a path. The cost is close to proportional to the
 * incidence level (cases are a small share of members), so for each select factor on a grid one run at
 * the white paper's 0.5 gives the best level in closed form (the geometric mean of observed ÷ simulated)
 * and the levels that keep every point within ± tolerance; the best pair is then simulated again.
 */
export function calibrate(
  plan: Plan,
  tables: Tables,
  path: ObservedPath,
  base: SimulationOptions,
  tolerance = 0.1,
): Calibration {
  const opts = pathOptions(path, { ...base, runs: Math.min(base.runs, 4), parameterDraws: undefined });
  const months = opts.select?.months ?? 12;
  const logTol = Math.log(1 + tolerance);
  const candidates = SELECT_GRID.map((selectFactor) => {
    const { points } = comparePoints(plan, tables, path, {
      ...opts,
      incidenceMultiplier: REFERENCE_MULTIPLIER,
      select: { factor: selectFactor, months },
    });
    const logs = points.map((p) => Math.log(p.observedYuan / Math.max(p.simulatedYuan, 1e-9)));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sse = logs.reduce((a, l) => a + (l - mean) ** 2, 0);
    // every point within tolerance: log k ∈ [max(l) − tol, min(l) + tol]
    const lo = Math.max(...logs) - logTol;
    const hi = Math.min(...logs) + logTol;
    return { selectFactor, level: REFERENCE_MULTIPLIER * Math.exp(mean), sse, lo, hi };
  });
  const best = candidates.reduce((a, b) => (b.sse < a.sse ? b : a));
  const inside = candidates.filter((c) => c.lo <= c.hi);
  const draws: FittedParameters[] = inside.flatMap((c) =>
    [c.lo, (c.lo + c.hi) / 2, c.hi].map((l) => ({
      incidenceMultiplier: round(REFERENCE_MULTIPLIER * Math.exp(l), 4),
      selectFactor: c.selectFactor,
      selectMonths: months,
    })),
  );
  const fitted = { incidenceMultiplier: round(best.level, 4), selectFactor: best.selectFactor };
  const { points } = comparePoints(plan, tables, path, {
    ...opts,
    incidenceMultiplier: fitted.incidenceMultiplier,
    select: { factor: fitted.selectFactor, months },
  });
  const span = (xs: number[]) => [round(Math.min(...xs), 4), round(Math.max(...xs), 4)] as const;
  return {
    path: path.name,
    fitted,
    range: {
      incidenceMultiplier: draws.length ? span(draws.map((d) => d.incidenceMultiplier)) : [NaN, NaN],
      selectFactor: draws.length ? span(draws.map((d) => d.selectFactor)) : [NaN, NaN],
    },
    tolerance,
    selectMonths: months,
    points,
    draws,
  };
}

/** The simulation options a calibration starts from: the stated assumptions, the plan's event share. */
export function baseOptions(planId: string, runs: number, seed: number): SimulationOptions {
  return {
    years: 3,
    runs,
    seed,
    members: 0,
    joinsPerMonth: 0,
    exitElasticity: 0,
    adverseSelection: 0,
    demography: true,
    incidenceMultiplier: 0.5,
    ageMix: STATED.ageMix,
    exitRatePerYear: STATED.exitRatePerYear,
    ...defaultAssumptions(planId),
  };
}

export type CalibrationResult = {
  readonly calibration: Calibration;
  readonly prediction:
    | { readonly plan: string; readonly path: string; readonly points: PointFit[] }
    | undefined;
};

/** Fits on one path and predicts another with the fitted parameters (and their range, in the bands). */
export function calibrateAndPredict(
  tables: Tables,
  fit: { plan: Plan; path: ObservedPath },
  predict: { plan: Plan; path: ObservedPath } | undefined,
  o: { runs: number; seed: number; tolerance: number },
): CalibrationResult {
  const calibration = calibrate(fit.plan, tables, fit.path, baseOptions(fit.plan.id, 4, o.seed), o.tolerance);
  if (!predict) return { calibration, prediction: undefined };
  const base = baseOptions(predict.plan.id, Math.max(o.runs, calibration.draws.length), o.seed);
  const opts = pathOptions(predict.path, {
    ...base,
    incidenceMultiplier: calibration.fitted.incidenceMultiplier,
    select: { factor: calibration.fitted.selectFactor, months: calibration.selectMonths },
    parameterDraws: calibration.draws,
  });
  const { points } = comparePoints(predict.plan, tables, predict.path, opts);
  return { calibration, prediction: { plan: predict.plan.id, path: predict.path.name, points } };
}
