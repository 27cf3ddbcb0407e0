import type { ServiceDeps } from "../deps.ts";
import { paymentRepository } from "./payments.repository.ts";
import { settlePayment } from "./settle-payment.ts";

/** Settles requests still pending by asking the provider (after a crash or a lost answer). */
export async function reconcilePending(deps: ServiceDeps): Promise<number> {
  let settled = 0;
  for (const key of await paymentRepository.pendingTopUpKeys(deps.pool)) {
    const result = await deps.payments.query(key);
    if (result.status === "succeeded" || result.status === "failed") {
      await settlePayment(deps, key, result);
      settled++;
    }
  }
  return settled;
}
