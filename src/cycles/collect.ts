import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { debitKey } from "../domain/cycle/debit-key.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { SHARE_STATUS } from "../domain/cycle/share-status.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { unconfirmWithoutAuthorisation } from "../payments/mandates.ts";
import { loadStoredPlan, rulesOn } from "../plans/stored-plan.ts";
import { withTransaction } from "../store/db.ts";
import { type CycleRow, cycleRepository } from "./cycle.repository.ts";
import { recoverFromNextPayment } from "./recovery.ts";
import { settle } from "./settle.ts";
import { shareRepository } from "./share.repository.ts";

/**
 * Collects a cycle: prepaid shares come from the balances (set-based), post-paid shares through the
 * payment provider, each debit keyed `cycle:{plan}:{date}:debit:{member}`. Failures are advanced by the
 * operator as a receivable on the member, kept as the member's default history, and a member past the
 * allowed failures leaves the plan. Then the cases are paid in one sum and the cycle is disclosed.
 * Runs on the cycle's collection day or later, never before.
 */
export async function collectCycle(deps: ServiceDeps, cycleId: number): Promise<CycleDisclosure> {
  const cycle =
    (await cycleRepository.cycleById(deps.pool, cycleId)) ?? fail("not_found", `no cycle ${cycleId}`);
  if (cycle.status === "disclosed") return cycle.disclosure;
  // Members who confirm have until the collection day; nothing is collected before it.
  const today = todayOf(deps);
  if (cycle.collectOn > today)
    fail(
      "step_not_due",
      `the collection of cycle ${cycleId} is due on ${cycle.collectOn}: today is ${today}`,
    );
  const plan = await loadStoredPlan(deps.pool, cycle.planId);
  const rules = rulesOn(plan, cycle.announcedOn);
  // A revoked or expired debit authorisation leaves the share unconfirmed (issue 17, payments/mandates.ts).
  if (rules.funding.mode !== "prepaid") await unconfirmWithoutAuthorisation(deps, cycleId);
  // Shares still unconfirmed at collection: a default, or advanced without one, as the policy says.
  // Under the cycle's lock, so that a member's answer lands wholly before it or is refused after it.
  await withTransaction(deps.pool, async (tx) => {
    await cycleRepository.lockExistingCycle(tx, cycleId);
    await shareRepository.settleUnconfirmed(
      tx,
      cycleId,
      rules.failurePolicy.unconfirmedShare === "advance" ? SHARE_STATUS.advanced : SHARE_STATUS.failed,
    );
  });
  deps.checkpoint?.("collect:unconfirmed-settled");
  if (rules.funding.mode === "prepaid") await instructPrepaid(deps, cycleId, cycle.planId);
  else await instructProvider(deps, cycle);
  deps.checkpoint?.("collect:shares-recorded");
  const policy = rules.failurePolicy;
  if (
    rules.funding.mode !== "prepaid" &&
    policy.operatorAdvances &&
    policy.advanceRecovery.recoverFromNextPayment
  )
    await recoverFromNextPayment(deps, cycleId, cycle.planId, cycle.announcedOn, policy.retryAttempts);
  return withTransaction(deps.pool, async (tx) => {
    // One settlement, even when two runs race: the cycle row is locked and its status read again.
    const now = await cycleRepository.lockExistingCycle(tx, cycleId);
    if (now.status === "disclosed") return now.disclosure;
    return settle(deps, tx, cycle, rules);
  });
}

/** A prepaid cycle's shares come from the members' balances, set-based; a share of 0 is collected. */
async function instructPrepaid(deps: ServiceDeps, cycleId: number, planId: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    // A top-up repaying an advance waits for this decision, and this one for it (recoverFromTopUp).
    await cycleRepository.lockPrepaidCollection(tx, planId);
    await shareRepository.collectFromBalances(tx, cycleId);
  });
  await shareRepository.collectZeroShares(deps.pool, cycleId);
}

/**
 * The provider gets the debits in batches in member order, each debit idempotent by its key. Only the
 * answers that are not a success are written per batch, with the cursor, in one transaction; the
 * successes are recorded by one statement once every batch is answered. After a crash the collection
 * goes on from the cursor, and a batch sent again is answered alike (same keys).
 */
async function instructProvider(deps: ServiceDeps, cycle: CycleRow): Promise<void> {
  const { cycleId } = cycle;
  const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
  let cursor = await cycleRepository.collectCursor(deps.pool, cycleId);
  for (;;) {
    const due = await shareRepository.dueBatch(deps.pool, cycleId, cursor, batchSize);
    if (due.length === 0) break;
    const results = await deps.payments.executeBatch(
      due.map((r) => ({
        key: debitKey(cycle.planId, cycle.announcedOn, r.memberId),
        kind: "debit" as const,
        memberId: r.memberId,
        amountFen: r.shareFen,
      })),
    );
    deps.checkpoint?.("collect:batch-answered");
    cursor = due[due.length - 1]!.memberId;
    await recordAnswers(deps, cycleId, due, results, cursor);
    deps.checkpoint?.("collect:batch-recorded");
  }
  await recordSuccesses(deps, cycleId, cursor);
}

/**
 * A batch's answers that are not a success, and the cursor, in one transaction. A debit still pending is
 * advanced like a failure for this cycle, but is no default and is not retried: its late answer
 * (applyDebitAnswer) settles it. An answer that came first is kept.
 */
async function recordAnswers(
  deps: ServiceDeps,
  cycleId: number,
  due: ReadonlyArray<{ memberId: number }>,
  results: ReadonlyArray<{ status: string }>,
  cursor: number,
): Promise<void> {
  const ids: number[] = [];
  const statuses: string[] = [];
  results.forEach((res, k) => {
    if (res.status === "succeeded") return;
    ids.push(due[k]!.memberId);
    statuses.push(res.status);
  });
  await withTransaction(deps.pool, async (tx) => {
    await shareRepository.recordAnswers(tx, cycleId, ids, statuses, new Date(deps.clock.now()));
    await cycleRepository.setCollectCursor(tx, cycleId, cursor);
  });
}

/**
 * Every due debit up to the cursor was answered a success, and a share of 0 is collected by definition.
 * The statement is idempotent, so it runs in slices of the member range at once (on the cores
 * PostgreSQL has; each its own transaction): after a crash the collection reaches here again and
 * finishes whichever slices are left.
 */
async function recordSuccesses(deps: ServiceDeps, cycleId: number, cursor: number): Promise<void> {
  const slices = limits.collectUpdateSlices;
  const range = await shareRepository.memberRange(deps.pool, cycleId);
  const lo = Number(range.lo ?? 0) - 1;
  const hi = Number(range.hi ?? 0);
  const step = Math.ceil((hi - lo) / slices);
  await Promise.all(
    Array.from({ length: slices }, (_, k) =>
      shareRepository.collectSlice(
        deps.pool,
        cycleId,
        lo + k * step,
        Math.min(hi, lo + (k + 1) * step),
        cursor,
      ),
    ),
  );
}
