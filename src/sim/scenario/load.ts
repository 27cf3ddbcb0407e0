import { readFileSync } from "node:fs";
import { loadPlan, type Plan } from "../../domain/plan/document.ts";
import { err, ok, type Problem, type Result } from "../../domain/result.ts";
import { loadPlanFrom, parseYamlText } from "../../plans/registry.ts";
import { enrolmentProblems } from "./enrolment.ts";
import { parseScenario, type Scenario } from "./input.ts";
import { runScenario, type ScenarioReport } from "./run.ts";

/** Reads a scenario file (YAML or JSON), resolves its plan (preset id or inline) and runs it. */
export function runScenarioFile(path: string): Result<ScenarioReport, Problem[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return err([{ code: "file_not_found", message: `cannot read ${path}`, field: "FILE" }]);
  }
  const doc = parseYamlText(text, path);
  if (!doc.ok) return doc;
  const scenario = parseScenario(doc.value);
  if (!scenario.ok) return scenario;
  const plan = resolvePlan(scenario.value);
  if (!plan.ok) return plan;
  const refused = enrolmentProblems(scenario.value, plan.value);
  if (refused.length > 0) return err(refused);
  return ok(runScenario(scenario.value, plan.value));
}

export function resolvePlan(s: Scenario): Result<Plan, Problem[]> {
  if (typeof s.plan === "string") {
    const r = loadPlanFrom(s.plan);
    return r.ok
      ? r
      : err(
          r.error.map((p) => ({ ...p, field: p.field?.startsWith("plan") ? p.field : `plan: ${p.field}` })),
        );
  }
  const r = loadPlan(s.plan);
  return r.ok ? r : err(r.error.map((p) => ({ ...p, field: `plan.${p.field}` })));
}
