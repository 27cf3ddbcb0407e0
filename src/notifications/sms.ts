import { maskMobile } from "../domain/identity.ts";
import { encryptPersonal, lookupHash, type Secrets } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { notificationRepository } from "./notifications.repository.ts";

/** The SMS provider port. The real provider is out of reach here; the simulated one records an outbox. */
export type SmsPort = {
  send(q: Queryable, mobile: string, body: string, at: Date): Promise<{ ok: boolean }>;
};

export class SmsDeliveryError extends Error {}

/**
 * A simulated SMS provider: every message lands in the sms_outbox table (the phone stored encrypted,
 * shown masked), readable in development. `failEvery` makes every n-th send fail, as real gateways do.
 */
export function simulatedSms(
  secrets: Secrets,
  opts: { failEvery?: number } = {},
): SmsPort & { sent: number } {
  const port = {
    sent: 0,
    async send(q: Queryable, mobile: string, body: string, at: Date) {
      port.sent++;
      const failed = opts.failEvery !== undefined && port.sent % opts.failEvery === 0;
      await notificationRepository.insertSms(q, {
        mobileLookup: lookupHash(secrets, "mobile", mobile),
        mobileMasked: maskMobile(mobile),
        mobileCipher: encryptPersonal(secrets, mobile),
        body,
        status: failed ? "failed" : "sent",
        at,
      });
      return { ok: !failed };
    },
  };
  return port;
}
