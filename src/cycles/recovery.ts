import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { DisclosedCycle } from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { limits } from "../limits.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";

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
  const owed = await deps.pool.query<{
    cycle_id: number;
    announced_on: CivilDate;
    member_id: number;
    share_fen: number;
  }>(
    `SELECT s.cycle_id, c.announced_on::text, s.member_id, s.share_fen
     FROM cycle_shares s JOIN cycles c USING (cycle_id)
     JOIN cycle_shares now ON now.cycle_id = $3 AND now.member_id = s.member_id AND now.status = 'collected'
     WHERE s.unpaid AND s.status = 'failed' AND s.share_fen > 0 AND c.plan_id = $1 AND c.announced_on < $2 AND c.status = 'disclosed'
       AND coalesce((c.disclosure ->> 'retriesDone')::int, 0) >= $4 AND c.disclosure ->> 'writtenOffFen' IS NULL
     ORDER BY c.announced_on, s.member_id`,
    [planId, announcedOn, cycleId, retryAttempts],
  );
  if (owed.rows.length === 0) return;
  const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
  for (let from = 0; from < owed.rows.length; from += batchSize) {
    const batch = owed.rows.slice(from, from + batchSize);
    const results = await deps.payments.executeBatch(
      batch.map((r) => ({
        key: recoverKey(planId, r.announced_on, r.member_id),
        kind: "debit" as const,
        memberId: r.member_id,
        amountFen: r.share_fen,
      })),
    );
    deps.checkpoint?.("recover:answered");
    const paid = batch.filter((_, k) => results[k]!.status === "succeeded");
    const byCycle = new Map<number, typeof paid>();
    for (const r of paid) byCycle.set(r.cycle_id, [...(byCycle.get(r.cycle_id) ?? []), r]);
    for (const [earlier, rows] of byCycle)
      await withTransaction(deps.pool, async (tx) => {
        await recordRecovery(
          deps,
          tx,
          planId,
          earlier,
          rows[0]!.announced_on,
          rows.map((r) => r.member_id),
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
  const locked = await tx.query<{ disclosure: DisclosedCycle }>(
    "SELECT disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
    [earlierCycleId],
  );
  const d0 = locked.rows[0]!.disclosure;
  const moved = await tx.query<{ member_id: number; share_fen: number }>(
    `UPDATE cycle_shares SET status = 'collected' WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = 'failed'
     RETURNING member_id, share_fen`,
    [earlierCycleId, memberIds],
  );
  if (moved.rows.length === 0) return;
  for (const r of moved.rows)
    await postRecovery(
      deps,
      tx,
      `${recoverKey(planId, earlierAnnouncedOn, r.member_id)}:recovered`,
      planId,
      d0,
      [r],
      paidFrom === "balance" ? accounts.memberBalance(r.member_id) : accounts.providerClearing(),
    );
  const recoveredFen = moved.rows.reduce((n, r) => n + r.share_fen, 0);
  const failedFen = (d0.failedFen ?? 0) - recoveredFen;
  const d: DisclosedCycle = {
    ...d0,
    collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
    failedFen,
    // A plan whose operator does not advance disclosed none; the failures stay failures.
    advancedFen: (d0.advancedFen ?? 0) === 0 ? 0 : failedFen,
    recoveredLaterFen: (d0.recoveredLaterFen ?? 0) + recoveredFen,
  };
  await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
    earlierCycleId,
    JSON.stringify(d),
  ]);
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
  const plans = await tx.query<{ plan_id: string }>(
    "SELECT DISTINCT plan_id FROM participations WHERE member_id = $1 ORDER BY plan_id",
    [memberId],
  );
  for (const p of plans.rows)
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [prepaidCollectionLock(p.plan_id)]);
  const claimed = await tx.query<{ fen: number }>(
    `SELECT coalesce(sum(s.share_fen), 0)::bigint AS fen
     FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
     WHERE c.status <> 'disclosed' AND s.status IN ('due', 'unconfirmed', 'collected')`,
    [memberId],
  );
  const owed = await tx.query<{
    cycle_id: number;
    plan_id: string;
    announced_on: CivilDate;
    share_fen: number;
    retries_done: number;
  }>(
    `SELECT c.cycle_id, c.plan_id, c.announced_on::text, s.share_fen,
            coalesce((c.disclosure ->> 'retriesDone')::int, 0) AS retries_done
     FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
     WHERE s.unpaid AND s.status = 'failed' AND s.share_fen > 0 AND c.status = 'disclosed'
       AND c.disclosure ->> 'writtenOffFen' IS NULL
     ORDER BY c.announced_on, c.cycle_id`,
    [memberId],
  );
  let heldFen = -(await balanceOf(tx, accounts.memberBalance(memberId))) - Number(claimed.rows[0]!.fen);
  let recoveredFen = 0;
  for (const r of owed.rows) {
    const policy = ruleVersionOn(await loadStoredPlan(tx, r.plan_id), r.announced_on)?.rules;
    if (
      policy?.funding.mode !== "prepaid" ||
      !policy.failurePolicy.operatorAdvances ||
      !policy.failurePolicy.advanceRecovery.recoverFromNextPayment ||
      r.retries_done < policy.failurePolicy.retryAttempts
    )
      continue;
    if (heldFen < r.share_fen || owedFen < r.share_fen) break;
    await recordRecovery(deps, tx, r.plan_id, r.cycle_id, r.announced_on, [memberId], "balance");
    heldFen -= r.share_fen;
    owedFen -= r.share_fen;
    recoveredFen += r.share_fen;
  }
  return recoveredFen;
}

/** The advisory lock a prepaid collection holds while it decides on balances (see recoverFromTopUp). */
export const prepaidCollectionLock = (planId: string) => `prepaid-collection:${planId}`;

export const recoverKey = (planId: string, announcedOn: CivilDate, memberId: number) =>
  `cycle:${planId}:${announcedOn}:debit:${memberId}:recover`;

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
  shares: ReadonlyArray<{ member_id: number; share_fen: number }>,
  from: string = accounts.providerClearing(),
): Promise<void> {
  await postTransaction(tx, {
    key,
    kind: "advance_recovered",
    planId,
    at: new Date(deps.clock.now()),
    postings: [
      { accountId: from, amountFen: fen(shares.reduce((n, r) => n + r.share_fen, 0)) },
      ...shares.map((r) => ({
        accountId: advanceAccount(d, planId, r.member_id),
        amountFen: fen(-r.share_fen),
      })),
    ],
  });
}

/** Where a recovered advance goes: the member's receivable, or the operator's once it was written off. */
export function advanceAccount(d: DisclosedCycle, planId: string, memberId: number): string {
  return d.writtenOffFen === undefined ? accounts.memberAdvance(memberId) : accounts.operatorAdvances(planId);
}
