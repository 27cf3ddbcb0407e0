import { startWindDownIn } from "../cycles/wind-down.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { charterInForce } from "../governance/charter.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { withTransaction } from "../store/db.ts";
import { documentSha256 } from "./digest.ts";
import { plansRepository } from "./plans.repository.ts";
import { loadStoredPlan, rulesOn } from "./stored-plan.ts";

const LIFECYCLE: Record<string, { from: string[]; to: string }> = {
  consult: { from: ["draft"], to: "consultation" },
  launch: { from: ["draft", "consultation"], to: "active" },
};

/** draft → consultation → active: launching publishes the terms (the rules' and the charter's digests). */
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
  await withTransaction(deps.pool, async (tx) => {
    await plansRepository.setStatus(tx, planId, step.to);
    await appendLogEntry(tx, "plan_status", {
      plan: planId,
      status: step.to,
      on,
      rulesSha256: documentSha256(rules.rules),
      charterSha256: documentSha256(charter),
      by: `staff:${principal.id}`,
    });
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

/**
 * The operator closes the plan where the charter does not reserve dissolution to the members: with the
 * plan's notice, handing over to the wind-down. Otherwise closure goes through a dissolution proposal.
 */
export async function closePlan(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  closingOn: CivilDate,
  reason: string,
) {
  const on = todayOf(deps);
  const charter = await charterInForce(deps.pool, planId, on);
  if (charter.votes.dissolution.vote)
    fail(
      "vote_required",
      "this plan's charter reserves dissolution to the members' vote: submit a dissolution proposal",
    );
  const plan = await loadStoredPlan(deps.pool, planId);
  const rules = rulesOn(plan, on);
  const earliest = addDays(on, rules.closure.noticeDays);
  if (closingOn < earliest)
    fail(
      "notice_too_short",
      `closing needs ${rules.closure.noticeDays} days' notice: ${earliest} at the earliest`,
      "closingOn",
    );
  // the wind-down and the members' notice commit together
  await withTransaction(deps.pool, async (tx) => {
    await startWindDownIn(deps, tx, planId, closingOn, `${reason} (operator, staff:${principal.id})`);
    await broadcast(
      deps,
      tx,
      planId,
      "plan_status",
      "计划将关闭",
      `${plan.name} 将于 ${closingOn} 关闭：${reason}`,
    );
  });
  return { planId, status: "closing", closingOn };
}
