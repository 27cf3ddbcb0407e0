import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { charterInForce } from "../governance/charter.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { type Queryable, withTransaction } from "../store/db.ts";
import { documentSha256 } from "./digest.ts";
import { logLaunch } from "./install.ts";
import { plansRepository } from "./plans.repository.ts";
import { loadStoredPlan } from "./stored-plan.ts";

const LIFECYCLE: Record<string, { from: string[]; to: string }> = {
  consult: { from: ["draft"], to: "consultation" },
  launch: { from: ["draft", "consultation"], to: "active" },
};

/** Where the charter asks for consultation, launch comes from it and after its days. */
async function checkConsultation(
  q: Queryable,
  planId: string,
  status: string,
  on: CivilDate,
  charterDays: number,
) {
  if (charterDays === 0) return;
  if (status !== "consultation")
    fail(
      "consultation_required",
      `this plan's charter asks ${charterDays} days of consultation before launch: POST /plans/${planId}/consultation first`,
    );
  const since = (await plansRepository.planRow(q, planId))?.consultationOn;
  const earliest = since ? addDays(since as CivilDate, charterDays) : on;
  if (on < earliest)
    fail(
      "consultation_required",
      `consultation began on ${since}; the charter asks ${charterDays} days: launch on ${earliest} at the earliest`,
    );
}

/**
 * draft → consultation → active. Launching publishes the terms: every version as its initial terms (with
 * their digests), the rules in force and the charter; where the charter asks for consultation, the plan
 * launches only from it, after the charter's days.
 */
export async function changePlanStatus(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  action: "consult" | "launch",
) {
  const plan = await loadStoredPlan(deps.pool, planId);
  const step = LIFECYCLE[action]!;
  if (!step.from.includes(plan.status))
    fail("conflict", `a plan that is ${plan.status} cannot ${action} (from ${step.from.join(" or ")})`);
  const on = todayOf(deps);
  const rules = ruleVersionOn(plan, on) ?? plan.versions[0]!;
  const charter = await charterInForce(deps.pool, planId, rules.effective > on ? rules.effective : on);
  if (action === "launch")
    await checkConsultation(deps.pool, planId, plan.status, on, charter.consultationDays);
  await withTransaction(deps.pool, async (tx) => {
    await plansRepository.setStatus(tx, planId, step.to, on);
    const entry = {
      on,
      rulesSha256: documentSha256(rules.rules),
      charterSha256: documentSha256(charter),
      by: `staff:${principal.id}`,
    };
    if (step.to === "active")
      await logLaunch(tx, planId, await plansRepository.ruleVersions(tx, planId), entry);
    else await appendLogEntry(tx, "plan_status", { plan: planId, status: step.to, ...entry });
    await broadcast(
      deps,
      tx,
      planId,
      "plan_status",
      `计划状态：${step.to}`,
      `${plan.name} 自 ${on} 起为 ${step.to}`,
    );
  });
  return { planId, status: step.to, on };
}
