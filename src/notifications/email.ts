import { encryptPersonal, type Secrets } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { notificationRepository } from "./notifications.repository.ts";

/** The e-mail provider port. The real provider is out of reach here; the simulated one keeps an outbox. */
export type EmailPort = {
  send(q: Queryable, to: string, subject: string, body: string, at: Date): Promise<{ ok: boolean }>;
};

export const maskEmail = (email: string): string => {
  const [user, domain] = email.split("@");
  return `${(user ?? "").slice(0, 1)}***@${domain ?? ""}`;
};

/**
 * A simulated e-mail provider: every message lands in email_outbox (the address encrypted, shown
 * masked). `failEvery` makes every n-th send fail, as real providers sometimes do.
 */
export function simulatedEmail(
  secrets: Secrets,
  opts: { failEvery?: number } = {},
): EmailPort & { sent: number } {
  const port = {
    sent: 0,
    async send(q: Queryable, to: string, subject: string, body: string, at: Date) {
      port.sent++;
      const failed = opts.failEvery !== undefined && port.sent % opts.failEvery === 0;
      await notificationRepository.insertEmail(q, {
        emailMasked: maskEmail(to),
        emailCipher: encryptPersonal(secrets, to),
        subject,
        body,
        status: failed ? "failed" : "sent",
        at,
      });
      return { ok: !failed };
    },
  };
  return port;
}
