import { cycleRepository } from "../cycles/cycle.repository.ts";
import { shareRepository } from "../cycles/share.repository.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberFor } from "../members/member-for.ts";
import { withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { paymentRepository } from "./payments.repository.ts";

/**
 * A member takes money back from the prepaid balance: at most what they hold less what cycles not yet
 * disclosed have claimed. In one transaction, under the prepaid collections' locks of the member's
 * plans (a collection cannot take the same money meanwhile): the ledger's withdrawal, its log entry,
 * and the payment request to the member's account, which the provider executes as the exit's refunds.
 * A replay of the key changes nothing and answers the same.
 */
export async function withdraw(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  amountFen: number,
  clientKey: string,
) {
  const m = await memberFor(deps.pool, principal, memberId, false);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > limits.topUpFenMax)
    fail("validation", `a withdrawal is 1 to ${limits.topUpFenMax} fen`, "amountFen");
  const key = `withdrawal:${memberId}:${clientKey}`;
  return withTransaction(deps.pool, async (tx) => {
    await paymentRepository.lockMemberMoney(tx, memberId);
    for (const planId of await cycleRepository.plansOfMember(tx, memberId))
      await cycleRepository.lockPrepaidCollection(tx, planId);
    const at = new Date(deps.clock.now());
    if (await paymentRepository.recordWithdrawal(tx, { key, memberId, amountFen, at })) {
      const held = -(await balanceOf(tx, accounts.memberBalance(memberId)));
      const available = held - (await shareRepository.claimedByOpenCycles(tx, memberId));
      if (amountFen > available)
        fail(
          "insufficient_balance",
          `${available} fen can be withdrawn (open cycles claim the rest)`,
          "amountFen",
        );
      const txn = await postTransaction(tx, {
        key,
        kind: "withdrawal",
        at,
        postings: transfer(accounts.custodianBank(), accounts.memberBalance(memberId), fen(amountFen)),
      });
      await appendLogEntry(tx, "withdrawal", {
        member: m.pseudonym,
        ledgerTxn: txn.txnId,
        amountFen,
        on: todayOf(deps),
      });
    } else if ((await paymentRepository.byKey(tx, key)).amountFen !== amountFen)
      fail("idempotency_key_reused", "this key was used for another amount");
    return { key, amountFen, balanceFen: -(await balanceOf(tx, accounts.memberBalance(memberId))) };
  });
}
