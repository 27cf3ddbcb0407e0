import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { DisclosedCycle } from "../domain/cycle/disclosure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Tx } from "../store/db.ts";
import { endDefaulters } from "./defaulters.ts";
import { postRecovery, recordRecovery } from "./recovery.ts";

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
    const c = await tx.query<{ cycle_id: number }>(
      "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on = $2 AND status = 'disclosed'",
      [planId, announcedOn],
    );
    if (c.rows[0] && result.status === "succeeded")
      await recordRecovery(deps, tx, planId!, c.rows[0].cycle_id, announcedOn as CivilDate, [memberId]);
    return true;
  }
  const attempt = retry === undefined ? 0 : Number(retry);
  const c = await tx.query<{
    cycle_id: number;
    status: string;
    collect_on: CivilDate;
    disclosure: DisclosedCycle;
  }>(
    "SELECT cycle_id, status, collect_on::text, disclosure FROM cycles WHERE plan_id = $1 AND announced_on = $2 FOR UPDATE",
    [planId, announcedOn],
  );
  const cycle = c.rows[0];
  if (!cycle) return true;
  const share = await tx.query<{ status: string; share_fen: number }>(
    "SELECT status, share_fen FROM cycle_shares WHERE cycle_id = $1 AND member_id = $2 AND attempt = $3 FOR UPDATE",
    [cycle.cycle_id, memberId, attempt],
  );
  const s = share.rows[0];
  const to = result.status === "succeeded" ? "collected" : "failed";
  if (!s || s.share_fen === 0 || !["due", "pending", "failed"].includes(s.status) || s.status === to)
    return true;
  await tx.query("UPDATE cycle_shares SET status = $3 WHERE cycle_id = $1 AND member_id = $2", [
    cycle.cycle_id,
    memberId,
    to,
  ]);
  if (cycle.status !== "disclosed") return true; // the settlement counts the share as it now stands
  const d0 = cycle.disclosure;
  const plan = await loadStoredPlan(tx, planId!);
  const rules = ruleVersionOn(plan, announcedOn as CivilDate)!.rules;
  const wasPendingFen = s.status === "pending" ? s.share_fen : 0;
  const d: DisclosedCycle = { ...d0, pendingFen: (d0.pendingFen ?? 0) - wasPendingFen };
  if (to === "collected") {
    await postRecovery(deps, tx, `${key}:answer`, planId!, d0, [
      { member_id: memberId, share_fen: s.share_fen },
    ]);
    d.collectedFen = (d0.collectedFen ?? 0) + s.share_fen;
    d.failedFen = (d0.failedFen ?? 0) - s.share_fen;
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
  }
  await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
    cycle.cycle_id,
    JSON.stringify(d),
  ]);
  if (to === "failed" && (d0.retriesDone ?? 0) >= rules.failurePolicy.retryAttempts)
    await endDefaulters(deps, tx, planId!, cycle.collect_on, rules.failurePolicy.exitAfterFailures, [
      memberId,
    ]);
  return true;
}
