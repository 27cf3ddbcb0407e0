import type { ServiceDeps } from "../deps.ts";
import { decryptPersonal, memberMobile } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { simulatedEmail } from "./email.ts";
import { notificationRepository, type Recipient } from "./notifications.repository.ts";

export const NOTIFICATION_KINDS = [
  "proposal",
  "vote",
  "adopted_change",
  "announcement",
  "cycle_charge",
  "plan_status",
  "claim",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notice to every member of a plan: one broadcast row every member's inbox shows (a plan of ten
 * million members gets one row, not ten million), and an SMS or e-mail to the members who asked for
 * this kind that way. A failed send is recorded by the port and does not undo the fact.
 */
export async function broadcast(
  deps: ServiceDeps,
  q: Queryable,
  planId: string,
  kind: NotificationKind,
  title: string,
  body: string,
): Promise<void> {
  const at = new Date(deps.clock.now());
  await notificationRepository.insertBroadcast(q, planId, { kind, title, body, at });
  const rows = await notificationRepository.planRecipients(q, planId, kind);
  await deliver(deps, q, rows, title, body, at);
}

/** A notice to one member (their inbox, and SMS / e-mail by their preferences). */
export async function notifyMember(
  deps: ServiceDeps,
  q: Queryable,
  memberId: number,
  kind: NotificationKind,
  title: string,
  body: string,
): Promise<void> {
  const at = new Date(deps.clock.now());
  await notificationRepository.insertMemberNotice(q, memberId, { kind, title, body, at });
  const rows = await notificationRepository.memberRecipients(q, memberId, kind);
  await deliver(deps, q, rows, title, body, at);
}

/** The same notice to many members (a claim's drawn jurors): set-based inbox rows, then SMS / e-mail. */
export async function notifyMembers(
  deps: ServiceDeps,
  q: Queryable,
  memberIds: readonly number[],
  n: { kind: NotificationKind; title: string; body: string },
): Promise<void> {
  const at = new Date(deps.clock.now());
  await notificationRepository.insertNoticesFor(q, memberIds, { ...n, at });
  const rows = await notificationRepository.recipientsAmong(q, memberIds, n.kind);
  await deliver(deps, q, rows, n.title, n.body, at);
}

/**
 * Members who confirm each share (or whose share is over their limit) are asked before the collection:
 * a notice in each one's inbox, written by one INSERT … SELECT over the cycle's unconfirmed shares, and
 * an SMS or e-mail to those who want cycle charges that way. Returns how many were asked.
 */
export async function askToConfirm(
  deps: ServiceDeps,
  q: Queryable,
  c: { cycleId: number; planId: string; collectOn: string },
): Promise<number> {
  const at = new Date(deps.clock.now());
  const title = "本期分摊待确认";
  const asked = await notificationRepository.insertConfirmationNotices(q, { ...c, title, at });
  const rows = await notificationRepository.confirmationRecipients(q, c.cycleId, c.collectOn);
  for (const r of rows) await deliver(deps, q, [r], title, r.body, at);
  return asked;
}

async function deliver(
  deps: ServiceDeps,
  q: Queryable,
  rows: Recipient[],
  title: string,
  body: string,
  at: Date,
): Promise<void> {
  const email = deps.email ?? simulatedEmail(deps.secrets);
  for (const r of rows) {
    const mobile = r.sms
      ? memberMobile(deps.secrets, { personal_cipher: r.personalCipher, mobile_cipher: r.mobileCipher })
      : null;
    if (mobile) await deps.sms.send(q, mobile, `【互助】${title}`, at);
    if (r.email && r.emailCipher)
      await email.send(q, decryptPersonal(deps.secrets, r.emailCipher), title, body, at);
  }
}
