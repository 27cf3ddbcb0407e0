import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { canonicalJson } from "../domain/canonical-json.ts";
import { loadPlan, mergeRules, type Plan } from "../domain/plan/document.ts";
import { fail, ProblemError } from "../errors.ts";
import { loadPlanFrom, PRESETS_DIR, presetIds } from "../plans/registry.ts";
import type { Queryable } from "../store/db.ts";
import { appendLogEntry } from "../store/log.repository.ts";

type RawDoc = {
  id: string;
  name: string;
  versions: Array<{ effective: string; rules?: unknown; changes?: unknown; summary?: string }>;
} & Record<string, unknown>;

/**
 * Stores a validated plan document: the plan row and one immutable row per rule version with its full
 * rules (patches resolved). Versions already stored are left as they are (a version never changes).
 */
export async function installPlan(
  q: Queryable,
  raw: unknown,
  status: "draft" | "consultation" | "active" = "active",
): Promise<Plan> {
  const plan = loadPlan(raw);
  if (!plan.ok)
    throw new ProblemError({
      code: "validation",
      message: plan.error[0]!.message,
      field: plan.error[0]!.field ?? "plan",
      errors: plan.error.map((p) => ({ field: p.field ?? "plan", message: p.message })),
    });
  const doc = raw as RawDoc;
  const { versions, id, name, ...meta } = doc;
  await q.query(
    `INSERT INTO plans (plan_id, name, status, document) VALUES ($1, $2, $3, $4)
     ON CONFLICT (plan_id) DO UPDATE SET name = excluded.name, document = excluded.document`,
    [id, name, status, meta],
  );
  let previous: unknown;
  for (const v of versions) {
    const rules = v.rules !== undefined ? v.rules : mergeRules(previous, v.changes);
    previous = rules;
    const ins = await q.query(
      `INSERT INTO rule_versions (plan_id, effective, rules, summary) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plan_id, effective) DO NOTHING`,
      [id, String(v.effective), JSON.stringify(rules), v.summary ?? null],
    );
    if (ins.rowCount === 1) {
      // The log records a digest of the exact rules, so a version cannot change unseen.
      const digest = createHash("sha256").update(stableJson(rules)).digest("hex");
      await appendLogEntry(q, "rule_version", {
        plan: id,
        effective: String(v.effective),
        rulesSha256: digest,
      });
    }
  }
  return plan.value;
}

/** Installs every preset of plans/ (first start, demo); returns their ids. */
export async function installPresets(q: Queryable, ids = presetIds()): Promise<string[]> {
  for (const id of ids) {
    const r = loadPlanFrom(id);
    if (!r.ok) throw new Error(`preset ${id} is invalid`);
    await installPlan(q, parseYaml(readFileSync(join(PRESETS_DIR, `${id}.yaml`), "utf8")));
  }
  return ids;
}

/** The plan as stored: its rule versions, resolved and validated again on the way out. */
export async function loadStoredPlan(q: Queryable, planId: string): Promise<Plan & { status: string }> {
  const p = await q.query<{ name: string; status: string; document: Record<string, unknown> }>(
    "SELECT name, status, document FROM plans WHERE plan_id = $1",
    [planId],
  );
  if (!p.rows[0]) return fail("not_found", `no plan "${planId}"`, "planId");
  const v = await q.query<{ effective: string; rules: unknown; summary: string | null }>(
    "SELECT effective, rules, summary FROM rule_versions WHERE plan_id = $1 ORDER BY effective",
    [planId],
  );
  const { sources, silent, assumptions, currency, operator } = p.rows[0].document;
  const plan = loadPlan({
    id: planId,
    name: p.rows[0].name,
    ...(operator !== undefined ? { operator } : {}),
    ...(currency !== undefined ? { currency } : {}),
    sources: sources ?? [],
    silent: silent ?? [],
    assumptions: assumptions ?? [],
    versions: v.rows.map((r) => ({
      effective: r.effective,
      rules: r.rules,
      ...(r.summary ? { summary: r.summary } : {}),
    })),
  });
  if (!plan.ok)
    throw new Error(
      `stored plan ${planId} no longer validates: ${plan.error[0]?.field} ${plan.error[0]?.message}`,
    );
  return { ...plan.value, status: p.rows[0].status };
}

export async function listPlans(q: Queryable) {
  const { rows } = await q.query<{
    plan_id: string;
    name: string;
    status: string;
    versions: number;
    members: number;
  }>(
    `SELECT p.plan_id, p.name, p.status,
            (SELECT count(*)::int FROM rule_versions v WHERE v.plan_id = p.plan_id) AS versions,
            (SELECT count(*)::int FROM participations x WHERE x.plan_id = p.plan_id AND x.status = 'active') AS members
     FROM plans p ORDER BY p.plan_id`,
  );
  return rows.map((r) => ({
    planId: r.plan_id,
    name: r.name,
    status: r.status,
    ruleVersions: r.versions,
    activeMembers: r.members,
  }));
}

/**
 * JSON with object keys sorted, so a digest does not depend on how the document was written or stored:
 * canonical JSON with fractions allowed (test/domain/canonical-json.test.ts holds the old printer and
 * checks the two agree byte for byte on every preset, the default charter and proposals' changes).
 */
export const stableJson = (v: unknown): string => canonicalJson(v, "finite");
