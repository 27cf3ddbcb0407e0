import type { CivilDate } from "../domain/calendar.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { memberAccountSql } from "../store/ledger-sql.ts";

export type ShareMode = "auto" | "confirm" | "auto_limit";

/** A participation as stored, with its member's birth date (the waiting periods depend on the age). */
export type StoredParticipation = {
  participationId: number;
  memberId: number;
  planId: string;
  tier: string;
  joinedOn: CivilDate;
  ruleVersion: CivilDate;
  status: "active" | "suspended" | "ended";
  suspendedOn: CivilDate | null;
  endedOn: CivilDate | null;
  endReason: string | null;
  coveredFrom: CivilDate;
  shareMode: ShareMode;
  shareLimitFen: number | null;
  birthDate: CivilDate;
};

// camelCase aliases: the rows are StoredParticipation as they come.
const SELECT = `SELECT p.participation_id AS "participationId", p.member_id AS "memberId", p.plan_id AS "planId",
  p.tier, p.joined_on AS "joinedOn", p.rule_version AS "ruleVersion", p.status, p.suspended_on AS "suspendedOn",
  p.ended_on AS "endedOn", p.end_reason AS "endReason", p.covered_from AS "coveredFrom",
  p.share_mode AS "shareMode", p.share_limit_fen AS "shareLimitFen", m.birth_date AS "birthDate"
  FROM participations p JOIN members m USING (member_id)`;

export type ParticipationEvent = {
  participationId: number;
  memberId: number;
  kind: string;
  on: CivilDate;
  at: Date;
  reason: string | null;
};

export type NewParticipation = {
  memberId: number;
  planId: string;
  tier: string;
  joinedOn: CivilDate;
  coveredFrom: CivilDate;
  ruleVersion: CivilDate;
  declaration: string;
  declarationVersion: string | null;
  invitationCode: string | null;
};

/** What a member holds: the negative of the liability account's balance (SQL over p.member_id). */
const HELD = `-coalesce((SELECT b.balance_fen FROM account_balances b WHERE b.account_id = ${memberAccountSql("p.member_id", "balance")}), 0)`;

/** A set-based change of status for a plan: its UPDATE, its log entries (log_outbox) and its events. */
const statusChangeSql = (
  update: string,
  logKind: string,
  logExtra: string,
  eventKind: string,
  reason: string,
) =>
  `WITH s AS (${update}),
   logged AS (INSERT INTO log_outbox (kind, entry)
     SELECT '${logKind}', jsonb_build_object('member', m.pseudonym, 'plan', $1::text, 'participation', s.participation_id, 'on', $2::date::text${logExtra})
     FROM s JOIN members m USING (member_id))
   INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at)
   SELECT participation_id, member_id, '${eventKind}', $2, '${reason}', $4 FROM s`;

