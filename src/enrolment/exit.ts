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
import { type Tx, withTransaction } from "../store/db.ts";
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
    const owedFen = Math.max(0, await balanceOf(tx, accounts.memberAdvance(p.memberId)));
    const heldFen = Math.max(0, -(await balanceOf(tx, accounts.memberBalance(p.memberId))));
    const others = await fundsAnotherPrepaid(tx, p.memberId, today);
    const at = new Date(deps.clock.now());
    const settle = Math.min(owedFen, heldFen);
    if (settle > 0) {
      await postTransaction(tx, {
        key: `exit:${participationId}:settle-advance`,
        kind: "advance_recovered",
        at,
        postings: transfer(
          accounts.memberAdvance(p.memberId),
          accounts.memberBalance(p.memberId),
          fen(settle),
        ),
      });
    }
    let refundFen = 0;
    if (!others && heldFen - settle > 0) {
      refundFen = heldFen - settle;
      const txn = await postTransaction(tx, {
        key: `exit:${participationId}:refund`,
        kind: "refund",
        at,
        postings: transfer(accounts.custodianBank(), accounts.memberBalance(p.memberId), fen(refundFen)),
      });
      await appendLogEntry(tx, "refund", {
        member: await memberPseudonym(tx, p.memberId),
        participation: participationId,
        ledgerTxn: txn.txnId,
        amountFen: refundFen,
        on: today,
      });
      await enrolmentRepository.insertRefundRequest(tx, {
        participationId,
        memberId: p.memberId,
        amountFen: refundFen,
        at,
      });
    }
    return {
      participation: await getParticipation(tx, participationId),
      refundFen,
      stillOwedFen: owedFen - settle,
    };
  });
}

/** Whether another open participation of the member is in a plan funded from the balance today. */
async function fundsAnotherPrepaid(tx: Tx, memberId: number, today: CivilDate): Promise<boolean> {
  for (const planId of await enrolmentRepository.openPlanIds(tx, memberId)) {
    const rules = ruleVersionOn(await loadStoredPlan(tx, planId), today)?.rules;
    if (rules?.funding.mode === "prepaid") return true;
  }
  return false;
}
