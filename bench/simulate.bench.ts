import { loadPlanFrom } from "../src/plans/registry.ts";
import { FITTED, FITTED_DRAWS, STATED } from "../src/sim/actuarial/assumptions.ts";
import { loadTables } from "../src/sim/actuarial/load.ts";
import { type SimulationOptions, simulate } from "../src/sim/actuarial/simulate.ts";
import { fmt, timed } from "./support.ts";

/**
 * Issue 8's benchmark: 1,000 runs of a 10-million-member plan over 10 years, cohort-based; since issue 21
 * with the calibrated model's every effect on (select period, approval, lag, joiners' mix moving, the
 * fitted parameters' range drawn per run).
 * Baseline in the same run: 10 runs, to show the time is linear in runs and flat in members.
 * `npm run bench -- simulate [RUNS]`.
 */
export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 1000);
  const plan = loadPlanFrom("xianghubao");
  if (!plan.ok) throw new Error("the preset does not load");
  const tables = loadTables();
  const opts: SimulationOptions = {
    years: 10,
    runs,
    seed: 1,
    members: 10_000_000,
    ageMix: STATED.ageMix,
    laterAgeMix: STATED.laterAgeMix,
    mixShiftMonths: STATED.mixShiftMonths,
    joinsPerMonth: 100_000,
    exitRatePerYear: STATED.exitRatePerYear,
    exitElasticity: 0.2,
    incidenceMultiplier: FITTED.incidenceMultiplier,
    select: { factor: FITTED.selectFactor, months: STATED.selectMonths },
    approvalRate: STATED.approvalRate,
    lagMonths: STATED.lagMonths,
    parameterDraws: FITTED_DRAWS,
    adverseSelection: 0.1,
    demography: true,
  };
  const small = await timed(() => simulate(plan.value, tables, { ...opts, runs: 10 }));
  const smallFewMembers = await timed(() =>
    simulate(plan.value, tables, { ...opts, runs: 10, members: 10_000 }),
  );
  const big = await timed(() => simulate(plan.value, tables, opts));
  process.stdout.write(
    [
      `simulator: ${runs} runs × 10 years × 10,000,000 members (cohorts: sex × age × joined-in-simulation; select, lag, approval, mix shift, ${FITTED_DRAWS.length} parameter sets)`,
      `  ${runs} runs:                 ${fmt(big.seconds, 2)} s  (${fmt(runs / big.seconds, 0)} runs/s; target under 10 s)`,
      `  10 runs (baseline):       ${fmt(small.seconds, 2)} s  → ${fmt(big.seconds / small.seconds, 1)}× for ${runs / 10}× the runs`,
      `  10 runs, 10,000 members:  ${fmt(smallFewMembers.seconds, 2)} s  (the cost does not follow the member count)`,
      `  year-10 share per member: ${(big.value.yearly[9]!.shareFen.mean / 100).toFixed(2)} yuan (5%–95%: ${(big.value.yearly[9]!.shareFen.p5 / 100).toFixed(2)}–${(big.value.yearly[9]!.shareFen.p95 / 100).toFixed(2)})`,
      "",
    ].join("\n"),
  );
}
