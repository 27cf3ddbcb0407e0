import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Queryable } from "../store/db.ts";
import { installPlan } from "./install.ts";
import { loadPlanFrom, PRESETS_DIR, presetIds } from "./registry.ts";

export { installPlan } from "./install.ts";

/** Installs every preset of plans/ (first start, demo); returns their ids. */
export async function installPresets(q: Queryable, ids = presetIds()): Promise<string[]> {
  for (const id of ids) {
    const r = loadPlanFrom(id);
    if (!r.ok) throw new Error(`preset ${id} is invalid`);
    await installPlan(q, parseYaml(readFileSync(join(PRESETS_DIR, `${id}.yaml`), "utf8")));
  }
  return ids;
}
