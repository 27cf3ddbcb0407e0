import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { loadPlan, type Plan } from "../domain/plan/document.ts";
import { err, type Problem, type Result } from "../domain/result.ts";

/** plans/ at the package root: the presets for every platform of domain.md §8. */
export const PRESETS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "plans");

export function presetIds(dir = PRESETS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** Parses YAML (or JSON, which is YAML) text, turning a syntax error into a problem with its line. */
export function parseYamlText(text: string, what: string): Result<unknown, Problem[]> {
  try {
    return { ok: true, value: parseYaml(text, { prettyErrors: true }) };
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0]! : String(e);
    return err([{ code: "invalid_yaml", message, field: what }]);
  }
}

/** Loads a plan from a preset id or a path to a YAML/JSON document. */
export function loadPlanFrom(idOrPath: string, dir = PRESETS_DIR): Result<Plan, Problem[]> {
  const presetPath = join(dir, `${idOrPath}.yaml`);
  const path = /^[a-z0-9_-]+$/.test(idOrPath) && existsSync(presetPath) ? presetPath : idOrPath;
  if (!existsSync(path)) {
    return err([
      {
        code: "unknown_plan",
        message: `no preset "${idOrPath}" and no such file; presets: ${presetIds(dir).join(", ")}`,
        field: "plan",
      },
    ]);
  }
  const doc = parseYamlText(readFileSync(path, "utf8"), path);
  if (!doc.ok) return doc;
  return loadPlan(doc.value);
}
