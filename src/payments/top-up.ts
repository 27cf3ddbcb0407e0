import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts } from "../domain/ledger.ts";
import { balanceUsesOf } from "../enrolment/balance-rules.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { memberFor } from "../members/member-for.ts";
import { balanceOf } from "../store/ledger.repository.ts";
import { paymentRepository } from "./payments.repository.ts";
import { executeOrAsk } from "./port.ts";
import { settlePayment } from "./settle-payment.ts";

export type TopUpView = {
  key: string;
  status: "pending" | "succeeded" | "failed";
  amountFen: number;
  balanceFen: number;
  failureReason: string | null;
};

/** What a member holds (the ledger keeps the member's balance as a liability, i.e. negative). */
export async function heldFen(deps: ServiceDeps, memberId: number): Promise<number> {
  return -(await balanceOf(deps.pool, accounts.memberBalance(memberId)));
}

/**
 * A top-up through the payment-provider port. The request is recorded first under its key; the
 * provider executes the key at most once; the result settles the ledger exactly once, whether it comes
 * back in the response, by a later query, or by a signed webhook. A replay after a crash resumes here.
 */
export async function topUp(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  amountFen: number,
  clientKey: string,
  planId?: string,
): Promise<TopUpView> {
  await memberFor(deps.pool, principal, memberId, false);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > limits.topUpFenMax) {
    fail("validation", `a top-up is 1 to ${limits.topUpFenMax} fen`, "amountFen");
  }
  await assertFundsPrepaid(deps, memberId, planId);
  const key = `topup:${memberId}:${clientKey}`;
  const { created, request } = await paymentRepository.recordTopUp(deps.pool, {
    key,
    memberId,
    amountFen,
    at: new Date(deps.clock.now()),
    planId,
  });
  if (request.amountFen !== amountFen) fail("idempotency_key_reused", "this key was used for another amount");
  // The send is marked first (a new request as it is recorded), and only while the request is pending:
  // the reconciliation gives up a top-up only when nothing was sent for long (src/payments/reconcile.ts),
  // so it never overtakes this.
  if (
    created ||
    (request.status === "pending" &&
      (await paymentRepository.markSent(deps.pool, key, new Date(deps.clock.now()))))
  ) {
    const result = await executeOrAsk(deps.payments, { key, kind: "topup", memberId, amountFen });
    if (result.status === "succeeded" || result.status === "failed") await settlePayment(deps, key, result);
  }
  return topUpView(deps, key);
}

/**
 * A top-up funds a prepaid participation: the member holds one (open or suspended), or pays the first
 * deposit of the prepaid plan named, before joining it (or holds a plan whose claims take a review
 * deposit from the balance, or owes advances). Money with nothing to fund is refused.
 */
async function assertFundsPrepaid(deps: ServiceDeps, memberId: number, planId: string | undefined) {
  const uses = await balanceUsesOf(deps.pool, memberId, todayOf(deps), planId);
  if (planId !== undefined && !uses.includes(planId))
    fail(
      "no_prepaid_participation",
      `${planId} is not a prepaid plan open today: a top-up funds only a prepaid participation`,
      "planId",
    );
  // a member who owes advanced shares may always pay them back
  if (uses.length === 0 && (await balanceOf(deps.pool, accounts.memberAdvance(memberId))) <= 0)
    fail(
      "no_prepaid_participation",
      "you hold no prepaid participation to fund; to pay a prepaid plan's first deposit before joining, name it (planId)",
      "planId",
    );
}

/**
 * Where a top-up stands, read again (the checkout's "check the payment"): a replay of the POST answers
 * the first response, so a pending payment's later result is read here. The key is the client's.
 */
export async function topUpStatus(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  clientKey: string,
) {
  await memberFor(deps.pool, principal, memberId, false);
  const key = `topup:${memberId}:${clientKey}`;
  if (!(await paymentRepository.findByKey(deps.pool, key))) fail("not_found", "no top-up under this key");
  return topUpView(deps, key);
}

async function topUpView(deps: ServiceDeps, key: string): Promise<TopUpView> {
  const r = await paymentRepository.byKey(deps.pool, key);
  return {
    key,
    status: r.status,
    amountFen: r.amountFen,
    balanceFen: await heldFen(deps, r.memberId),
    failureReason: r.failureReason,
  };
}
