import type { Command } from "commander";
import { UserError } from "../cli/user-error.ts";
import { parseCivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { planJsonSchema } from "../domain/plan/json-schema.ts";
import { loadPlanFrom, presetIds } from "./registry.ts";

export function registerPlanCommands(program: Command): void {
  const plan = program.command("plan").description("plan rule documents: presets, validation, schema");
  plan
    .command("list")
    .description("list the presets in plans/")
    .action(() => {
      for (const id of presetIds()) {
        const r = loadPlanFrom(id);
        process.stdout.write(`${id.padEnd(24)} ${r.ok ? r.value.name : "INVALID"}\n`);
      }
    });
  plan
    .command("validate")
    .argument("<PLAN>", "a preset id or a path to a YAML/JSON plan document")
    .description("validate a plan document and list its rule versions")
    .action((ref: string) => {
      const r = loadPlanFrom(ref);
      if (!r.ok) throw UserError.fromProblems(r.error);
      process.stdout.write(
        `${r.value.id}: valid, ${r.value.versions.length} rule version(s): ${r.value.versions.map((v) => v.effective).join(", ")}\n`,
      );
    });
  plan
    .command("show")
    .argument("<PLAN>", "a preset id or a path")
    .option("--on <DATE>", "the rule version in force on this date (default: the latest)")
    .description("print the resolved rules in force on a date, as JSON")
    .action((ref: string, opts: { on?: string }) => {
      const r = loadPlanFrom(ref);
      if (!r.ok) throw UserError.fromProblems(r.error);
      let version = r.value.versions[r.value.versions.length - 1];
      if (opts.on !== undefined) {
        const on = parseCivilDate(opts.on, "--on");
        if (!on.ok) throw UserError.fromProblems([on.error]);
        version = ruleVersionOn(r.value, on.value);
        if (!version) throw new UserError(`--on: no rule version in force on ${opts.on}`);
      }
      process.stdout.write(`${JSON.stringify(version, null, 2)}\n`);
    });
  plan
    .command("schema")
    .description("print the JSON Schema of plan documents (also published as plans/plan.schema.json)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
    });
}
