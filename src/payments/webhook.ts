import type { ServiceDeps } from "../deps.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { withTransaction } from "../store/db.ts";
import { paymentRepository } from "./payments.repository.ts";
import { settleAnswerIn } from "./settle-payment.ts";
import { parseWebhookEvent } from "./webhook-event.ts";
import { verifyWebhook } from "./webhook-signature.ts";

/** A signed webhook from the provider: verified, recorded once (replays ignored), then settled. */
export async function handleWebhook(
  deps: ServiceDeps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ accepted: boolean }> {
  const nowSeconds = Math.floor(deps.clock.now() / 1000);
  if (!verifyWebhook(deps.webhookSecret, rawBody, signature, nowSeconds, limits.webhookToleranceSeconds)) {
    fail("invalid_signature", "the webhook signature does not verify");
  }
  const event = parseWebhookEvent(rawBody);
  // The event is recorded in the same transaction that applies it: a crash in between leaves neither,
  // and the provider's redelivery applies it then.
  return withTransaction(deps.pool, async (tx) => {
    const at = new Date(deps.clock.now());
    if (!(await paymentRepository.recordWebhookEvent(tx, { eventId: event.eventId, at, payload: rawBody })))
      return { accepted: false };
    if (event.result.status === "succeeded" || event.result.status === "failed")
      await settleAnswerIn(deps, tx, event.key, event.result);
    deps.checkpoint?.("webhook:before-commit");
    return { accepted: true };
  });
}
