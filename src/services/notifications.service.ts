import { fail } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { limits } from "../limits.ts";
import { type EmailPort, maskEmail, simulatedEmail } from "../notify/email.ts";
import { decryptPersonal, encryptPersonal, memberMobile } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import type { ServiceDeps } from "./deps.ts";

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

/** Who gets a notice by SMS or e-mail beside the inbox, as the preference queries select them. */
type Recipient = {
  sms: boolean;
  email: boolean;
  personal_cipher: Buffer | null;
  mobile_cipher: Buffer | null;
  email_cipher: Buffer | null;
};
const RECIPIENT = "n.sms, n.email, m.personal_cipher, m.mobile_cipher, n.email_cipher";

const emailPort = (deps: ServiceDeps): EmailPort => deps.email ?? simulatedEmail(deps.secrets);

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
  await q.query(
    "INSERT INTO notifications (plan_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5)",
    [planId, kind, title, body, at],
  );
  const { rows } = await q.query<Recipient>(
    `SELECT ${RECIPIENT} FROM notification_preferences n
     JOIN members m USING (member_id)
     WHERE $2 = ANY (n.kinds) AND (n.sms OR n.email)
       AND EXISTS (SELECT 1 FROM participations p WHERE p.member_id = n.member_id AND p.plan_id = $1 AND p.status <> 'ended')`,
    [planId, kind],
  );
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
  await q.query(
    "INSERT INTO notifications (member_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5)",
    [memberId, kind, title, body, at],
  );
  const { rows } = await q.query<Recipient>(
    `SELECT ${RECIPIENT} FROM notification_preferences n JOIN members m USING (member_id)
     WHERE n.member_id = $1 AND $2 = ANY (n.kinds)`,
    [memberId, kind],
  );
  await deliver(deps, q, rows, title, body, at);
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
  // The notice's text, in SQL so that the inbox rows are written set-based; the amount is exact
  // (numeric division of integer fen).
  const body = (collectOnParam: string) =>
    `'您本期应分摊 ' || to_char(s.share_fen / 100.0, 'FM9999999990.00') || ' 元，请在 ' || ${collectOnParam} || ' 扣款前确认；未确认的分摊按计划规则处理（垫付或记为未履约）。'`;
  const ins = await q.query(
    `INSERT INTO notifications (member_id, plan_id, kind, title, body, created_at)
     SELECT s.member_id, $2, 'cycle_charge', $3, ${body("$4")}, $5
     FROM cycle_shares s WHERE s.cycle_id = $1 AND s.status = 'unconfirmed'`,
    [c.cycleId, c.planId, title, c.collectOn, at],
  );
  const { rows } = await q.query<Recipient & { body: string }>(
    `SELECT ${RECIPIENT}, ${body("$2")} AS body
     FROM notification_preferences n JOIN members m USING (member_id)
     JOIN cycle_shares s ON s.cycle_id = $1 AND s.member_id = n.member_id AND s.status = 'unconfirmed'
     WHERE 'cycle_charge' = ANY (n.kinds) AND (n.sms OR n.email)`,
    [c.cycleId, c.collectOn],
  );
  for (const r of rows) await deliver(deps, q, [r], title, r.body, at);
  return ins.rowCount ?? 0;
}

async function deliver(
  deps: ServiceDeps,
  q: Queryable,
  rows: Recipient[],
  title: string,
  body: string,
  at: Date,
): Promise<void> {
  const email = emailPort(deps);
  for (const r of rows) {
    const mobile = r.sms ? memberMobile(deps.secrets, r) : null;
    if (mobile) await deps.sms.send(q, mobile, `【互助】${title}`, at);
    if (r.email && r.email_cipher)
      await email.send(q, decryptPersonal(deps.secrets, r.email_cipher), title, body, at);
  }
}

/**
 * A member's inbox, newest first: their own notices, their plans' broadcasts, and a line per cycle
 * share (derived from the shares themselves, so a ten-million-member cycle writes no extra rows).
 */
