import type { ServiceDeps } from "../deps.ts";
import { parseDebitKey } from "../domain/cycle/debit-key.ts";
import { type DisclosedCycle, outcomeOf } from "../domain/cycle/disclosure.ts";
import { SHARE_STATUS } from "../domain/cycle/share-status.ts";
import { loadStoredPlan, rulesOn } from "../plans/stored-plan.ts";
import type { Tx } from "../store/db.ts";
import { type CycleRow, cycleRepository } from "./cycle.repository.ts";
import { endDefaulters } from "./defaulters.ts";
import { postRecovery, recordRecovery } from "./recovery.ts";
import { shareRepository } from "./share.repository.ts";

/**
 * A debit's answer that arrives after the request (the provider's signed webhook), applied in the
 * webhook's transaction to the attempt it belongs to, once: the share row moves only from due, pending
 * or failed at that attempt. Once the cycle is disclosed, a late success recovers the advance (a ledger
 * entry keyed by the debit's key) and a late failure becomes a default — the member leaves the plan if
 * the retries are over and the policy says so; the cycle's disclosure follows. Returns whether the key
 * was a cycle debit's.
 */
export async function applyDebitAnswer(
  deps: ServiceDeps,
  tx: Tx,
  key: string,
  result: { status: "succeeded" | "failed" },
): Promise<boolean> {
  const k = parseDebitKey(key);
  if (!k) return false;
  const { planId, announcedOn, memberId } = k;
  if (k.recover) {
    // A recovery debit answered late: a success records the recovery; a failure leaves the advance
    // owed, for the member's next payment.
    const cycleId = await cycleRepository.disclosedCycleIdOn(tx, planId, announcedOn);
    if (cycleId !== undefined && result.status === "succeeded")
      await recordRecovery(deps, tx, planId, cycleId, announcedOn, [memberId]);
    return true;
  }
  const cycle = await cycleRepository.lockCycleOn(tx, planId, announcedOn);
  if (!cycle) return true;
  const s = await shareRepository.lockShareAtAttempt(tx, cycle.cycleId, memberId, k.attempt);
  const to = result.status === "succeeded" ? SHARE_STATUS.collected : SHARE_STATUS.failed;
  const answerable: readonly string[] = [SHARE_STATUS.due, SHARE_STATUS.pending, SHARE_STATUS.failed];
  if (!s || s.shareFen === 0 || !answerable.includes(s.status) || s.status === to) return true;
  await shareRepository.setShareStatus(tx, cycle.cycleId, memberId, to);
  if (cycle.status !== "disclosed") return true; // the settlement counts the share as it now stands
  await discloseLateAnswer(deps, tx, { key, cycle, memberId, to, was: s });
  return true;
}

/** A late answer to a disclosed cycle's debit: the recovery posted, the disclosure and defaults follow. */
async function discloseLateAnswer(
  deps: ServiceDeps,
  tx: Tx,
  a: {
    key: string;
    cycle: CycleRow;
    memberId: number;
    to: string;
    was: { status: string; shareFen: number };
  },
): Promise<void> {
  const { cycle, memberId, was } = a;
  const d0 = cycle.disclosure;
  const plan = await loadStoredPlan(tx, cycle.planId);
  const rules = rulesOn(plan, cycle.announcedOn);
  const wasPendingFen = was.status === SHARE_STATUS.pending ? was.shareFen : 0;
  const d: DisclosedCycle = { ...d0, pendingFen: (d0.pendingFen ?? 0) - wasPendingFen };
  if (a.to === SHARE_STATUS.collected) {
    await postRecovery(deps, tx, `${a.key}:answer`, cycle.planId, d0, [{ memberId, shareFen: was.shareFen }]);
    d.collectedFen = (d0.collectedFen ?? 0) + was.shareFen;
    d.failedFen = (d0.failedFen ?? 0) - was.shareFen;
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
  }
  await cycleRepository.setOutcome(tx, cycle.cycleId, outcomeOf(d));
  if (a.to === SHARE_STATUS.failed && (d0.retriesDone ?? 0) >= rules.failurePolicy.retryAttempts)
    await endDefaulters(deps, tx, cycle.planId, cycle.collectOn, rules.failurePolicy.exitAfterFailures, [
      memberId,
    ]);
}
