// issue 16: cycles/recovery.ts once B's seam is merged
import { applyDebitAnswer } from "../cycles/debit-answers.ts";
import { recoverFromTopUp } from "../cycles/recovery.ts";
import type { ServiceDeps } from "../deps.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { resumeAfterTopUpIn, takeDepositFeeIn } from "../enrolment/balance-rules.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { paymentRepository } from "./payments.repository.ts";
import type { PaymentResult } from "./port.ts";

/**
 * A final answer: the provider's, or ours for a key the provider says it never received once the
 * reconciliation has waited long enough (src/payments/reconcile.ts): nothing was taken.
 */
export type FinalPaymentResult =
  | Extract<PaymentResult, { status: "succeeded" | "failed" }>
  | { readonly status: "failed"; readonly providerRef: null; readonly reason: "not_received" };

/** Applies a provider's final answer once: the request row is locked, and the ledger key is the request's. */
export async function settlePayment(deps: ServiceDeps, key: string, result: FinalPaymentResult) {
  await withTransaction(deps.pool, (tx) => settlePaymentIn(deps, tx, key, result));
}

/**
 * The one settle path of every final answer, in the caller's transaction — the webhook's, the
 * reconciliation's: a cycle's debit is recorded on its share (there is no payment request per member),
 * anything else settles its payment request.
 */
export async function settleAnswerIn(deps: ServiceDeps, tx: Tx, key: string, result: FinalPaymentResult) {
  if (!(await applyDebitAnswer(deps, tx, key, result))) await settlePaymentIn(deps, tx, key, result);
}

export async function settlePaymentIn(deps: ServiceDeps, tx: Tx, key: string, result: FinalPaymentResult) {
  const req = await paymentRepository.lockByKey(tx, key);
  if (req?.status !== "pending") return;
  const at = new Date(deps.clock.now());
  await paymentRepository.settle(tx, req.requestId, {
    status: result.status,
    providerRef: result.providerRef,
    failureReason: result.status === "failed" ? result.reason : null,
    at,
  });
  if (result.status === "succeeded" && req.kind === "topup") {
    const txn = await postTransaction(tx, {
      key: `payment:${key}`,
      kind: "topup",
      at,
      memo: result.providerRef,
      postings: transfer(accounts.memberBalance(req.memberId), accounts.custodianBank(), fen(req.amountFen)),
    });
    // Every money fact in the log: the top-up by its ledger transaction (the facts audit matches them).
    await appendLogEntry(tx, "topup", {
      member: await memberPseudonym(tx, req.memberId),
      ledgerTxn: txn.txnId,
      amountFen: req.amountFen,
      on: civilDateOfInstant(at.getTime()),
    });
    // The plan's deposit fee; a prepaid member's advanced shares repaid from the money that just came
    // in; then the balance rules at once (a top-up back at the floor resumes now).
    await takeDepositFeeIn(deps, tx, {
      memberId: req.memberId,
      amountFen: req.amountFen,
      key,
      planId: req.planId,
    });
    await recoverFromTopUp(deps, tx, req.memberId);
    await resumeAfterTopUpIn(deps, tx, req.memberId);
  }
}
