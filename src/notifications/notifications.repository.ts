import type { Queryable } from "../store/db.ts";

/** Who gets a notice by SMS or e-mail beside the inbox, as the preference queries select them. */
export type Recipient = {
  readonly sms: boolean;
  readonly email: boolean;
  readonly personalCipher: Buffer | null;
  readonly mobileCipher: Buffer | null;
  readonly emailCipher: Buffer | null;
};
type RecipientRow = {
  sms: boolean;
  email: boolean;
  personal_cipher: Buffer | null;
  mobile_cipher: Buffer | null;
  email_cipher: Buffer | null;
};
const RECIPIENT = "n.sms, n.email, m.personal_cipher, m.mobile_cipher, n.email_cipher";
const toRecipient = (r: RecipientRow): Recipient => ({
  sms: r.sms,
  email: r.email,
  personalCipher: r.personal_cipher,
  mobileCipher: r.mobile_cipher,
  emailCipher: r.email_cipher,
});

export type Notice = { kind: string; title: string; body: string; at: Date };

export type InboxRow = {
  notificationId: number;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
};
export type CycleCharge = {
  cycleId: number;
  planId: string;
  announcedOn: string;
  shareFen: number;
  status: string;
  /** Whose share: the member's own, or a dependant's (`dependant`: the masked name; else null). */
  memberId: number;
  dependant: string | null;
};
export type StoredPreferences = { sms: boolean; email: boolean; emailMasked: string | null; kinds: string[] };
export type SentSms = {
  smsId: number;
  mobileMasked: string;
  body: string;
  status: string;
  createdAt: Date;
};

/**
 * The SQL text of the notice asking a member to confirm a share, so the inbox rows are written
 * set-based; the amount is exact (numeric division of integer fen).
 */
/** The one a member's notices go to: the guardian for a dependant (who has no sign-in), else the member. */
const ADDRESSEE = (memberId: string) =>
  `(SELECT coalesce(guardian_id, member_id) FROM members WHERE member_id = ${memberId})`;

// A dependant's share is the guardian's to confirm: the text names the dependant (masked name, from `d`).
const confirmBody = (collectOnParam: string) =>
  `CASE WHEN d.guardian_id IS NULL THEN '您' ELSE '您为' || d.name_masked END || '本期应分摊 ' || to_char(s.share_fen / 100.0, 'FM9999999990.00') || ' 元，请在 ' || ${collectOnParam} || ' 扣款前确认；未确认的分摊按计划规则处理（垫付或记为未履约）。'`;

/**
 * A notice the member may see: their own, or a broadcast of a plan they or a dependant of theirs take
 * part in (a guardian hears of the plans they hold for a child or a parent).
 */
const VISIBLE_TO = (member: string) =>
  `(n.member_id = ${member} OR (n.member_id IS NULL AND n.plan_id IN (SELECT plan_id FROM participations WHERE member_id = ${member}
     OR member_id IN (SELECT member_id FROM members WHERE guardian_id = ${member}))))`;

/**
 * Tables notifications, notification_reads, notification_preferences, sms_outbox and email_outbox. It
 * reads cycle_shares (the one documented cross-read): the confirmation notices and the inbox's charges.
 */
