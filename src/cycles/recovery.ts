import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { recoverKey } from "../domain/cycle/debit-key.ts";
import { type DisclosedCycle, outcomeOf } from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { limits } from "../limits.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { type ShareAmount, shareRepository } from "./share.repository.ts";

/**
 * An advance recovered from the member's next payment (the policy's `recoverFromNextPayment`): when a
 * member's share of this cycle was collected, each share of theirs that an earlier cycle of the plan
 * advanced — retries over, not written off — is debited with it, as its own debit keyed by the earlier
 * cycle (`…:debit:{member}:recover`), so the same advance is never asked twice whichever cycle asks. A
 * success moves the earlier share to collected, credits the member's receivable and corrects that
 * cycle's disclosure, in one transaction; a failure or a late answer leaves it for the next payment.
 */
export async function recoverFromNextPayment(
  deps: ServiceDeps,
  cycleId: number,
  planId: string,
  announcedOn: CivilDate,
  retryAttempts: number,
): Promise<void> {
  const owed = await shareRepository.recoverableAfter(deps.pool, {
    planId,
    announcedOn,
    cycleId,
    retryAttempts,
  });
  if (owed.length === 0) return;
  const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
  for (let from = 0; from < owed.length; from += batchSize) {
    const batch = owed.slice(from, from + batchSize);
    const results = await deps.payments.executeBatch(
      batch.map((r) => ({
        key: recoverKey(planId, r.announcedOn, r.memberId),
        kind: "debit" as const,
        memberId: r.memberId,
        amountFen: r.shareFen,
      })),
    );
    deps.checkpoint?.("recover:answered");
    const paid = batch.filter((_, k) => results[k]!.status === "succeeded");
    const byCycle = new Map<number, typeof paid>();
    for (const r of paid) byCycle.set(r.cycleId, [...(byCycle.get(r.cycleId) ?? []), r]);
    for (const [earlier, shares] of byCycle)
      await withTransaction(deps.pool, async (tx) => {
        await recordRecovery(
          deps,
          tx,
          planId,
          earlier,
          shares[0]!.announcedOn,
          shares.map((r) => r.memberId),
        );
        deps.checkpoint?.("recover:recorded");
      });
  }
}

/**
 * Records advances of an earlier cycle recovered by their `…:recover` debits, in the caller's
 * transaction: only shares still failed move (a retry or a late answer that got there first stands);
 * one ledger entry per advance, keyed by its debit, so whichever run or cycle records it, it is once.
 */
export async function recordRecovery(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  earlierCycleId: number,
  earlierAnnouncedOn: CivilDate,
  memberIds: readonly number[],
  paidFrom: "provider" | "balance" = "provider",
): Promise<void> {
  const d0 = (await cycleRepository.lockExistingCycle(tx, earlierCycleId)).disclosure;
  const moved = await shareRepository.recoverFailed(tx, earlierCycleId, memberIds);
  if (moved.length === 0) return;
  for (const r of moved)
    await postRecovery(
      deps,
      tx,
      `${recoverKey(planId, earlierAnnouncedOn, r.memberId)}:recovered`,
      planId,
      d0,
      [r],
      paidFrom === "balance" ? accounts.memberBalance(r.memberId) : accounts.providerClearing(),
    );
  const recoveredFen = moved.reduce((n, r) => n + r.shareFen, 0);
  const failedFen = (d0.failedFen ?? 0) - recoveredFen;
  const d: DisclosedCycle = {
    ...d0,
    collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
    failedFen,
    // A plan whose operator does not advance disclosed none; the failures stay failures.
    advancedFen: (d0.advancedFen ?? 0) === 0 ? 0 : failedFen,
    recoveredLaterFen: (d0.recoveredLaterFen ?? 0) + recoveredFen,
  };
  await cycleRepository.setOutcome(tx, earlierCycleId, outcomeOf(d));
}

/**
 * A prepaid member's top-up repays their advanced shares first (the next payment of a prepaid plan is
 * the next top-up), in the caller's transaction — the one that credits the top-up. Oldest cycle first,
 * whole shares only, while both the balance and what the member still owes on the receivable cover
 * the next one (an exit may have settled part of it); only where that cycle's rules advance failures
 * and recover them from the next payment, once its retries are over, and not once written off. Each
 * advance is recorded once, under the same key as a post-paid recovery (`…:debit:{member}:recover:recovered`),
 * and that cycle's disclosure moves it to collected.
 *
 * Money a prepaid cycle has already claimed is not the member's to spend: shares of cycles not yet
 * disclosed (due, unconfirmed, or collected but not yet posted) are set aside first. A prepaid
 * collection takes the plan's collection lock while it decides, so it cannot decide on a balance this
 * transaction is about to lower.
 */
export async function recoverFromTopUp(deps: ServiceDeps, tx: Tx, memberId: number): Promise<number> {
  // Most top-ups owe nothing: the receivable's balance says so without reading any share.
  let owedFen = await balanceOf(tx, accounts.memberAdvance(memberId));
  if (owedFen <= 0) return 0;
  for (const planId of await cycleRepository.plansOfMember(tx, memberId))
    await cycleRepository.lockPrepaidCollection(tx, planId);
  const claimedFen = await shareRepository.claimedByOpenCycles(tx, memberId);
  const owed = await shareRepository.advancedSharesOf(tx, memberId);
  let heldFen = -(await balanceOf(tx, accounts.memberBalance(memberId))) - claimedFen;
  let recoveredFen = 0;
  for (const r of owed) {
    const policy = ruleVersionOn(await loadStoredPlan(tx, r.planId), r.announcedOn)?.rules;
    if (
      policy?.funding.mode !== "prepaid" ||
      !policy.failurePolicy.operatorAdvances ||
      !policy.failurePolicy.advanceRecovery.recoverFromNextPayment ||
      r.retriesDone < policy.failurePolicy.retryAttempts
    )
      continue;
    if (heldFen < r.shareFen || owedFen < r.shareFen) break;
    await recordRecovery(deps, tx, r.planId, r.cycleId, r.announcedOn, [memberId], "balance");
    heldFen -= r.shareFen;
    owedFen -= r.shareFen;
    recoveredFen += r.shareFen;
  }
  return recoveredFen;
}

/**
 * Advances recovered (by a retry, a late answer or the next payment): the money comes from `from` —
 * the provider's clearing, or a prepaid member's balance — and each member's receivable (or the
 * operator's, once written off) is cleared.
 */
export async function postRecovery(
  deps: ServiceDeps,
  tx: Tx,
  key: string,
  planId: string,
  d: DisclosedCycle,
  shares: readonly ShareAmount[],
  from: string = accounts.providerClearing(),
): Promise<void> {
  await postTransaction(tx, {
    key,
    kind: "advance_recovered",
    planId,
    at: new Date(deps.clock.now()),
    postings: [
      { accountId: from, amountFen: fen(shares.reduce((n, r) => n + r.shareFen, 0)) },
      ...shares.map((r) => ({
        accountId: advanceAccount(d, planId, r.memberId),
        amountFen: fen(-r.shareFen),
      })),
    ],
  });
}

/** Where a recovered advance goes: the member's receivable, or the operator's once it was written off. */
export function advanceAccount(d: DisclosedCycle, planId: string, memberId: number): string {
  return d.writtenOffFen === undefined ? accounts.memberAdvance(memberId) : accounts.operatorAdvances(planId);
}
