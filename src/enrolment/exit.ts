import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { endParticipation } from "./end-participation.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";
import { getParticipation, participationFor } from "./views.ts";

/**
 * Exit at any time. What the member still owes (operator advances) is settled from the prepaid
 * balance; the rest is refunded when no other prepaid participation needs it (a post-paid one never
 * draws on the balance, so it keeps nothing back: issue 17's shuidi exit refunded 0 for that).
 */
export async function exit(deps: ServiceDeps, principal: Principal, participationId: number) {
  const p = await participationFor(deps, principal, participationId, false);
  if (p.status === "ended") fail("participation_ended", "the participation has already ended");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    await endParticipation(deps, tx, participationId, "exit", today);
    const { refundFen, stillOwedFen } = await settleAndRefund(deps, tx, {
      participationId,
      memberId: p.memberId,
      on: today,
    });
    return { participation: await getParticipation(tx, participationId), refundFen, stillOwedFen };
  });
}

/**
 * Once a participation has ended — by exit, or by a payout that ends it (水滴: 已經獲得互助 is one of
 * the four ways out, seed 000) — the advances owed are settled from the balance and the rest is
 * refunded unless another open prepaid participation still draws on it: the balance belongs to the
 * participation it funds. Ledger entries, a logged refund and its payment request, in the caller's
 * transaction; keyed by the participation, so it happens once.
 */
export async function settleAndRefund(
  deps: ServiceDeps,
  tx: Tx,
  e: { participationId: number; memberId: number; on: CivilDate },
): Promise<{ refundFen: number; stillOwedFen: number }> {
  const { participationId, memberId } = e;
  const { owedFen, settle, refundFen } = await exitTerms(tx, memberId, null, e.on);
  const at = new Date(deps.clock.now());
  if (settle > 0)
    await postTransaction(tx, {
      key: `exit:${participationId}:settle-advance`,
      kind: "advance_recovered",
      at,
      postings: transfer(accounts.memberAdvance(memberId), accounts.memberBalance(memberId), fen(settle)),
    });
  if (refundFen > 0) {
    const txn = await postTransaction(tx, {
      key: `exit:${participationId}:refund`,
      kind: "refund",
      at,
      postings: transfer(accounts.custodianBank(), accounts.memberBalance(memberId), fen(refundFen)),
    });
    await appendLogEntry(tx, "refund", {
      member: await memberPseudonym(tx, memberId),
      participation: participationId,
      ledgerTxn: txn.txnId,
      amountFen: refundFen,
      on: e.on,
    });
    await enrolmentRepository.insertRefundRequest(tx, {
      participationId,
      memberId,
      amountFen: refundFen,
      at,
    });
  }
  return { refundFen, stillOwedFen: owedFen - settle };
}

/**
 * What leaving settles: the advances owed are paid from the prepaid balance as far as it goes, and the
 * rest is refunded unless another open prepaid participation still draws on it. `leaving` is the plan
 * being left while it is still open (the preview), null once it has ended (the exit itself).
 */
async function exitTerms(q: Queryable, memberId: number, leaving: string | null, today: CivilDate) {
  const owedFen = Math.max(0, await balanceOf(q, accounts.memberAdvance(memberId)));
  const heldFen = Math.max(0, -(await balanceOf(q, accounts.memberBalance(memberId))));
  const settle = Math.min(owedFen, heldFen);
  const others = await fundsAnotherPrepaid(q, memberId, leaving, today);
  return { owedFen, heldFen, settle, refundFen: others ? 0 : heldFen - settle };
}

/** What leaving would settle, shown before the member confirms (nothing is changed). */
export async function exitPreview(deps: ServiceDeps, principal: Principal, participationId: number) {
  const p = await participationFor(deps, principal, participationId, false);
  if (p.status === "ended") fail("participation_ended", "the participation has already ended");
  const t = await exitTerms(deps.pool, p.memberId, p.planId, todayOf(deps));
  return {
    participationId,
    balanceFen: t.heldFen,
    advancesOwedFen: t.owedFen,
    settledFromBalanceFen: t.settle,
    refundFen: t.refundFen,
    stillOwedFen: t.owedFen - t.settle,
  };
}

/** Whether another open participation of the member is in a plan funded from the balance today. */
async function fundsAnotherPrepaid(
  q: Queryable,
  memberId: number,
  leaving: string | null,
  today: CivilDate,
): Promise<boolean> {
  const open = await enrolmentRepository.openPlanIds(q, memberId);
  // the plan being left counts once less (a member is in a plan at most once)
  if (leaving !== null) open.splice(open.indexOf(leaving), 1);
  for (const planId of open) {
    const rules = ruleVersionOn(await loadStoredPlan(q, planId), today)?.rules;
    if (rules?.funding.mode === "prepaid") return true;
  }
  return false;
}
