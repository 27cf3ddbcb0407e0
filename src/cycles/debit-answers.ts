import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { DisclosedCycle } from "../domain/cycle/disclosure.ts";
import { loadStoredPlan, rulesOn } from "../plans/stored-plan.ts";
import type { Tx } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { endDefaulters } from "./defaulters.ts";
import { postRecovery, recordRecovery } from "./recovery.ts";
import { shareRepository } from "./share.repository.ts";

export const DEBIT_KEY =
  /^cycle:([a-z][a-z0-9_-]*):(\d{4}-\d{2}-\d{2}):debit:(\d+)(?::retry:(\d+)|:(recover))?$/;

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
  const m = DEBIT_KEY.exec(key);
  if (!m) return false;
  const [, planId, announcedOn, member, retry, recover] = m;
  const memberId = Number(member);
  if (recover) {
    // A recovery debit answered late: a success records the recovery; a failure leaves the advance
    // owed, for the member's next payment.
    const cycleId = await cycleRepository.disclosedCycleIdOn(tx, planId!, announcedOn!);
    if (cycleId !== undefined && result.status === "succeeded")
      await recordRecovery(deps, tx, planId!, cycleId, announcedOn as CivilDate, [memberId]);
    return true;
  }
  const attempt = retry === undefined ? 0 : Number(retry);
  const cycle = await cycleRepository.lockCycleOn(tx, planId!, announcedOn!);
  if (!cycle) return true;
  const s = await shareRepository.lockShareAtAttempt(tx, cycle.cycleId, memberId, attempt);
  const to = result.status === "succeeded" ? "collected" : "failed";
  if (!s || s.shareFen === 0 || !["due", "pending", "failed"].includes(s.status) || s.status === to)
    return true;
  await shareRepository.setShareStatus(tx, cycle.cycleId, memberId, to);
  if (cycle.status !== "disclosed") return true; // the settlement counts the share as it now stands
  const d0 = cycle.disclosure;
  const plan = await loadStoredPlan(tx, planId!);
  const rules = rulesOn(plan, announcedOn as CivilDate);
  const wasPendingFen = s.status === "pending" ? s.shareFen : 0;
  const d: DisclosedCycle = { ...d0, pendingFen: (d0.pendingFen ?? 0) - wasPendingFen };
  if (to === "collected") {
    await postRecovery(deps, tx, `${key}:answer`, planId!, d0, [{ memberId, shareFen: s.shareFen }]);
    d.collectedFen = (d0.collectedFen ?? 0) + s.shareFen;
    d.failedFen = (d0.failedFen ?? 0) - s.shareFen;
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
  }
  await cycleRepository.updateDisclosure(tx, cycle.cycleId, d);
  if (to === "failed" && (d0.retriesDone ?? 0) >= rules.failurePolicy.retryAttempts)
    await endDefaulters(deps, tx, planId!, cycle.collectOn, rules.failurePolicy.exitAfterFailures, [
      memberId,
    ]);
  return true;
}
