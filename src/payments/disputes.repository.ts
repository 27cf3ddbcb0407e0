import type { CivilDate } from "../domain/calendar.ts";
import { SHARE_STATUS_SQL as S } from "../domain/cycle/share-status.ts";
import type { Queryable, Tx } from "../store/db.ts";

export type DisputeRow = {
  disputeId: number;
  memberId: number;
  pseudonym: string;
  cycleId: number;
  planId: string;
  announcedOn: CivilDate;
  amountFen: number;
  reason: string;
  status: "open" | "refunded" | "rejected";
  openedAt: Date;
  decidedAt: Date | null;
};

const SELECT = `SELECT d.dispute_id AS "disputeId", d.member_id AS "memberId", m.pseudonym, d.cycle_id AS "cycleId",
  c.plan_id AS "planId", c.announced_on::text AS "announcedOn", d.amount_fen AS "amountFen", d.reason, d.status,
  d.opened_at AS "openedAt", d.decided_at AS "decidedAt"
  FROM deduction_disputes d JOIN members m USING (member_id) JOIN cycles c ON c.cycle_id = d.cycle_id`;

/** Table deduction_disputes: a member's dispute of one collected share, and its decision. */
export const disputeRepository = Object.freeze({
  /** The member's collected share of a cycle (what a dispute is about), if there is one. */
  async collectedShare(q: Queryable, cycleId: number, memberId: number): Promise<number | undefined> {
    const { rows } = await q.query<{ shareFen: number }>(
      `SELECT share_fen AS "shareFen" FROM cycle_shares
       WHERE cycle_id = $1 AND member_id = $2 AND status = ${S.collected} AND share_fen > 0`,
      [cycleId, memberId],
    );
    return rows[0]?.shareFen;
  },

  /** The new dispute's id, or undefined when the member already disputes this cycle's share. */
  async insert(
    q: Queryable,
    d: { memberId: number; cycleId: number; amountFen: number; reason: string; at: Date },
  ): Promise<number | undefined> {
    const { rows } = await q.query<{ disputeId: number }>(
      `INSERT INTO deduction_disputes (member_id, cycle_id, amount_fen, reason, status, opened_at)
       VALUES ($1, $2, $3, $4, 'open', $5) ON CONFLICT (member_id, cycle_id) DO NOTHING RETURNING dispute_id AS "disputeId"`,
      [d.memberId, d.cycleId, d.amountFen, d.reason, d.at],
    );
    return rows[0]?.disputeId;
  },

  async byId(q: Queryable, disputeId: number): Promise<DisputeRow | undefined> {
    const { rows } = await q.query<DisputeRow>(`${SELECT} WHERE d.dispute_id = $1`, [disputeId]);
    return rows[0];
  },

  async lock(tx: Tx, disputeId: number): Promise<DisputeRow | undefined> {
    const { rows } = await tx.query<DisputeRow>(`${SELECT} WHERE d.dispute_id = $1 FOR UPDATE OF d`, [
      disputeId,
    ]);
    return rows[0];
  },

  async decide(tx: Tx, disputeId: number, d: { status: string; at: Date; staffId: number }): Promise<void> {
    await tx.query(
      "UPDATE deduction_disputes SET status = $2, decided_at = $3, decided_by = $4 WHERE dispute_id = $1",
      [disputeId, d.status, d.at, d.staffId],
    );
  },

  async ofMember(q: Queryable, memberId: number, limit: number): Promise<DisputeRow[]> {
    const { rows } = await q.query<DisputeRow>(
      `${SELECT} WHERE d.member_id = $1 ORDER BY d.dispute_id DESC LIMIT $2`,
      [memberId, limit],
    );
    return rows;
  },

  async open(q: Queryable, limit: number): Promise<DisputeRow[]> {
    const { rows } = await q.query<DisputeRow>(
      `${SELECT} WHERE d.status = 'open' ORDER BY d.dispute_id LIMIT $1`,
      [limit],
    );
    return rows;
  },
});
