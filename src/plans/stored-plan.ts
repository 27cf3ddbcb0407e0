import type { CivilDate } from "../domain/calendar.ts";
import { loadPlan, type Plan, ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import type { Queryable } from "../store/db.ts";
import { plansRepository } from "./plans.repository.ts";

/** The plan as stored: its rule versions, resolved and validated again on the way out. */
export async function loadStoredPlan(q: Queryable, planId: string): Promise<Plan & { status: string }> {
  const row = await plansRepository.planRow(q, planId);
  if (!row) return fail("not_found", `no plan "${planId}"`, "planId");
  const versions = await plansRepository.ruleVersions(q, planId);
  const { sources, silent, assumptions, currency, operator } = row.document;
  const plan = loadPlan({
    id: planId,
    name: row.name,
    ...(operator !== undefined ? { operator } : {}),
    ...(currency !== undefined ? { currency } : {}),
    sources: sources ?? [],
    silent: silent ?? [],
    assumptions: assumptions ?? [],
    versions: versions.map((r) => ({
      effective: r.effective,
      rules: r.rules,
      ...(r.summary ? { summary: r.summary } : {}),
    })),
  });
  if (!plan.ok)
    throw new Error(
      `stored plan ${planId} no longer validates: ${plan.error[0]?.field} ${plan.error[0]?.message}`,
    );
  return { ...plan.value, status: row.status };
}

export async function listPlans(q: Queryable) {
  return (await plansRepository.planSummaries(q)).map((r) => ({
    planId: r.planId,
    name: r.name,
    status: r.status,
    ruleVersions: r.versions,
    activeMembers: r.members,
  }));
}

/** The rules in force on a day; a plan without any then is a conflict the caller cannot fix by retrying. */
export function rulesOn(plan: Plan, on: CivilDate): Rules {
  return ruleVersionOn(plan, on)?.rules ?? fail("conflict", `no rules in force on ${on}`);
}
