import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../cli/user-error.ts";
import { loadPlanFrom } from "../../plans/registry.ts";
import { EVENT_SHARE_OF_TABLE, FITTED, FITTED_DRAWS, OBSERVED_PATHS, STATED } from "./assumptions.ts";
import { readPath, registerCalibrateCommand } from "./calibrate.cli.ts";
import { comparePoints, pathOptions } from "./calibrate.ts";
import { type IncidenceTable, loadTables } from "./load.ts";
import type { AgeMix } from "./mixes.ts";
import { type FitScreen, formatSimulation, simulationHtml } from "./report.ts";
import { type SimulationOptions, simulate } from "./simulate.ts";
import { STRESS_TESTS } from "./stress.ts";
import { type PopulationMix, parsePopulation } from "./tables.ts";

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const Options = z.object({
  years: num(1, 50).int(),
  runs: num(1, 100_000).int(),
  seed: num(0, 2 ** 31).int(),
  members: num(1, 2_000_000_000).int(),
  ageMix: z.union([
    z.enum(["census", "internet", "young-first", "white-paper-2025"]),
    z.coerce.number().int().min(0).max(105),
    z.string().regex(/\.csv$/, "census, internet, an age, or a CSV file"),
  ]),
  joinsPerMonth: num(0, 100_000_000),
  exitRate: num(0, 1),
  exitElasticity: num(0, 10),
  incidenceMultiplier: num(0, 10),
  adverseSelection: num(0, 10),
  laterAgeMix: z.enum(["census", "internet", "young-first", "white-paper-2025", "none"]),
  mixShiftMonths: num(1, 600).int(),
  selectFactor: num(0, 1),
  selectMonths: num(0.1, 600),
  approvalRate: num(0, 1),
  lagMonths: num(0, 24).int(),
  path: z.string().optional(),
  table: z.enum(["ci2006_2010", "ci2020"]),
  stress: z.enum(Object.keys(STRESS_TESTS) as [string, ...string[]]).optional(),
  tier: z.string().optional(),
  demography: z.boolean(),
  json: z.boolean().optional(),
  html: z.string().optional(),
});

function readMix(path: string): PopulationMix {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UserError(`--age-mix: cannot read ${path}`);
  }
  const mix = parsePopulation(text);
  if (
    mix.length === 0 ||
    mix.some(
      (g) =>
        !Number.isFinite(g.male) ||
        !Number.isFinite(g.female) ||
        g.male < 0 ||
        g.female < 0 ||
        !(g.ageFrom <= g.ageTo),
    )
  ) {
    throw new UserError(
      `--age-mix: ${path} needs rows age_group,male,female with non-negative counts (e.g. 35-39,1000,980)`,
    );
  }
  return mix;
}

type Parsed = z.infer<typeof Options>;
const isDefault = (cmd: Command, name: string) => cmd.getOptionValueSource(name) === "default";

function ageMixOf(value: Parsed["ageMix"]): AgeMix {
  if (typeof value === "number") return { age: value };
  return value.endsWith(".csv") ? { given: readMix(value) } : (value as AgeMix);
}

/** The options from the command line; the fitted parameters' range rides along unless one is set by hand. */
function optionsOf(o: Parsed, planId: string, cmd: Command): SimulationOptions {
  const byHand = !isDefault(cmd, "incidenceMultiplier") || !isDefault(cmd, "selectFactor");
  return {
    years: o.years,
    runs: o.runs,
    seed: o.seed,
    members: o.members,
    ageMix: ageMixOf(o.ageMix),
    laterAgeMix: o.laterAgeMix === "none" || !isDefault(cmd, "ageMix") ? undefined : o.laterAgeMix,
    mixShiftMonths: o.mixShiftMonths,
    joinsPerMonth: o.joinsPerMonth,
    exitRatePerYear: o.exitRate,
    exitElasticity: o.exitElasticity,
    incidenceMultiplier: o.incidenceMultiplier,
    select: { factor: o.selectFactor, months: o.selectMonths },
    approvalRate: o.approvalRate,
    lagMonths: o.lagMonths,
    eventShareOfTable: EVENT_SHARE_OF_TABLE[planId] ?? 1,
    parameterDraws: byHand ? undefined : FITTED_DRAWS,
    adverseSelection: o.adverseSelection,
    demography: o.demography,
    ...(o.tier ? { tier: o.tier } : {}),
  };
}