export const notificationRepository = Object.freeze({
  async insertBroadcast(q: Queryable, planId: string, n: Notice): Promise<void> {
    await q.query(
      "INSERT INTO notifications (plan_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5)",
      [planId, n.kind, n.title, n.body, n.at],
    );
  },

  /** Members of the plan (not ended) who want this kind by SMS or e-mail. */
  async planRecipients(q: Queryable, planId: string, kind: string): Promise<Recipient[]> {
    const { rows } = await q.query<RecipientRow>(
      `SELECT ${RECIPIENT} FROM notification_preferences n
       JOIN members m USING (member_id)
       WHERE $2 = ANY (n.kinds) AND (n.sms OR n.email)
         AND EXISTS (SELECT 1 FROM participations p WHERE p.member_id = n.member_id AND p.plan_id = $1 AND p.status <> 'ended')`,
      [planId, kind],
    );
    return rows.map(toRecipient);
  },

  async insertMemberNotice(q: Queryable, memberId: number, n: Notice): Promise<void> {
    await q.query(
      `INSERT INTO notifications (member_id, kind, title, body, created_at) VALUES (${ADDRESSEE("$1")}, $2, $3, $4, $5)`,
      [memberId, n.kind, n.title, n.body, n.at],
    );
  },

  /** The same notice to each of many members (a claim's drawn jurors), in one INSERT … SELECT. */
  async insertNoticesFor(q: Queryable, memberIds: readonly number[], n: Notice): Promise<void> {
    await q.query(
      `INSERT INTO notifications (member_id, kind, title, body, created_at)
       SELECT unnest($1::bigint[]), $2, $3, $4, $5`,
      [memberIds, n.kind, n.title, n.body, n.at],
    );
  },

  async recipientsAmong(q: Queryable, memberIds: readonly number[], kind: string): Promise<Recipient[]> {
    const { rows } = await q.query<RecipientRow>(
      `SELECT ${RECIPIENT} FROM notification_preferences n JOIN members m USING (member_id)
       WHERE n.member_id = ANY ($1::bigint[]) AND $2 = ANY (n.kinds) AND (n.sms OR n.email)`,
      [memberIds, kind],
    );
    return rows.map(toRecipient);
  },

  async memberRecipients(q: Queryable, memberId: number, kind: string): Promise<Recipient[]> {
    const { rows } = await q.query<RecipientRow>(
      `SELECT ${RECIPIENT} FROM notification_preferences n JOIN members m USING (member_id)
       WHERE n.member_id = ${ADDRESSEE("$1")} AND $2 = ANY (n.kinds)`,
      [memberId, kind],
    );
    return rows.map(toRecipient);
  },

  /** One notice per unconfirmed share of the cycle, in one INSERT … SELECT; returns how many. */
  async insertConfirmationNotices(
    q: Queryable,
    c: { cycleId: number; planId: string; collectOn: string; title: string; at: Date },
  ): Promise<number> {
    const ins = await q.query(
      `INSERT INTO notifications (member_id, plan_id, kind, title, body, created_at)
       SELECT coalesce(d.guardian_id, s.member_id), $2, 'cycle_charge', $3, ${confirmBody("$4")}, $5
       FROM cycle_shares s JOIN members d ON d.member_id = s.member_id
       WHERE s.cycle_id = $1 AND s.status = 'unconfirmed'`,
      [c.cycleId, c.planId, c.title, c.collectOn, c.at],
    );
    return ins.rowCount ?? 0;
  },

  /** Those asked to confirm who want cycle charges by SMS or e-mail, each with their notice's text. */
  async confirmationRecipients(
    q: Queryable,
    cycleId: number,
    collectOn: string,
  ): Promise<Array<Recipient & { body: string }>> {
    const { rows } = await q.query<RecipientRow & { body: string }>(
      `SELECT ${RECIPIENT}, ${confirmBody("$2")} AS body
       FROM cycle_shares s JOIN members d ON d.member_id = s.member_id
       JOIN notification_preferences n ON n.member_id = coalesce(d.guardian_id, s.member_id)
       JOIN members m ON m.member_id = n.member_id
       WHERE s.cycle_id = $1 AND s.status = 'unconfirmed' AND 'cycle_charge' = ANY (n.kinds) AND (n.sms OR n.email)`,
      [cycleId, collectOn],
    );
    return rows.map((r) => ({ ...toRecipient(r), body: r.body }));
  },

  /** A page of the inbox below `beforeId`, one row more than `limit`. */
  async inboxPage(q: Queryable, memberId: number, beforeId: number, limit: number): Promise<InboxRow[]> {
    const { rows } = await q.query<{
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
         AND ${VISIBLE_TO("$1")}
       ORDER BY n.notification_id DESC LIMIT $3`,
      [memberId, beforeId, limit + 1],
    );
    return rows.map((r) => ({
      notificationId: r.notification_id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  },

  /** The latest cycle shares of the member and of their dependants (by masked name), newest first. */
  async recentCharges(q: Queryable, memberId: number, limit: number): Promise<CycleCharge[]> {
    const { rows } = await q.query<{
      cycle_id: number;
      plan_id: string;
      announced_on: string;
      share_fen: number;
      status: string;
      member_id: string;
      dependant: string | null;
    }>(
      `SELECT c.cycle_id, c.plan_id, c.announced_on::text, s.share_fen, s.status, s.member_id,
              CASE WHEN d.guardian_id IS NULL THEN NULL ELSE d.name_masked END AS dependant
       FROM cycle_shares s JOIN cycles c USING (cycle_id) JOIN members d ON d.member_id = s.member_id
       WHERE s.member_id IN (SELECT $1::bigint UNION ALL SELECT member_id FROM members WHERE guardian_id = $1)
       ORDER BY c.announced_on DESC, s.member_id LIMIT $2`,
      [memberId, limit],
    );
    return rows.map((c) => ({
      cycleId: c.cycle_id,
      planId: c.plan_id,
      announcedOn: c.announced_on,
      shareFen: c.share_fen,
      status: c.status,
      memberId: Number(c.member_id),
      dependant: c.dependant,
    }));
  },

  async isVisibleTo(q: Queryable, notificationId: number, memberId: number): Promise<boolean> {
    const { rows } = await q.query(
      `SELECT 1 FROM notifications n WHERE n.notification_id = $1
         AND ${VISIBLE_TO("$2")}`,
      [notificationId, memberId],
    );
    return rows.length > 0;
  },

  async markRead(q: Queryable, memberId: number, notificationId: number, at: Date): Promise<void> {
    await q.query(
      "INSERT INTO notification_reads (member_id, notification_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [memberId, notificationId, at],
    );
  },

  async upsertPreferences(
    q: Queryable,
    memberId: number,
    p: {
      sms: boolean;
      email: boolean;
      emailCipher: Buffer | null;
      emailMasked: string | null;
      kinds: string[];
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO notification_preferences (member_id, sms, email, email_cipher, email_masked, kinds) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id) DO UPDATE SET sms = excluded.sms, email = excluded.email, email_cipher = excluded.email_cipher,
         email_masked = excluded.email_masked, kinds = excluded.kinds`,
      [memberId, p.sms, p.email, p.emailCipher, p.emailMasked, p.kinds],
    );
  },

  async preferencesOf(q: Queryable, memberId: number): Promise<StoredPreferences | undefined> {
    const { rows } = await q.query<{
      sms: boolean;
      email: boolean;
      email_masked: string | null;
      kinds: string[];
    }>("SELECT sms, email, email_masked, kinds FROM notification_preferences WHERE member_id = $1", [
      memberId,
    ]);
    const r = rows[0];
    return r && { sms: r.sms, email: r.email, emailMasked: r.email_masked, kinds: r.kinds };
  },

  async insertSms(
    q: Queryable,
    s: {
      mobileLookup: Buffer;
      mobileMasked: string;
      mobileCipher: Buffer;
      body: string;
      status: string;
      at: Date;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO sms_outbox (mobile_lookup, mobile_masked, mobile_cipher, body, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.mobileLookup, s.mobileMasked, s.mobileCipher, s.body, s.status, s.at],
    );
  },

  async insertEmail(
    q: Queryable,
    e: { emailMasked: string; emailCipher: Buffer; subject: string; body: string; status: string; at: Date },
  ): Promise<void> {
    await q.query(
      "INSERT INTO email_outbox (email_masked, email_cipher, subject, body, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [e.emailMasked, e.emailCipher, e.subject, e.body, e.status, e.at],
    );
  },

  /** The simulated outbox, newest first. */
  async latestSms(q: Queryable, limit: number): Promise<SentSms[]> {
    const { rows } = await q.query<{
      sms_id: number;
      mobile_masked: string;
      body: string;
      status: string;
      created_at: Date;
    }>(
      "SELECT sms_id, mobile_masked, body, status, created_at FROM sms_outbox ORDER BY sms_id DESC LIMIT $1",
      [limit],
    );
    return rows.map((r) => ({
      smsId: r.sms_id,
      mobileMasked: r.mobile_masked,
      body: r.body,
      status: r.status,
      createdAt: r.created_at,
    }));
  },
});
