import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { UserError } from "../../cli/user-error.ts";
import { formatScenarioReport } from "./format.ts";
import { runScenarioFile } from "./load.ts";

export const DEMO_SCENARIO = fileURLToPath(
  new URL("../../../scenarios/xianghubao-2020.yaml", import.meta.url),
);

/** Runs the demo scenario (seed 004's worked example on the 相互宝 preset) and prints its report. */
export function printDemoScenario(): void {
  const r = runScenarioFile(DEMO_SCENARIO);
  if (!r.ok) throw UserError.fromProblems(r.error);
  process.stdout.write(
    `Demo scenario: ${DEMO_SCENARIO.split("/").slice(-2).join("/")}\n\n${formatScenarioReport(r.value)}`,
  );
}

export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description("run the demo scenario (相互宝, seed 004's worked example) and print its report")
    .action(() => printDemoScenario());
}
