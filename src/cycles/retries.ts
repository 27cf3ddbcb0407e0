import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { retryKey } from "../domain/cycle/debit-key.ts";
import { type DisclosedCycle, outcomeOf } from "../domain/cycle/disclosure.ts";
import { SHARE_STATUS } from "../domain/cycle/share-status.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { loadStoredPlan, rulesOn } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { type CycleRow, cycleRepository } from "./cycle.repository.ts";
import { endDefaulters } from "./defaulters.ts";
import { postRecovery } from "./recovery.ts";
import { shareRepository } from "./share.repository.ts";
import { writeOffAdvances } from "./write-offs.ts";

/**
 * Retry `attempt` of a post-paid cycle's failed debits (the policy's retryEveryDays after collection):
 * each retry has its own key; a success recovers the operator's advance from the member, an answer
 * that comes later leaves the share pending (not retried again until it is known). After the last
 * attempt, members past the allowed failures leave the plan.
 */
export async function retryFailedDebits(
  deps: ServiceDeps,
  cycleId: number,
  attempt: number,
): Promise<{ recovered: number; stillFailed: number }> {
  const found = await cycleRepository.cycleById(deps.pool, cycleId);
  const cycle = found?.status === "disclosed" ? found : fail("not_found", `no disclosed cycle ${cycleId}`);
  if ((cycle.disclosure.retriesDone ?? 0) >= attempt) return { recovered: 0, stillFailed: 0 };
  const plan = await loadStoredPlan(deps.pool, cycle.planId);
  const rules = rulesOn(plan, cycle.announcedOn);
  // The attempt is written on the shares before the provider is asked, so that an answer arriving by
  // webhook before this retry is recorded finds the attempt it belongs to.
  await shareRepository.markAttempt(deps.pool, cycleId, attempt);
  const failed = await shareRepository.failedAtAttempt(deps.pool, cycleId, attempt);
  const results = await deps.payments.executeBatch(
    failed.map((r) => ({
      key: retryKey(cycle.planId, cycle.announcedOn, r.memberId, attempt),
      kind: "debit" as const,
      memberId: r.memberId,
      amountFen: r.shareFen,
    })),
  );
  deps.checkpoint?.("retry:answered");
  const ids = (status: string) =>
    failed.filter((_, i) => results[i]!.status === status).map((r) => r.memberId);
  return withTransaction(deps.pool, async (tx) => {
    const ok = await recordRetry(deps, tx, cycle, rules, attempt, ids);
    if (ok === null) return { recovered: 0, stillFailed: 0 };
    deps.checkpoint?.("retry:before-commit");
    return { recovered: ok, stillFailed: failed.length - ok };
  });
}

/**
 * A retry's answers, once (the cycle row locked, its retries counted again): successes recover the
 * advance, later answers leave the share pending; the disclosure follows, and after the last attempt
 * the defaulters leave. Returns how many were recovered, or null when this attempt was recorded before.
 */
async function recordRetry(
  deps: ServiceDeps,
  tx: Tx,
  cycle: CycleRow,
  rules: Rules,
  attempt: number,
  ids: (status: string) => number[],
): Promise<number | null> {
  const { cycleId } = cycle;
  const at = new Date(deps.clock.now());
  const d0 = (await cycleRepository.lockExistingCycle(tx, cycleId)).disclosure;
  if ((d0.retriesDone ?? 0) >= attempt) return null;
  // Only shares still failed at this attempt change: an answer that came by webhook first stands.
  const ok = await shareRepository.moveFailedAtAttempt(
    tx,
    cycleId,
    ids("succeeded"),
    attempt,
    SHARE_STATUS.collected,
    at,
  );
  const pending = await shareRepository.moveFailedAtAttempt(
    tx,
    cycleId,
    ids("pending"),
    attempt,
    SHARE_STATUS.pending,
    at,
  );
  const recoveredFen = ok.reduce((n, r) => n + r.shareFen, 0);
  if (ok.length > 0) {
    const key = `cycle:${cycle.planId}:${cycle.announcedOn}:retry:${attempt}`;
    await postRecovery(deps, tx, key, cycle.planId, d0, ok);
  }
  const d: DisclosedCycle = {
    ...d0,
    collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
    failedFen: (d0.failedFen ?? 0) - recoveredFen,
    pendingFen: (d0.pendingFen ?? 0) + pending.reduce((n, r) => n + r.shareFen, 0),
    retriesDone: attempt,
  };
  d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
  await cycleRepository.setOutcome(tx, cycleId, outcomeOf(d));
  if (attempt >= rules.failurePolicy.retryAttempts)
    await endDefaulters(deps, tx, cycle.planId, cycle.collectOn, rules.failurePolicy.exitAfterFailures);
  return ok.length;
}

/** Retries of failed debits that have fallen due by `today`, for every cycle of a post-paid plan. */
export async function runDueRetries(deps: ServiceDeps, planId: string, today: CivilDate): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  let runs = 0;
  for (const c of await cycleRepository.cyclesWithFailures(deps.pool, planId)) {
    const policy = ruleVersionOn(plan, c.announcedOn)?.rules.failurePolicy;
    if (!policy) continue;
    for (
      let k = (c.done ?? 0) + 1;
      k <= policy.retryAttempts && addDays(c.collectOn, k * policy.retryEveryDays) <= today;
      k++
    ) {
      await retryFailedDebits(deps, c.cycleId, k);
      runs++;
    }
    const writeOff = policy.advanceRecovery.writeOffAfterDays;
    if (writeOff !== undefined && addDays(c.collectOn, writeOff) < today)
      await writeOffAdvances(deps, c.cycleId);
  }
  return runs;
}