export async function inbox(deps: ServiceDeps, principal: Principal, f: { before?: number; limit: number }) {
  if (principal.kind !== "member") fail("forbidden", "the inbox is a member's");
  const { rows } = await deps.pool.query<{
    notification_id: number;
    kind: string;
    title: string;
    body: string;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT n.notification_id, n.kind, n.title, n.body, n.created_at, r.read_at
     FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.notification_id AND r.member_id = $1
     WHERE n.notification_id < $2
       AND (n.member_id = $1 OR (n.member_id IS NULL AND n.plan_id IN (SELECT plan_id FROM participations WHERE member_id = $1)))
     ORDER BY n.notification_id DESC LIMIT $3`,
    [principal.id, f.before ?? Number.MAX_SAFE_INTEGER, f.limit + 1],
  );
  const charges = await deps.pool.query<{
    cycle_id: number;
    plan_id: string;
    announced_on: string;
    share_fen: number;
    status: string;
  }>(
    `SELECT c.cycle_id, c.plan_id, c.announced_on::text, s.share_fen, s.status FROM cycle_shares s JOIN cycles c USING (cycle_id)
     WHERE s.member_id = $1 ORDER BY c.announced_on DESC LIMIT 24`,
    [principal.id],
  );
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      notificationId: r.notification_id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      at: r.created_at.toISOString(),
      read: r.read_at !== null,
    })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.notification_id) : null,
    cycleCharges: charges.rows.map((c) => ({
      kind: "cycle_charge",
      cycleId: c.cycle_id,
      planId: c.plan_id,
      announcedOn: c.announced_on,
      shareFen: c.share_fen,
      status: c.status,
    })),
  };
}

export async function markRead(deps: ServiceDeps, principal: Principal, notificationId: number) {
  if (principal.kind !== "member") fail("forbidden", "the inbox is a member's");
  const { rows } = await deps.pool.query(
    `SELECT 1 FROM notifications WHERE notification_id = $1
       AND (member_id = $2 OR (member_id IS NULL AND plan_id IN (SELECT plan_id FROM participations WHERE member_id = $2)))`,
    [notificationId, principal.id],
  );
  if (!rows.length) fail("not_found", `no notification ${notificationId}`);
  await deps.pool.query(
    "INSERT INTO notification_reads (member_id, notification_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    [principal.id, notificationId, new Date(deps.clock.now())],
  );
  return { notificationId, read: true };
}

export type Preferences = {
  sms: boolean;
  email: boolean;
  emailAddress?: string | null;
  kinds: NotificationKind[];
};

/** How a member wants to be told, beyond the inbox (which always has everything). */
export async function setPreferences(deps: ServiceDeps, principal: Principal, p: Preferences) {
  if (principal.kind !== "member") fail("forbidden", "preferences are a member's");
  if (p.email && !p.emailAddress)
    fail("validation", "an e-mail address is needed for e-mail", "emailAddress");
  if (
    p.emailAddress &&
    (p.emailAddress.length > limits.claimTextCharsMax || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.emailAddress))
  )
    fail("validation", "not an e-mail address", "emailAddress");
  await deps.pool.query(
    `INSERT INTO notification_preferences (member_id, sms, email, email_cipher, email_masked, kinds) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (member_id) DO UPDATE SET sms = excluded.sms, email = excluded.email, email_cipher = excluded.email_cipher,
       email_masked = excluded.email_masked, kinds = excluded.kinds`,
    [
      principal.id,
      p.sms,
      p.email,
      p.emailAddress ? encryptPersonal(deps.secrets, p.emailAddress) : null,
      p.emailAddress ? maskEmail(p.emailAddress) : null,
      p.kinds,
    ],
  );
  return getPreferences(deps, principal);
}

export async function getPreferences(deps: ServiceDeps, principal: Principal) {
  const { rows } = await deps.pool.query<{
    sms: boolean;
    email: boolean;
    email_masked: string | null;
    kinds: string[];
  }>("SELECT sms, email, email_masked, kinds FROM notification_preferences WHERE member_id = $1", [
    principal.id,
  ]);
  const r = rows[0];
  return r
    ? { sms: r.sms, email: r.email, emailMasked: r.email_masked, kinds: r.kinds }
    : { sms: false, email: false, emailMasked: null, kinds: [...NOTIFICATION_KINDS] };
}
