import type { CivilDate } from "../domain/calendar.ts";
import type { GroupSize, PoolContribution } from "../domain/plan/premium-pool.ts";
import type { Queryable, Tx } from "../store/db.ts";

/** A group's year as its rows say: carried in from last year, premiums in, claims out. */
export type GroupYear = {
  groupNo: number;
  carriedInFen: number;
  premiumsPoolFen: number;
  claimsFromPoolFen: number;
  claims: number;
};

/** The statements of premium pools (issue 17): groups, premiums, pool claims, year ends. */
export const poolsRepository = Object.freeze({
  /** Serialises the plan's group assignments for the rest of the caller's transaction. */
  async lockPlanGroups(tx: Tx, planId: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('pool-groups:' || $1))", [planId]);
  },

  /** Each group of the plan and how many of its members are still in the plan. */
  async groupSizes(q: Queryable, planId: string): Promise<GroupSize[]> {
    const { rows } = await q.query<GroupSize>(
      `SELECT g.group_no AS "groupNo", count(*) FILTER (WHERE p.status <> 'ended')::int AS members
       FROM pool_members g JOIN participations p USING (participation_id)
       WHERE g.plan_id = $1 GROUP BY g.group_no ORDER BY g.group_no`,
      [planId],
    );
    return rows;
  },

  async insertMember(
    tx: Tx,
    m: { participationId: number; planId: string; groupNo: number; joinedOn: CivilDate },
  ): Promise<void> {
    await tx.query(
      "INSERT INTO pool_members (participation_id, plan_id, group_no, joined_on) VALUES ($1, $2, $3, $4)",
      [m.participationId, m.planId, m.groupNo, m.joinedOn],
    );
  },

  async insertPremium(
    tx: Tx,
    p: { participationId: number; year: number; paidOn: CivilDate; premiumFen: number; poolFen: number },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO pool_premiums (participation_id, year, paid_on, premium_fen, pool_fen, insurer_fen)
       VALUES ($1, $2, $3, $4, $5, $4::bigint - $5::bigint)`,
      [p.participationId, p.year, p.paidOn, p.premiumFen, p.poolFen],
    );
  },

  /** The group of a participation, if it is in one. */
  async groupOf(q: Queryable, participationId: number): Promise<number | undefined> {
    const { rows } = await q.query<{ groupNo: number }>(
      'SELECT group_no AS "groupNo" FROM pool_members WHERE participation_id = $1',
      [participationId],
    );
    return rows[0]?.groupNo;
  },

  async insertClaim(
    tx: Tx,
    c: {
      caseId: number;
      planId: string;
      groupNo: number;
      year: number;
      paidOn: CivilDate;
      fromPoolFen: number;
      fromInsurerFen: number;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO pool_claims (case_id, plan_id, group_no, year, paid_on, from_pool_fen, from_insurer_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.caseId, c.planId, c.groupNo, c.year, c.paidOn, c.fromPoolFen, c.fromInsurerFen],
    );
  },

  /** How a case of a premium-pool plan was paid, if it was. */
  async claimOf(q: Queryable, caseId: number) {
    const { rows } = await q.query<{
      groupNo: number;
      paidOn: CivilDate;
      fromPoolFen: number;
      fromInsurerFen: number;
    }>(
      `SELECT group_no AS "groupNo", paid_on::text AS "paidOn", from_pool_fen::int AS "fromPoolFen",
              from_insurer_fen::int AS "fromInsurerFen" FROM pool_claims WHERE case_id = $1`,
      [caseId],
    );
    return rows[0];
  },

  /** The case paid at once from the pool: the claims sweep then marks its claim paid. */
  async markCasePaid(tx: Tx, caseId: number): Promise<void> {
    await tx.query("UPDATE cycle_cases SET paid = true WHERE case_id = $1", [caseId]);
  },

  /** The year of every group of the plan that has not had its year's end, up to `throughYear`. */
  async openYears(q: Queryable, planId: string, throughYear: number): Promise<number[]> {
    const { rows } = await q.query<{ year: number }>(
      `SELECT DISTINCT r.year FROM pool_premiums r JOIN pool_members g USING (participation_id)
       WHERE g.plan_id = $1 AND r.year <= $2
         AND NOT EXISTS (SELECT 1 FROM pool_year_ends e
                         WHERE e.plan_id = g.plan_id AND e.group_no = g.group_no AND e.year = r.year)
       ORDER BY 1`,
      [planId, throughYear],
    );
    return rows.map((r) => r.year);
  },

  /** Every group of the plan in `year` not yet closed, with what went in and out of its pool. */
  async groupYears(q: Queryable, planId: string, year: number): Promise<GroupYear[]> {
    const { rows } = await q.query<GroupYear>(
      `SELECT g.group_no AS "groupNo",
              coalesce((SELECT carried_fen FROM pool_year_ends e
                        WHERE e.plan_id = $1 AND e.group_no = g.group_no AND e.year = $2 - 1), 0)::int AS "carriedInFen",
              coalesce(sum(r.pool_fen), 0)::int AS "premiumsPoolFen",
              coalesce((SELECT sum(from_pool_fen) FROM pool_claims c
                        WHERE c.plan_id = $1 AND c.group_no = g.group_no AND c.year = $2), 0)::int AS "claimsFromPoolFen",
              (SELECT count(*) FROM pool_claims c
                WHERE c.plan_id = $1 AND c.group_no = g.group_no AND c.year = $2)::int AS claims
       FROM pool_members g LEFT JOIN pool_premiums r ON r.participation_id = g.participation_id AND r.year = $2
       WHERE g.plan_id = $1
         AND NOT EXISTS (SELECT 1 FROM pool_year_ends e WHERE e.plan_id = $1 AND e.group_no = g.group_no AND e.year = $2)
       GROUP BY g.group_no ORDER BY g.group_no`,
      [planId, year],
    );
    return rows;
  },

  /** What a group's pool holds now in `year` (carried in, premiums in, claims out). */
  async poolNowFen(q: Queryable, planId: string, groupNo: number, year: number): Promise<number> {
    const all = await poolsRepository.groupYears(q, planId, year);
    const g = all.find((x) => x.groupNo === groupNo);
    return g ? g.carriedInFen + g.premiumsPoolFen - g.claimsFromPoolFen : 0;
  },

  /** Who paid into a group's pool in `year`, keyed by participation id, in participation order. */
  async contributions(
    q: Queryable,
    planId: string,
    groupNo: number,
    year: number,
  ): Promise<Array<PoolContribution & { memberId: number; participationId: number; pseudonym: string }>> {
    const { rows } = await q.query<
      PoolContribution & { memberId: number; participationId: number; pseudonym: string }
    >(
      `SELECT g.participation_id::text AS key, g.participation_id::int AS "participationId",
              p.member_id::int AS "memberId", m.pseudonym, r.pool_fen::int AS "poolFen"
       FROM pool_members g JOIN pool_premiums r USING (participation_id)
       JOIN participations p USING (participation_id) JOIN members m ON m.member_id = p.member_id
       WHERE g.plan_id = $1 AND g.group_no = $2 AND r.year = $3 ORDER BY g.participation_id`,
      [planId, groupNo, year],
    );
    return rows;
  },

  async insertYearEnd(
    tx: Tx,
    e: {
      planId: string;
      groupNo: number;
      year: number;
      closedOn: CivilDate;
      returnedFen: number;
      carriedFen: number;
    },
  ): Promise<boolean> {
    const r = await tx.query(
      `INSERT INTO pool_year_ends (plan_id, group_no, year, closed_on, returned_fen, carried_fen)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [e.planId, e.groupNo, e.year, e.closedOn, e.returnedFen, e.carriedFen],
    );
    return (r.rowCount ?? 0) > 0;
  },

  /**
   * The renewals `year` asks, set-based: each participation of the plan still in it that joined before
   * the year's first day (`renewsIn`) and has paid no premium for the year, due on that day.
   */
  async openRenewals(tx: Tx, planId: string, year: number, dueOn: CivilDate): Promise<number> {
    const r = await tx.query(
      `INSERT INTO pool_renewals (participation_id, year, status, attempt, attempt_on)
       SELECT g.participation_id, $2, 'due', 0, $3 FROM pool_members g JOIN participations p USING (participation_id)
       WHERE g.plan_id = $1 AND p.status <> 'ended' AND g.joined_on < $3
         AND NOT EXISTS (SELECT 1 FROM pool_premiums r WHERE r.participation_id = g.participation_id AND r.year = $2)
       ON CONFLICT DO NOTHING`,
      [planId, year, dueOn],
    );
    return r.rowCount ?? 0;
  },

  /** Whether `year` has renewals to open (as openRenewals would) or to attempt by `today`. */
  async renewalDue(q: Queryable, planId: string, year: number, dueOn: CivilDate, today: CivilDate) {
    const { rows } = await q.query<{ due: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pool_members g JOIN participations p USING (participation_id)
                      WHERE g.plan_id = $1 AND p.status <> 'ended' AND g.joined_on < $3
                        AND NOT EXISTS (SELECT 1 FROM pool_premiums r WHERE r.participation_id = g.participation_id AND r.year = $2)
                        AND NOT EXISTS (SELECT 1 FROM pool_renewals n WHERE n.participation_id = g.participation_id AND n.year = $2))
           OR EXISTS (SELECT 1 FROM pool_renewals n JOIN pool_members g USING (participation_id)
                      WHERE g.plan_id = $1 AND n.year = $2
                        AND (n.status = 'pending' OR (n.status = 'due' AND n.attempt_on <= $4))) AS due`,
      [planId, year, dueOn, today],
    );
    return rows[0]?.due === true;
  },

  /** The first pool year of the plan (its first premium's), if any. */
  async firstYear(q: Queryable, planId: string): Promise<number | undefined> {
    const { rows } = await q.query<{ year: number | null }>(
      `SELECT min(r.year) AS year FROM pool_premiums r JOIN pool_members g USING (participation_id)
       WHERE g.plan_id = $1`,
      [planId],
    );
    return rows[0]?.year ?? undefined;
  },

  /** `year`'s renewals to attempt by `today` (due on or before it) or to ask about (pending). */
  async renewalsToAttempt(q: Queryable, planId: string, year: number, today: CivilDate) {
    const { rows } = await q.query<RenewalRow>(
      `SELECT ${RENEWAL} FROM pool_renewals n JOIN pool_members g USING (participation_id)
       JOIN participations p USING (participation_id)
       WHERE g.plan_id = $1 AND n.year = $2 AND (n.status = 'pending' OR (n.status = 'due' AND n.attempt_on <= $3))
       ORDER BY n.participation_id`,
      [planId, year, today],
    );
    return rows;
  },

  /** One renewal, locked for the caller's transaction. */
  async lockRenewal(tx: Tx, participationId: number, year: number): Promise<RenewalRow | undefined> {
    const { rows } = await tx.query<RenewalRow>(
      `SELECT ${RENEWAL} FROM pool_renewals n JOIN pool_members g USING (participation_id)
       JOIN participations p USING (participation_id)
       WHERE n.participation_id = $1 AND n.year = $2 FOR UPDATE OF n`,
      [participationId, year],
    );
    return rows[0];
  },

  async updateRenewal(
    tx: Tx,
    r: {
      participationId: number;
      year: number;
      status: RenewalRow["status"];
      attempt: number;
      attemptOn: CivilDate;
      failureReason: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE pool_renewals SET status = $3, attempt = $4, attempt_on = $5, failure_reason = $6
       WHERE participation_id = $1 AND year = $2`,
      [r.participationId, r.year, r.status, r.attempt, r.attemptOn, r.failureReason],
    );
  },
});

/** A renewal as the step reads it, with its member and group. */
export type RenewalRow = {
  participationId: number;
  memberId: number;
  groupNo: number;
  year: number;
  status: "due" | "pending" | "paid" | "unpaid";
  attempt: number;
  attemptOn: CivilDate;
};

const RENEWAL = `n.participation_id::int AS "participationId", p.member_id::int AS "memberId", g.group_no AS "groupNo",
  n.year, n.status, n.attempt, n.attempt_on::text AS "attemptOn"`;
