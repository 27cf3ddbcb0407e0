import type { ServiceDeps } from "../deps.ts";
import { apportionCycle, type CycleInput, type CycleResult } from "../domain/apportion.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { casesWaitForSharers } from "../domain/claim/payout.ts";
import type { Fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { premiumPoolOf } from "../domain/plan/premium-pool.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import { settleAndRefund } from "../enrolment/exit.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { payCaseFromPool } from "../pools/claim.ts";
import type { Tx } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";

export type CaseEntry = {
  planId: string;
  memberId: number;
  participationId: number;
  event: string;
  benefitFen: Fen;
  enteredOn: CivilDate;
  /** The rules' `claims.paymentEndsParticipation` on the day the case enters. */
  endsParticipation: boolean;
};

/**
 * The hand-off from claims: an approved case waits for the next announcement, and where the rules say
 * payment ends the participation it ends on the day the case enters, in the caller's transaction.
 * `record` runs between the two with the new case's id (the caller's state move and log entry), so the
 * log keeps the order it has always had: the decision before the exit.
 */
export async function enterCase(
  deps: ServiceDeps,
  tx: Tx,
  c: CaseEntry,
  record?: (caseId: number) => Promise<unknown>,
): Promise<number> {
  const caseId = await cycleRepository.insertCase(tx, c);
  await record?.(caseId);
  // A premium-pool plan pays its cases at once from the group's pool: no cycle, no debits.
  const rules = ruleVersionOn(await loadStoredPlan(tx, c.planId), c.enteredOn)?.rules;
  if (rules && premiumPoolOf(rules.funding))
    await payCaseFromPool(tx, { ...c, caseId, on: c.enteredOn, at: new Date(deps.clock.now()) });
  // A payout that ends the participation returns what is left of its balance, as an exit does.
  if (
    c.endsParticipation &&
    (await endParticipation(deps, tx, c.participationId, "benefit_approved", c.enteredOn))
  )
    await settleAndRefund(deps, tx, { ...c, on: c.enteredOn });
  return caseId;
}

/**
 * The cycle's apportionment, except that cases a cycle without sharers could only pay by cutting the
 * whole benefit (`casesWaitForSharers`) go back to wait for the next cycle, and the cycle is priced
 * without them. In the announcement's transaction.
 */
export async function apportionOrWait(tx: Tx, cycleId: number, input: CycleInput): Promise<CycleResult> {
  const result = apportionCycle(input);
  if (!casesWaitForSharers(result)) return result;
  await cycleRepository.releaseCases(tx, cycleId);
  return apportionCycle({ ...input, cases: [] });
}
