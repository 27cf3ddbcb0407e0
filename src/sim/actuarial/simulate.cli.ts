import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../cli/user-error.ts";
import { loadPlanFrom } from "../../plans/registry.ts";
import { type IncidenceTable, loadTables } from "./load.ts";
import { formatSimulation, simulationHtml } from "./report.ts";
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
    z.enum(["census", "internet"]),
    z.coerce.number().int().min(0).max(105),
    z.string().regex(/\.csv$/, "census, internet, an age, or a CSV file"),
  ]),
  joinsPerMonth: num(0, 100_000_000),
  exitRate: num(0, 1),
  exitElasticity: num(0, 10),
  incidenceMultiplier: num(0, 10),
  adverseSelection: num(0, 10),
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

export function registerSimulateCommands(program: Command): void {
  program
    .command("simulate")
    .argument("<PLAN>", "a preset id or a plan document")
    .description(
      "Monte Carlo projection of a plan on real incidence and life tables: cost per member, size, ageing, adverse selection",
    )
    .option("--years <N>", "years to project", "10")
    .option("--runs <N>", "Monte Carlo runs", "200")
    .option("--seed <N>", "seed (same seed, same report)", "1")
    .option("--members <N>", "initial members", "1000000")
    .option(
      "--age-mix <MIX>",
      "census | internet | a single age | FILE.csv (age_group,male,female as data/population_2020.csv)",
      "internet",
    )
    .option("--joins-per-month <N>", "new members a month", "0")
    .option("--exit-rate <R>", "yearly exit rate", "0.05")
    .option("--exit-elasticity <E>", "extra yearly exits per +100% of the share over year 1", "0.2")
    .option("--incidence-multiplier <M>", "the white paper's 0.5 for the insured-healthy population", "0.5")
    .option("--adverse-selection <A>", "joiners' incidence × (1 + A)", "0")
    .option("--table <T>", "ci2006_2010 | ci2020", "ci2006_2010")
    .option("--stress <NAME>", `a named stress test: ${Object.keys(STRESS_TESTS).join(", ")}`)
    .option("--tier <TIER>", "benefit tier")
    .option("--no-demography", "no ageing and no deaths (a static plan, as in the pricing check)")
    .option("--json", "print the report as JSON")
    .option("--html <FILE>", "write a self-contained HTML report with SVG charts")
    .action((planRef: string, raw: Record<string, unknown>) => {
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
      let opts: SimulationOptions = {
        years: o.years,
        runs: o.runs,
        seed: o.seed,
        members: o.members,
        ageMix:
          typeof o.ageMix === "number"
            ? { age: o.ageMix }
            : o.ageMix === "census" || o.ageMix === "internet"
              ? o.ageMix
              : { given: readMix(o.ageMix) },
        joinsPerMonth: o.joinsPerMonth,
        exitRatePerYear: o.exitRate,
        exitElasticity: o.exitElasticity,
        incidenceMultiplier: o.incidenceMultiplier,
        adverseSelection: o.adverseSelection,
        demography: o.demography,
        ...(o.tier ? { tier: o.tier } : {}),
      };
      if (o.stress) opts = STRESS_TESTS[o.stress]!.apply(opts);
      const report = simulate(plan.value, loadTables(o.table as IncidenceTable), opts);
      if (o.html) writeFileSync(o.html, simulationHtml(report));
      process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : formatSimulation(report));
    });
}
