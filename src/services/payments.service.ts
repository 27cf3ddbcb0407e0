import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { fail } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { limits } from "../limits.ts";
import { type PaymentResult, PaymentTimeout } from "../payments/port.ts";
import { parseWebhookEvent } from "../payments/webhook-event.ts";
import { verifyWebhook } from "../payments/webhook-signature.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { applyDebitAnswer, recoverFromTopUp } from "./cycles.service.ts";
import type { ServiceDeps } from "./deps.ts";
import { memberFor } from "./members.service.ts";

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
): Promise<TopUpView> {
  await memberFor(deps.pool, principal, memberId, false);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > limits.topUpFenMax) {
    fail("validation", `a top-up is 1 to ${limits.topUpFenMax} fen`, "amountFen");
  }
  const key = `topup:${memberId}:${clientKey}`;
  await deps.pool.query(
    `INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at) VALUES ($1, 'topup', $2, $3, 'pending', $4)
     ON CONFLICT (idem_key) DO NOTHING`,
    [key, memberId, amountFen, new Date(deps.clock.now())],
  );
  const existing = await deps.pool.query<{ status: string; amount_fen: number }>(
    "SELECT status, amount_fen FROM payment_requests WHERE idem_key = $1",
    [key],
  );
  if (existing.rows[0]!.amount_fen !== amountFen)
    fail("idempotency_key_reused", "this key was used for another amount");
  if (existing.rows[0]!.status === "pending") {
    let result: PaymentResult | { status: "unknown" };
    try {
      result = await deps.payments.execute({ key, kind: "topup", memberId, amountFen });
    } catch (e) {
      if (!(e instanceof PaymentTimeout)) throw e;
      result = await deps.payments.query(key);
    }
    if (result.status === "succeeded" || result.status === "failed") await settlePayment(deps, key, result);
  }
  return topUpView(deps, key);
}

async function topUpView(deps: ServiceDeps, key: string): Promise<TopUpView> {
  const { rows } = await deps.pool.query<{
    status: TopUpView["status"];
    amount_fen: number;
    member_id: number;
    failure_reason: string | null;
  }>("SELECT status, amount_fen, member_id, failure_reason FROM payment_requests WHERE idem_key = $1", [key]);
  const r = rows[0]!;
  return {
    key,
    status: r.status,
    amountFen: r.amount_fen,
    balanceFen: await heldFen(deps, r.member_id),
    failureReason: r.failure_reason,
  };
}

/** Applies a provider's final answer once: the request row is locked, and the ledger key is the request's. */
export async function settlePayment(
  deps: ServiceDeps,
  key: string,
  result: Extract<PaymentResult, { status: "succeeded" | "failed" }>,
) {
  await withTransaction(deps.pool, (tx) => settlePaymentIn(deps, tx, key, result));
}

async function settlePaymentIn(
  deps: ServiceDeps,
  tx: Tx,
  key: string,
  result: Extract<PaymentResult, { status: "succeeded" | "failed" }>,
) {
  {
    const { rows } = await tx.query<{
      request_id: number;
      kind: string;
      member_id: number;
      amount_fen: number;
      status: string;
    }>(
      "SELECT request_id, kind, member_id, amount_fen, status FROM payment_requests WHERE idem_key = $1 FOR UPDATE",
      [key],
    );
    const req = rows[0];
    if (req?.status !== "pending") return;
    const at = new Date(deps.clock.now());
    await tx.query(
      "UPDATE payment_requests SET status = $2, provider_ref = $3, failure_reason = $4, settled_at = $5 WHERE request_id = $1",
      [
        req.request_id,
        result.status,
        result.providerRef,
        result.status === "failed" ? result.reason : null,
        at,
      ],
    );
    if (result.status === "succeeded" && req.kind === "topup") {
      await postTransaction(tx, {
        key: `payment:${key}`,
        kind: "topup",
        at,
        memo: result.providerRef,
        postings: transfer(
          accounts.memberBalance(req.member_id),
          accounts.custodianBank(),
          fen(req.amount_fen),
        ),
      });
      // A prepaid member's advanced shares are repaid from the money that just came in.
      await recoverFromTopUp(deps, tx, req.member_id);
    }
  }
}

/** A signed webhook from the provider: verified, recorded once (replays ignored), then settled. */
export async function handleWebhook(
  deps: ServiceDeps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ accepted: boolean }> {
  if (
    !verifyWebhook(
      deps.webhookSecret,
      rawBody,
      signature,
      Math.floor(deps.clock.now() / 1000),
      limits.webhookToleranceSeconds,
    )
  ) {
    fail("invalid_signature", "the webhook signature does not verify");
  }
  const event = parseWebhookEvent(rawBody);
  // The event is recorded in the same transaction that applies it: a crash in between leaves neither,
  // and the provider's redelivery applies it then.
  return withTransaction(deps.pool, async (tx) => {
    const ins = await tx.query(
      "INSERT INTO webhook_events (event_id, received_at, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [event.eventId, new Date(deps.clock.now()), rawBody],
    );
    if (ins.rowCount === 0) return { accepted: false };
    if (event.result.status === "succeeded" || event.result.status === "failed") {
      // A cycle's debit is recorded on its share (no payment request per member); anything else is a request.
      if (!(await applyDebitAnswer(deps, tx, event.key, event.result)))
        await settlePaymentIn(deps, tx, event.key, event.result);
    }
    deps.checkpoint?.("webhook:before-commit");
    return { accepted: true };
  });
}

/** Settles requests still pending by asking the provider (after a crash or a lost answer). */
export async function reconcilePending(deps: ServiceDeps): Promise<number> {
  const { rows } = await deps.pool.query<{ idem_key: string }>(
    "SELECT idem_key FROM payment_requests WHERE status = 'pending' AND kind = 'topup' ORDER BY request_id",
  );
  let settled = 0;
  for (const r of rows) {
    const result = await deps.payments.query(r.idem_key);
    if (result.status === "succeeded" || result.status === "failed") {
      await settlePayment(deps, r.idem_key, result);
      settled++;
    }
  }
  return settled;
}
