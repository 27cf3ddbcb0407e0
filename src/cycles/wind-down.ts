import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";

/** Whether a cycle is one of the final cycles a closing plan's sponsor pays (相互宝 paid the last two). */
export async function inFinalCycles(q: Queryable, planId: string, announcedOn: CivilDate): Promise<boolean> {
  const r = await cycleRepository.closingTerms(q, planId, announcedOn);
  return !!r?.closingOn && announcedOn >= r.closingOn && r.before < (r.finalCycles ?? 0);
}

/**
 * Wind-down (domain.md §3, seed 004): the plan stops taking members on the closing date, the sponsor pays
 * the members' shares of the plan's final cycles as its terms say, and claims diagnosed before the closing
 * date are still decided and shared. Announced to every member in the log.
 */
export async function startWindDown(
  deps: ServiceDeps,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  await withTransaction(deps.pool, (tx) => startWindDownIn(deps, tx, planId, closingOn, reason));
}

/** The same inside the caller's transaction (an adopted proposal and its wind-down commit together). */
export async function startWindDownIn(
  _deps: ServiceDeps,
  tx: Tx,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  const plan = await loadStoredPlan(tx, planId);
  const rules =
    ruleVersionOn(plan, closingOn)?.rules ?? fail("conflict", `no rules in force on ${closingOn}`);
  if (plan.status !== "active") fail("conflict", `the plan is ${plan.status}`);
  await cycleRepository.startClosing(tx, planId, closingOn, rules.closure.sponsorPaysFinalCycles);
  await appendLogEntry(tx, "plan_status", {
    plan: planId,
    status: "closing",
    closingOn,
    sponsorPaysFinalCycles: rules.closure.sponsorPaysFinalCycles,
    reason,
  });
}

/** After its final cycles a closing plan closes: every participation ends, and the log says so. */
export async function finishWindDown(deps: ServiceDeps, planId: string, on: CivilDate): Promise<boolean> {
  return withTransaction(deps.pool, (tx) => finishWindDownIn(deps, tx, planId, on));
}

export async function finishWindDownIn(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  on: CivilDate,
): Promise<boolean> {
  const p = await cycleRepository.lockClosingPlan(tx, planId);
  if (!p || p.status !== "closing" || !p.closingOn || p.done < (p.finalCycles ?? 0) || p.pending > 0)
    return false;
  for (const participationId of await cycleRepository.openParticipations(tx, planId))
    await endParticipation(deps, tx, participationId, "plan_closed", on);
  await cycleRepository.closePlan(tx, planId);
  await appendLogEntry(tx, "plan_status", { plan: planId, status: "closed", on });
  return true;
}
