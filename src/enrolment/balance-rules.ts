import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";

/**
 * The prepaid balance rules, set-based for a plan on a date: a balance under the floor suspends
 * protection; past the grace period the participation ends (lapse); a balance back at the floor resumes.
 */
export async function applyBalanceRules(deps: ServiceDeps, planId: string, on: CivilDate) {
  return withTransaction(deps.pool, (tx) => applyBalanceRulesIn(deps, tx, planId, on));
}

/** The balance rules in the caller's transaction (a cycle's settlement applies them with its ledger). */
export async function applyBalanceRulesIn(deps: ServiceDeps, tx: Tx, planId: string, on: CivilDate) {
  const plan = await loadStoredPlan(tx, planId);
  const rules = ruleVersionOn(plan, on)?.rules;
  if (rules?.funding.mode !== "prepaid") return { suspended: 0, resumed: 0, lapsed: 0 };
  const f = rules.funding;
  const at = new Date(deps.clock.now());
  const suspended = await enrolmentRepository.suspendBelowFloor(tx, planId, on, f.floor, at);
  const resumed = await enrolmentRepository.resumeAtFloor(
    tx,
    planId,
    on,
    { floorFen: f.floor, graceDays: f.graceDays },
    at,
  );
  const lapsed = f.exitOnLapse
    ? await enrolmentRepository.lapsePastGrace(tx, planId, on, f.graceDays, at)
    : 0;
  return { suspended, resumed, lapsed };
}