/** Tables participations, participation_events and invitation_codes. */
export const enrolmentRepository = Object.freeze({
  async insertEvent(q: Queryable, e: ParticipationEvent): Promise<void> {
    await q.query(
      "INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
      [e.participationId, e.memberId, e.kind, e.on, e.reason, e.at],
    );
  },

  /** The new participation's id, or undefined when the member already takes part in the plan. */
  async insertJoin(tx: Tx, p: NewParticipation): Promise<number | undefined> {
    const { rows } = await tx.query<{ participation_id: number }>(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status, declaration, declaration_version, invitation_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9)
       ON CONFLICT (member_id, plan_id) WHERE status <> 'ended' DO NOTHING RETURNING participation_id`,
      [
        p.memberId,
        p.planId,
        p.tier,
        p.joinedOn,
        p.coveredFrom,
        p.ruleVersion,
        p.declaration,
        p.declarationVersion,
        p.invitationCode,
      ],
    );
    return rows[0]?.participation_id;
  },

  /** A transferred member's participation in the target plan, covered at once (no new waiting period). */
  async insertTransferIn(
    tx: Tx,
    p: { memberId: number; planId: string; tier: string; on: CivilDate; ruleVersion: CivilDate },
  ): Promise<number | undefined> {
    const { rows } = await tx.query<{ participation_id: number }>(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
       VALUES ($1, $2, $3, $4, $4, $5, 'active') ON CONFLICT (member_id, plan_id) WHERE status <> 'ended' DO NOTHING RETURNING participation_id`,
      [p.memberId, p.planId, p.tier, p.on, p.ruleVersion],
    );
    return rows[0]?.participation_id;
  },

  async get(q: Queryable, participationId: number): Promise<StoredParticipation | undefined> {
    const { rows } = await q.query<StoredParticipation>(`${SELECT} WHERE p.participation_id = $1`, [
      participationId,
    ]);
    return rows[0];
  },

  async ofMembers(q: Queryable, memberIds: readonly number[]): Promise<StoredParticipation[]> {
    const { rows } = await q.query<StoredParticipation>(
      `${SELECT} WHERE p.member_id = ANY($1) ORDER BY p.participation_id`,
      [memberIds],
    );
    return rows;
  },

  async setShareMode(q: Queryable, participationId: number, mode: ShareMode, limitFen: number | null) {
    await q.query(
      "UPDATE participations SET share_mode = $2, share_limit_fen = $3 WHERE participation_id = $1",
      [participationId, mode, limitFen],
    );
  },

  /** Ends a participation not yet ended; its member and plan, or undefined when it had ended already. */
  async end(
    tx: Tx,
    participationId: number,
    on: CivilDate,
    reason: string,
  ): Promise<{ memberId: number; planId: string; pseudonym: string } | undefined> {
    const { rows } = await tx.query<{ member_id: number; plan_id: string; pseudonym: string }>(
      `UPDATE participations p SET status = 'ended', ended_on = $2, end_reason = $3 FROM members m
       WHERE p.participation_id = $1 AND p.status <> 'ended' AND m.member_id = p.member_id RETURNING p.member_id, p.plan_id, m.pseudonym`,
      [participationId, on, reason],
    );
    const r = rows[0];
    return r && { memberId: r.member_id, planId: r.plan_id, pseudonym: r.pseudonym };
  },

  /** The plans of a member's participations not ended. */
  async openPlanIds(q: Queryable, memberId: number): Promise<string[]> {
    const { rows } = await q.query<{ planId: string }>(
      `SELECT plan_id AS "planId" FROM participations WHERE member_id = $1 AND status <> 'ended'`,
      [memberId],
    );
    return rows.map((r) => r.planId);
  },

  /**
   * The refund's payment request (payments' table, written here because the refund is the exit's own
   * fact, in its transaction); a second exit of the same participation records nothing.
   */
  async insertRefundRequest(
    tx: Tx,
    r: { participationId: number; memberId: number; amountFen: number; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at) VALUES ($1, 'refund', $2, $3, 'pending', $4)
       ON CONFLICT (idem_key) DO NOTHING`,
      [`refund:${r.participationId}`, r.memberId, r.amountFen, r.at],
    );
  },

  /** Active participations of the plan whose balance is under the floor are suspended; how many. */
  async suspendBelowFloor(
    tx: Tx,
    planId: string,
    on: CivilDate,
    floorFen: number,
    at: Date,
  ): Promise<number> {
    const update = `UPDATE participations p SET status = 'suspended', suspended_on = $2
       WHERE p.plan_id = $1 AND p.status = 'active' AND ${HELD} < $3 RETURNING p.participation_id, p.member_id`;
    const r = await tx.query(
      statusChangeSql(
        update,
        "suspension",
        ", 'reason', 'balance_below_floor'",
        "suspended",
        "balance_below_floor",
      ),
      [planId, on, floorFen, at],
    );
    return r.rowCount ?? 0;
  },

  /** Suspended participations still in their grace period and back at the floor resume; how many. */
  async resumeAtFloor(
    tx: Tx,
    planId: string,
    on: CivilDate,
    f: { floorFen: number; graceDays: number; memberId?: number | undefined },
    at: Date,
  ): Promise<number> {
    // memberId: one member's top-up resumes that member only (the whole plan at a settlement).
    const update = `UPDATE participations p SET status = 'active', suspended_on = NULL
         WHERE p.plan_id = $1 AND p.status = 'suspended' AND p.suspended_on + $5::int >= $2 AND ${HELD} >= $3
           AND ($6::bigint IS NULL OR p.member_id = $6)
         RETURNING p.participation_id, p.member_id`;
    const r = await tx.query(statusChangeSql(update, "resumption", "", "resumed", "topped_up"), [
      planId,
      on,
      f.floorFen,
      at,
      f.graceDays,
      f.memberId ?? null,
    ]);
    return r.rowCount ?? 0;
  },

  /** Suspended participations past their grace period end (lapse); how many. */
  async lapsePastGrace(tx: Tx, planId: string, on: CivilDate, graceDays: number, at: Date): Promise<number> {
    const update = `UPDATE participations SET status = 'ended', ended_on = $2, end_reason = 'lapsed'
           WHERE plan_id = $1 AND status = 'suspended' AND suspended_on + $3::int < $2 RETURNING participation_id, member_id`;
    const r = await tx.query(statusChangeSql(update, "lapse", "", "ended", "lapsed"), [
      planId,
      on,
      graceDays,
      at,
    ]);
    return r.rowCount ?? 0;
  },

  /** Open participations of the plan whose member has reached the age (candidates of a transfer). */
  async reachedAge(
    q: Queryable,
    planId: string,
    on: CivilDate,
    age: number,
  ): Promise<Array<{ participationId: number; memberId: number; birthDate: CivilDate; tier: string }>> {
    const { rows } = await q.query<{
      participation_id: number;
      member_id: number;
      birth_date: CivilDate;
      tier: string;
    }>(
      `SELECT p.participation_id, p.member_id, m.birth_date, p.tier FROM participations p JOIN members m USING (member_id)
       WHERE p.plan_id = $1 AND p.status <> 'ended' AND m.birth_date <= ($2::date - make_interval(years => $3))`,
      [planId, on, age],
    );
    return rows.map((r) => ({
      participationId: r.participation_id,
      memberId: r.member_id,
      birthDate: r.birth_date,
      tier: r.tier,
    }));
  },
});
