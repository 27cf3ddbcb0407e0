import { shareRepository } from "../cycles/share.repository.ts";
import type { ServiceDeps } from "../deps.ts";
import { debitKey, parseDebitKey, retryKey } from "../domain/cycle/debit-key.ts";
import { ProblemError } from "../errors.ts";
import { limits } from "../limits.ts";
import { paymentReconciliations } from "../observability/process-metrics.ts";
import { withTransaction } from "../store/db.ts";
import { inDoubtRepository } from "./in-doubt.repository.ts";
import { paymentRepository } from "./payments.repository.ts";
import { type FinalPaymentResult, settleAnswerIn, settlePaymentIn } from "./settle-payment.ts";

/**
 * What a run did with each key: `answered` — the provider's final answer, settled; `pending` — the
 * provider still works on it; `not_received` — the provider never received it, given up as below;
 * `unknown` — never received, and nothing here may decide it (an operator asks the provider);
 * `unreachable` — the provider did not answer the query: the run stops, the rest wait for the next.
 */
export type ReconcileOutcome = "answered" | "pending" | "not_received" | "unknown" | "unreachable";

export type ReconcileReport = Record<ReconcileOutcome, number>;

type Stale = { readonly key: string; readonly kind: string };

/** Ours, not the provider's: a key it never received, given up. Nothing was taken. */
const NOT_RECEIVED: FinalPaymentResult = { status: "failed", providerRef: null, reason: "not_received" };

/**
 * The reconciliation (issue 20; the `payments.reconcile` job): payments left without a final answer
 * longer than limits.paymentReconcileAfterSeconds — a top-up whose answer or webhook was lost, a cycle's
 * debit (collection or retry) answered pending whose webhook never came — are asked about by query,
 * never sent again before the answer is known. A final answer goes through the one settle path of the
 * webhook and the response (settleAnswerIn), so it lands once whichever comes first. A key the provider
 * never received is given up: a top-up fails (`not_received`) — the member is not there to pay, and a
 * top-up is the member's own act, so nothing is sent on their behalf; the checkout shows it failed and
 * they pay again under a new key — and a cycle's debit is a refused debit, for the cycle's failure
 * policy (advanced, retried under a new key, a default after the last retry).
 */
export async function reconcilePayments(deps: ServiceDeps): Promise<ReconcileReport> {
  const before = new Date(deps.clock.now() - limits.paymentReconcileAfterSeconds * 1000);
  const report: ReconcileReport = { answered: 0, pending: 0, not_received: 0, unknown: 0, unreachable: 0 };
  for (const stale of await staleKeys(deps, before)) {
    const outcome = await reconcileOne(deps, stale, before);
    report[outcome]++;
    paymentReconciliations.inc({ kind: stale.kind, outcome });
    if (outcome === "unreachable") break;
  }
  return report;
}

/** The requests, then the cycles' pending debits (by their attempt's key), each oldest first. */
async function staleKeys(deps: ServiceDeps, before: Date): Promise<Stale[]> {
  const max = limits.paymentReconcileKeysMax;
  const requests = await paymentRepository.stalePending(deps.pool, before, max);
  const debits = await shareRepository.stalePendingDebits(deps.pool, before, max);
  return [
    ...requests,
    ...debits.map((d) => ({
      key:
        d.attempt === 0
          ? debitKey(d.planId, d.announcedOn, d.memberId)
          : retryKey(d.planId, d.announcedOn, d.memberId, d.attempt),
      kind: "debit",
    })),
  ];
}

async function reconcileOne(deps: ServiceDeps, stale: Stale, before: Date): Promise<ReconcileOutcome> {
  let answer: Awaited<ReturnType<ServiceDeps["payments"]["query"]>>;
  try {
    answer = await deps.payments.query(stale.key);
  } catch (e) {
    if (e instanceof ProblemError && e.problem.code === "payment_provider_unavailable") return "unreachable";
    throw e;
  }
  if (answer.status === "pending") return "pending";
  if (answer.status !== "unknown") {
    const final = answer;
    await withTransaction(deps.pool, (tx) => settleAnswerIn(deps, tx, stale.key, final));
    return "answered";
  }
  return giveUp(deps, stale, before);
}

/** A key the provider says it never received, long enough after its last send. */
async function giveUp(deps: ServiceDeps, stale: Stale, before: Date): Promise<ReconcileOutcome> {
  if (parseDebitKey(stale.key)) {
    await withTransaction(deps.pool, async (tx) => {
      await settleAnswerIn(deps, tx, stale.key, NOT_RECEIVED);
      await inDoubtRepository.clear(tx, [stale.key]);
    });
    return "not_received";
  }
  if (stale.kind !== "topup") {
    // money going out that the provider never received: sending it is the outgoing payment's to decide
    deps.logger.warn({ key: stale.key, kind: stale.kind }, "payment never received by the provider");
    return "unknown";
  }
  return withTransaction(deps.pool, async (tx) => {
    // re-checked under the row's lock: a member's retry marks its send first (top-up.ts)
    if (!(await paymentRepository.lockQuietSince(tx, stale.key, before))) return "pending";
    await settlePaymentIn(deps, tx, stale.key, NOT_RECEIVED);
    await inDoubtRepository.clear(tx, [stale.key]);
    return "not_received";
  });
}