/** The observed path the run follows: --path, or the plan's shipped one unless the size is set by hand. */
function pathFor(o: Parsed, planId: string, cmd: Command) {
  if (o.path === "none") return undefined;
  if (o.path) return readPath(o.path);
  const byHand = !isDefault(cmd, "members") || !isDefault(cmd, "joinsPerMonth");
  return !byHand && OBSERVED_PATHS[planId] ? readPath(planId) : undefined;
}

function declareOptions(cmd: Command): Command {
  return cmd
    .option("--years <N>", "years to project", "10")
    .option("--runs <N>", "Monte Carlo runs", "240")
    .option("--seed <N>", "seed (same seed, same report)", "1")
    .option("--members <N>", "initial members (instead of the plan's observed path)", "1000000")
    .option(
      "--age-mix <MIX>",
      "census | internet | young-first | white-paper-2025 | a single age | FILE.csv (age_group,male,female)",
      STATED.ageMix,
    )
    .option(
      "--later-age-mix <MIX>",
      "joiners' mix after --mix-shift-months (none: no shift)",
      STATED.laterAgeMix,
    )
    .option(
      "--mix-shift-months <N>",
      "months over which joiners move to the later mix",
      String(STATED.mixShiftMonths),
    )
    .option("--joins-per-month <N>", "new members a month (instead of the plan's observed path)", "0")
    .option(
      "--path <FILE>",
      "follow an observed members path (date,members,cost_per_member_yuan,source), or none",
    )
    .option("--exit-rate <R>", "yearly exit rate", String(STATED.exitRatePerYear))
    .option("--exit-elasticity <E>", "extra yearly exits per +100% of the share over year 1", "0.2")
    .option(
      "--incidence-multiplier <M>",
      "incidence level × the table (fitted)",
      String(FITTED.incidenceMultiplier),
    )
    .option(
      "--select-factor <S>",
      "select period: incidence × S at entry (fitted)",
      String(FITTED.selectFactor),
    )
    .option("--select-months <N>", "the select effect's time constant, months", String(STATED.selectMonths))
    .option("--approval-rate <R>", "share of reported cases approved", String(STATED.approvalRate))
    .option("--lag-months <N>", "months from diagnosis to the sharing that pays", String(STATED.lagMonths))
    .option("--adverse-selection <A>", "joiners' incidence × (1 + A)", "0")
    .option("--table <T>", "ci2006_2010 | ci2020", "ci2006_2010")
    .option("--stress <NAME>", `a named stress test: ${Object.keys(STRESS_TESTS).join(", ")}`)
    .option("--tier <TIER>", "benefit tier")
    .option("--no-demography", "no ageing and no deaths (a static plan, as in the pricing check)")
    .option("--json", "print the report as JSON")
    .option("--html <FILE>", "write a self-contained HTML report with SVG charts");
}

export function registerSimulateCommands(program: Command): void {
  const simulateCommand = declareOptions(
    program
      .command("simulate")
      .argument("<PLAN>", "a preset id or a plan document")
      .description(
        "Monte Carlo projection of a plan on real incidence and life tables, calibrated on the plans' observed costs",
      ),
  ).action((planRef: string, raw: Record<string, unknown>, cmd: Command) => {
    const parsed = Options.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new UserError(
        `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
      );
    }
    const o = parsed.data;
    const plan = loadPlanFrom(planRef);
    if (!plan.ok) throw UserError.fromProblems(plan.error);
    const path = pathFor(o, plan.value.id, cmd);
    let opts = optionsOf(o, plan.value.id, cmd);
    if (path) opts = { ...pathOptions(path, opts), years: o.years };
    if (o.stress) opts = STRESS_TESTS[o.stress]!.apply(opts);
    const tables = loadTables(o.table as IncidenceTable);
    const compared = path ? comparePoints(plan.value, tables, path, opts) : undefined;
    const report = compared?.report ?? simulate(plan.value, tables, opts);
    const fit: FitScreen | undefined =
      compared && path ? { path: path.name, points: compared.points } : undefined;
    if (o.html) writeFileSync(o.html, simulationHtml(report, fit));
    process.stdout.write(o.json ? `${JSON.stringify({ ...report, fit })}\n` : formatSimulation(report, fit));
  });
  registerCalibrateCommand(simulateCommand);
}
