import type { Command } from "commander";
import { UserError } from "../../cli/user-error.ts";
import { formatScenarioReport } from "./format.ts";
import { runScenarioFile } from "./load.ts";

export function registerScenarioCommands(program: Command): void {
  const scenario = program
    .command("scenario")
    .description("what-if runs of a plan's rules over cohorts, in memory");
  scenario
    .command("run")
    .argument("<FILE>", "scenario file (YAML or JSON), see docs/scenarios.md")
    .option("--json", "print the report as JSON")
    .description("run a scenario and print the per-cycle report")
    .action((file: string, opts: { json?: boolean }) => {
      const r = runScenarioFile(file);
      if (!r.ok) throw UserError.fromProblems(r.error);
      process.stdout.write(
        opts.json ? `${JSON.stringify(r.value, null, 2)}\n` : formatScenarioReport(r.value),
      );
    });
}
