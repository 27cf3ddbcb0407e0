import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { endParticipation } from "./end-participation.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";
import { getParticipation, participationFor } from "./views.ts";

/**
 * Exit at any time. What the member still owes (operator advances) is settled from the prepaid
 * balance; the rest is refunded when no other prepaid participation needs it.
 */
export async function exit(deps: ServiceDeps, principal: Principal, participationId: number) {
  const p = await participationFor(deps, principal, participationId, false);
  if (p.status === "ended") fail("participation_ended", "the participation has already ended");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    await endParticipation(deps, tx, participationId, "exit", today);
    const owedFen = Math.max(0, await balanceOf(tx, accounts.memberAdvance(p.memberId)));
    const heldFen = Math.max(0, -(await balanceOf(tx, accounts.memberBalance(p.memberId))));
    const others = await enrolmentRepository.hasOpenParticipation(tx, p.memberId);
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
      await postTransaction(tx, {
        key: `exit:${participationId}:refund`,
        kind: "refund",
        at,
        postings: transfer(accounts.custodianBank(), accounts.memberBalance(p.memberId), fen(refundFen)),
      });
      await appendLogEntry(tx, "refund", {
        member: await memberPseudonym(tx, p.memberId),
        participation: participationId,
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
