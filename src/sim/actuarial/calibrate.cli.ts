import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../cli/user-error.ts";
import type { Plan } from "../../domain/plan/document.ts";
import { loadPlanFrom } from "../../plans/registry.ts";
import { OBSERVED_PATHS, STATED } from "./assumptions.ts";
import { type CalibrationResult, calibrateAndPredict } from "./calibrate.ts";
import { fitChartSvg } from "./chart.ts";
import { loadTables, readShippedPath } from "./load.ts";
import { type ObservedPath, parseObservedPath } from "./observed.ts";
import { fitTable } from "./report.ts";

/** A path from a file, or the plan's shipped one when the argument is a preset id with a path. */
export function readPath(ref: string, option = "--path"): ObservedPath {
  const shipped = OBSERVED_PATHS[ref];
  let source: { name: string; text: string };
  try {
    source = shipped ? readShippedPath(shipped) : { name: ref, text: readFileSync(ref, "utf8") };
  } catch {
    throw new UserError(`${option}: cannot read ${ref}`);
  }
  const parsed = parseObservedPath(source.name, source.text);
  if (!parsed.ok) throw new UserError(`${option}: ${parsed.error}`);
  return parsed.value;
}

export function mustPlan(ref: string): Plan {
  const plan = loadPlanFrom(ref);
  if (!plan.ok) throw UserError.fromProblems(plan.error);
  return plan.value;
}

export function formatCalibration(r: CalibrationResult, planId: string): string {
  const c = r.calibration;
  const f = (x: number) => x.toFixed(4);
  const lines = [
    `Calibration of plan ${planId} on ${c.path}: 2 free parameters, the rest stated`,
    `  incidence level  ${f(c.fitted.incidenceMultiplier)} × the CI table  (range ${f(c.range.incidenceMultiplier[0])}–${f(c.range.incidenceMultiplier[1])})`,
    `  select factor    ${c.fitted.selectFactor.toFixed(2)} at entry, fading over ${c.selectMonths} months (stated)  (range ${c.range.selectFactor[0].toFixed(2)}–${c.range.selectFactor[1].toFixed(2)})`,
    `  range: the pairs that keep every point within ±${Math.round(c.tolerance * 100)}%; ${c.draws.length} of them carry the bands`,
    `  stated: approval ${STATED.approvalRate * 100}%, lag ${STATED.lagMonths} months, joiners ${STATED.ageMix} → ${STATED.laterAgeMix} over ${STATED.mixShiftMonths} months, exits ${STATED.exitRatePerYear * 100}%/year`,
    "",
    fitTable(c.points),
  ];
  if (r.prediction) {
    lines.push(
      "",
      `Out of sample (not fitted): plan ${r.prediction.plan} on ${r.prediction.path}, with the parameters above`,
      "",
      fitTable(r.prediction.points),
    );
  }
  return `${lines.join("\n")}\n`;
}

const Options = z.object({
  plan: z.string(),
  observed: z.string(),
  predictPlan: z.string(),
  predict: z.string(),
  tolerance: z.coerce.number().gt(0).max(1),
  runs: z.coerce.number().int().min(1).max(10_000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  json: z.boolean().optional(),
  svg: z.string().optional(),
});

export function registerCalibrateCommand(simulate: Command): void {
  simulate
    .command("calibrate")
    .description(
      "fit the incidence level and the select factor to an observed cost path, and predict another path with them (--runs, --seed and --json are simulate's)",
    )
    .option("--plan <PLAN>", "the plan the fitted path belongs to", "xianghubao")
    .option("--observed <FILE>", "the observed path (date,members,cost_per_member_yuan,source)", "xianghubao")
    .option("--predict-plan <PLAN>", "the plan of the out-of-sample path", "xianghubao-elderly")
    .option("--predict <FILE>", "the out-of-sample path, or none", "xianghubao-elderly")
    .option("--tolerance <T>", "the error each point may have inside the parameters' range", "0.1")
    .option("--svg <FILE>", "write a chart of observed against simulated")
    .action((_raw: Record<string, unknown>, cmd: Command) => {
      // --runs, --seed and --json are simulate's own (a parent's options are parsed before its subcommand's)
      const parsed = Options.safeParse(cmd.optsWithGlobals());
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new UserError(
          `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
        );
      }
      const o = parsed.data;
      const tables = loadTables();
      const fit = { plan: mustPlan(o.plan), path: readPath(o.observed, "--observed") };
      const predict =
        o.predict === "none"
          ? undefined
          : { plan: mustPlan(o.predictPlan), path: readPath(o.predict, "--predict") };
      const result = calibrateAndPredict(tables, fit, predict, o);
      if (o.svg) writeFileSync(o.svg, fitChartSvg(tables, fit, predict, result));
      process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : formatCalibration(result, fit.plan.id));
    });
}
