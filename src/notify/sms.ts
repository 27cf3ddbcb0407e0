import { maskMobile } from "../domain/identity.ts";
import { encryptPersonal, lookupHash, type Secrets } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";

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
      await q.query(
        `INSERT INTO sms_outbox (mobile_lookup, mobile_masked, mobile_cipher, body, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          lookupHash(secrets, "mobile", mobile),
          maskMobile(mobile),
          encryptPersonal(secrets, mobile),
          body,
          failed ? "failed" : "sent",
          at,
        ],
      );
      return { ok: !failed };
    },
  };
  return port;
}
