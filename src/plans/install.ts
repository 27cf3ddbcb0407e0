import { loadPlan, mergeRules, type Plan } from "../domain/plan/document.ts";
import { ProblemError } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import type { Queryable } from "../store/db.ts";
import { documentSha256 } from "./digest.ts";
import { plansRepository } from "./plans.repository.ts";

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
  const { versions, id, name, ...meta } = raw as RawDoc;
  await plansRepository.upsertPlan(q, { planId: id, name, status, document: meta });
  let previous: unknown;
  for (const v of versions) {
    const rules = v.rules !== undefined ? v.rules : mergeRules(previous, v.changes);
    previous = rules;
    const effective = String(v.effective);
    const added = await plansRepository.insertRuleVersion(q, {
      planId: id,
      effective,
      rules,
      summary: v.summary ?? null,
    });
    // The log records a digest of the exact rules, so a version cannot change unseen.
    if (added)
      await appendLogEntry(q, "rule_version", { plan: id, effective, rulesSha256: documentSha256(rules) });
  }
  return plan.value;
}
