import type { CivilDate } from "../domain/calendar.ts";
import { SHARE_STATUS_SQL as S, UNCONSENTED_ATTEMPT } from "../domain/cycle/share-status.ts";
import { accounts } from "../domain/ledger.ts";
import type { Rules } from "../domain/plan/schema.ts";
import type { Queryable, Tx } from "../store/db.ts";
import {
  ensureAccountsFrom,
  type LedgerTransaction,
  postTransactionSet,
} from "../store/ledger.repository.ts";
import { memberAccountSql } from "../store/ledger-sql.ts";
import { oneRow } from "../store/rows.ts";
import { sharingSql } from "./cycle.repository.ts";

export type ShareAmount = { memberId: number; shareFen: number };

/** A share's member account: the receivable of an unpaid share (advanced), else the prepaid balance. */
const shareAccountSql = `CASE WHEN unpaid THEN ${memberAccountSql("member_id", "advance")} ELSE ${memberAccountSql("member_id", "balance")} END`;

/**
 * The members' shares of each cycle (`cycle_shares`): set-based statements over a cycle's members; the
 * few per-member ones touch only unpaid shares, found by the partial index.
 */
export const shareRepository = Object.freeze({
  /** The sharing members, frozen once into a temporary table for the announcement's grouping and insert. */
  async freezeSharing(
    tx: Tx,
    rules: Rules,
    withYtd: boolean,
    params: {
      planId: string;
      announcedOn: CivilDate;
      previousOfYear: number | null;
      earlierOfYear: number[];
      /** Plans with periodic fees: the plan's previous cycle (any year), or null. */
      feesAfter?: { cycleId: number; announcedOn: CivilDate } | null | undefined;
    },
  ): Promise<void> {
    const withFees = params.feesAfter !== undefined;
    await tx.query(`CREATE TEMP TABLE sharing ON COMMIT DROP AS ${sharingSql(rules, withYtd, withFees)}`, [
      params.planId,
      params.announcedOn,
      ...(withYtd ? [params.previousOfYear, params.earlierOfYear] : []),
      ...(withFees ? [params.feesAfter?.cycleId ?? null, params.feesAfter?.announcedOn ?? null] : []),
    ]);
  },

  async sharingGroups(tx: Tx) {
    const r = await tx.query<{
      weightUnits: number;
      ytdFen: number;
      feeFrom: CivilDate | null;
      members: number;
    }>(
      `SELECT weight_units AS "weightUnits", ytd_fen AS "ytdFen", fee_from::text AS "feeFrom", count(*)::int AS members
       FROM sharing GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    return r.rows;
  },

  /** Every sharing member's share by one INSERT … SELECT, from the priced groups. */
  async writeShares(
    tx: Tx,
    cycleId: number,
    groups: ReadonlyArray<{
      weightUnits: number;
      ytdFen: number;
      feeFrom: CivilDate | null;
      shareFen: number;
      weight: string;
    }>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO cycle_shares (cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status, participation_id, weight_units)
       SELECT $1, s.member_id, s.pseudonym, g.weight, g.share_fen, s.ytd_fen,
              CASE WHEN g.share_fen > 0 AND (s.share_mode = 'confirm' OR (s.share_mode = 'auto_limit' AND g.share_fen > s.share_limit_fen))
                   THEN ${S.unconfirmed} ELSE ${S.due} END,
              s.participation_id, s.weight_units
       FROM sharing s
       JOIN unnest($2::int[], $3::bigint[], $4::bigint[], $5::text[], $6::date[]) AS g(weight_units, ytd_fen, share_fen, weight, fee_from)
         ON g.weight_units = s.weight_units AND g.ytd_fen = s.ytd_fen AND g.fee_from IS NOT DISTINCT FROM s.fee_from`,
      [
        cycleId,
        groups.map((g) => g.weightUnits),
        groups.map((g) => g.ytdFen),
        groups.map((g) => g.shareFen),
        groups.map((g) => g.weight),
        groups.map((g) => g.feeFrom),
      ],
    );
    // Fresh statistics (a sample, bounded time): without them the collection's per-batch updates are
    // planned for an empty table and scan all of it, seconds a batch at a million shares.
    await tx.query("ANALYZE cycle_shares");
  },

  /**
   * The collection's ledger transaction, set-based: post-paid, a posting per unpaid share (the member's
   * advance, found by the partial index); prepaid, also one per collected share (the deduction from the
   * member's balance); then the provider's clearing and the pool.
   */
  async postCollection(
    tx: Tx,
    c: {
      cycleId: number;
      idemKey: string;
      planId: string;
      prepaid: boolean;
      /** The operator advances failed shares (a member advance each); otherwise they post nothing. */
      advances: boolean;
      clearingFen: number;
      poolFen: number;
      at: Date;
    },
  ): Promise<LedgerTransaction> {
    const unpaid = c.advances ? "unpaid" : "false";
    const shares = c.prepaid ? `share_fen > 0 AND (NOT unpaid OR ${unpaid})` : `${unpaid} AND share_fen > 0`;
    const txn = await postTransactionSet(
      tx,
      {
        idemKey: c.idemKey,
        kind: "cycle_collection",
        planId: c.planId,
        memo: `cycle ${c.cycleId}`,
        at: c.at,
      },
      `SELECT ${shareAccountSql}, share_fen FROM cycle_shares WHERE cycle_id = $2 AND ${shares}
       UNION ALL SELECT $3::text, $4::bigint WHERE $4::bigint > 0
       UNION ALL SELECT $5::text, $6::bigint`,
      [c.cycleId, accounts.providerClearing(), c.clearingFen, accounts.pool(c.planId), c.poolFen],
      // The members' accounts first (set-based), as the postings name them.
      (q) =>
        ensureAccountsFrom(
          q,
          `SELECT DISTINCT ${shareAccountSql},
                  CASE WHEN unpaid THEN 'member:advance' ELSE 'member:balance' END, member_id
           FROM cycle_shares WHERE cycle_id = $1 AND ${shares}`,
          [c.cycleId],
        ),
    );
    return txn;
  },

  /** Shares still unconfirmed at collection settled as the policy says; no retry debits them. */
  async settleUnconfirmed(q: Queryable, cycleId: number, to: string): Promise<void> {
    await q.query(
      `UPDATE cycle_shares SET status = $2, attempt = ${UNCONSENTED_ATTEMPT} WHERE cycle_id = $1 AND status = ${S.unconfirmed}`,
      [cycleId, to],
    );
  },

  /** A prepaid cycle's due shares: collected where the member's balance covers them, else failed. */
  async collectFromBalances(tx: Tx, cycleId: number): Promise<void> {
    await tx.query(
      `UPDATE cycle_shares s SET status = CASE
         WHEN -coalesce((SELECT b.balance_fen FROM account_balances b WHERE b.account_id = ${memberAccountSql("s.member_id", "balance")}), 0) >= s.share_fen
         THEN ${S.collected} ELSE ${S.failed} END
       WHERE s.cycle_id = $1 AND s.status = ${S.due} AND s.share_fen > 0`,
      [cycleId],
    );
  },

  async dueBatch(q: Queryable, cycleId: number, after: number, size: number): Promise<ShareAmount[]> {
    const r = await q.query<ShareAmount>(
      `SELECT member_id AS "memberId", share_fen AS "shareFen" FROM cycle_shares
       WHERE cycle_id = $1 AND member_id > $2 AND status = ${S.due} AND share_fen > 0 ORDER BY member_id LIMIT $3`,
      [cycleId, after, size],
    );
    return r.rows;
  },

  /** The answers of a batch that are not a success; an answer that came first is kept. */
  async recordAnswers(
    tx: Tx,
    cycleId: number,
    memberIds: number[],
    statuses: string[],
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE cycle_shares s SET status = u.status,
         pending_since = CASE WHEN u.status = ${S.pending} THEN $4::timestamptz END
       FROM unnest($2::bigint[], $3::text[]) AS u(member_id, status)
       WHERE s.cycle_id = $1 AND s.member_id = u.member_id AND s.status = ${S.due}`,
      [cycleId, memberIds, statuses, at],
    );
  },

  async memberRange(q: Queryable, cycleId: number): Promise<{ lo: number | null; hi: number | null }> {
    const r = await q.query<{ lo: number | null; hi: number | null }>(
      "SELECT min(member_id) AS lo, max(member_id) AS hi FROM cycle_shares WHERE cycle_id = $1",
      [cycleId],
    );
    return oneRow(r, `the member range of cycle ${cycleId}`);
  },

  /** Due shares in (lo, hi] collected: a share of 0 always, others answered a success (up to the cursor). */
  async collectSlice(q: Queryable, cycleId: number, lo: number, hi: number, cursor: number): Promise<void> {
    await q.query(
      `UPDATE cycle_shares SET status = ${S.collected}
       WHERE cycle_id = $1 AND member_id > $2 AND member_id <= $3 AND status = ${S.due} AND (share_fen = 0 OR member_id <= $4)`,
      [cycleId, lo, hi, cursor],
    );
  },

  async collectZeroShares(q: Queryable, cycleId: number): Promise<void> {
    await q.query(
      `UPDATE cycle_shares SET status = ${S.collected} WHERE cycle_id = $1 AND status = ${S.due} AND share_fen = 0`,
      [cycleId],
    );
  },

  /** The cycle's published total, and of it the unpaid and the pending (only unpaid shares are read). */
  async settlementTotals(tx: Tx, cycleId: number) {
    const t = await tx.query<{ total: number; failed: number; pending: number }>(
      `SELECT (SELECT share_total_fen FROM cycles WHERE cycle_id = $1) AS total,
              coalesce(sum(share_fen), 0)::bigint AS failed,
              coalesce(sum(share_fen) FILTER (WHERE status = ${S.pending}), 0)::bigint AS pending
       FROM cycle_shares WHERE cycle_id = $1 AND unpaid`,
      [cycleId],
    );
    return oneRow(t, `the totals of cycle ${cycleId}`);
  },

  async confirmShare(q: Queryable, cycleId: number, memberId: number) {
    const { rows } = await q.query<{ status: string; shareFen: number }>(
      `UPDATE cycle_shares s SET status = CASE WHEN s.status = ${S.unconfirmed} THEN ${S.due} ELSE s.status END
       FROM cycles c WHERE s.cycle_id = $1 AND s.member_id = $2 AND c.cycle_id = s.cycle_id RETURNING s.status, s.share_fen AS "shareFen"`,
      [cycleId, memberId],
    );
    return rows[0];
  },

  /**
   * A member who was asked (confirm mode, or a share over their limit) declines before the collection:
   * the share is unconfirmed again, and the collection settles it as the plan's rule says.
   */
  async declineShare(tx: Tx, cycleId: number, memberId: number) {
    const { rows } = await tx.query<{ status: string; shareFen: number; asked: boolean }>(
      `UPDATE cycle_shares s SET status = CASE WHEN p.asked AND s.status IN (${S.due}, ${S.unconfirmed}) THEN ${S.unconfirmed} ELSE s.status END
       FROM (SELECT bool_or(s2.share_fen > 0 AND (p.share_mode = 'confirm' OR (p.share_mode = 'auto_limit' AND s2.share_fen > p.share_limit_fen))) AS asked
             FROM cycle_shares s2 JOIN cycles c ON c.cycle_id = s2.cycle_id
             JOIN participations p ON p.member_id = s2.member_id AND p.plan_id = c.plan_id
             WHERE s2.cycle_id = $1 AND s2.member_id = $2) p
       WHERE s.cycle_id = $1 AND s.member_id = $2
       RETURNING s.status, s.share_fen AS "shareFen", coalesce(p.asked, false) AS asked`,
      [cycleId, memberId],
    );
    return rows[0];
  },

  /** Participations of members with at least `exitAfter` failed shares in the plan (optionally only some). */
  async defaulters(
    tx: Tx,
    planId: string,
    exitAfter: number,
    memberIds: readonly number[] | null,
  ): Promise<number[]> {
    const r = await tx.query<{ participation_id: number }>(
      `SELECT p.participation_id FROM participations p
       JOIN (SELECT s.member_id FROM cycle_shares s JOIN cycles c USING (cycle_id)
             WHERE s.unpaid AND s.status = ${S.failed} AND c.plan_id = $1 AND ($3::bigint[] IS NULL OR s.member_id = ANY($3))
             GROUP BY s.member_id HAVING count(*) >= $2) d USING (member_id)
       WHERE p.plan_id = $1 AND p.status <> 'ended'
       ORDER BY p.participation_id`,
      [planId, exitAfter, memberIds],
    );
    return r.rows.map((p) => p.participation_id);
  },

  /** Earlier advanced shares of members whose share of `cycleId` was collected (retries over, not written off). */
  async recoverableAfter(
    q: Queryable,
    c: { planId: string; announcedOn: CivilDate; cycleId: number; retryAttempts: number },
  ) {
    const r = await q.query<{ cycleId: number; announcedOn: CivilDate; memberId: number; shareFen: number }>(
      `SELECT s.cycle_id AS "cycleId", c.announced_on::text AS "announcedOn", s.member_id AS "memberId", s.share_fen AS "shareFen"
       FROM cycle_shares s JOIN cycles c USING (cycle_id)
       JOIN cycle_shares now ON now.cycle_id = $3 AND now.member_id = s.member_id AND now.status = ${S.collected}
       WHERE s.unpaid AND s.status = ${S.failed} AND s.share_fen > 0 AND c.plan_id = $1 AND c.announced_on < $2 AND c.status = 'disclosed'
         AND coalesce(c.retries_done, 0) >= $4 AND c.written_off_fen IS NULL
       ORDER BY c.announced_on, s.member_id`,
      [c.planId, c.announcedOn, c.cycleId, c.retryAttempts],
    );
    return r.rows;
  },

  /** Failed shares of some members moved to collected (a recovery); what moved is returned. */
  async recoverFailed(tx: Tx, cycleId: number, memberIds: readonly number[]): Promise<ShareAmount[]> {
    const r = await tx.query<ShareAmount>(
      `UPDATE cycle_shares SET status = ${S.collected} WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = ${S.failed}
       RETURNING member_id AS "memberId", share_fen AS "shareFen"`,
      [cycleId, memberIds],
    );
    return r.rows;
  },

  /** What cycles not yet disclosed have claimed of a member's balance. */
  async claimedByOpenCycles(tx: Tx, memberId: number): Promise<number> {
    const r = await tx.query<{ fen: number }>(
      `SELECT coalesce(sum(s.share_fen), 0)::bigint AS fen
       FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
       WHERE c.status <> 'disclosed' AND s.status IN (${S.due}, ${S.unconfirmed}, ${S.collected})`,
      [memberId],
    );
    return Number(oneRow(r, "the claimed sum").fen);
  },

  /** A member's advanced shares of disclosed cycles not written off, oldest first. */
  async advancedSharesOf(tx: Tx, memberId: number) {
    const r = await tx.query<{
      cycleId: number;
      planId: string;
      announcedOn: CivilDate;
      shareFen: number;
      retriesDone: number;
      collectOn: CivilDate;
      unconsented: boolean;
    }>(
      `SELECT c.cycle_id AS "cycleId", c.plan_id AS "planId", c.announced_on::text AS "announcedOn", s.share_fen AS "shareFen",
              coalesce(c.retries_done, 0) AS "retriesDone", c.collect_on::text AS "collectOn",
              s.attempt = ${UNCONSENTED_ATTEMPT} AS unconsented
       FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
       WHERE s.unpaid AND s.status = ${S.failed} AND s.share_fen > 0 AND c.status = 'disclosed'
         AND c.written_off_fen IS NULL
       ORDER BY c.announced_on, c.cycle_id`,
      [memberId],
    );
    return r.rows;
  },

  /** A member's shares of cycles not yet collected that wait for the member's confirmation. */
  async unconfirmedSharesOf(tx: Tx, memberId: number) {
    const r = await tx.query<{
      cycleId: number;
      planId: string;
      announcedOn: CivilDate;
      shareFen: number;
      collectOn: CivilDate;
    }>(
      `SELECT c.cycle_id AS "cycleId", c.plan_id AS "planId", c.announced_on::text AS "announcedOn", s.share_fen AS "shareFen",
              c.collect_on::text AS "collectOn"
       FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
       WHERE s.status = ${S.unconfirmed} AND c.status <> 'disclosed'
       ORDER BY c.announced_on, c.cycle_id`,
      [memberId],
    );
    return r.rows;
  },

  /** The attempt written on the failed shares before the provider is asked. */
  async markAttempt(q: Queryable, cycleId: number, attempt: number): Promise<void> {
    await q.query(
      `UPDATE cycle_shares SET attempt = $2 WHERE cycle_id = $1 AND unpaid AND status = ${S.failed} AND attempt < $2`,
      [cycleId, attempt],
    );
  },

  async failedAtAttempt(q: Queryable, cycleId: number, attempt: number): Promise<ShareAmount[]> {
    const r = await q.query<ShareAmount>(
      `SELECT member_id AS "memberId", share_fen AS "shareFen" FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND status = ${S.failed} AND attempt = $2 ORDER BY member_id`,
      [cycleId, attempt],
    );
    return r.rows;
  },

  /** Shares still failed at this attempt moved to `to`; an answer that came by webhook first stands. */
  async moveFailedAtAttempt(
    tx: Tx,
    cycleId: number,
    memberIds: number[],
    attempt: number,
    to: string,
    at: Date,
  ): Promise<ShareAmount[]> {
    const r = await tx.query<ShareAmount>(
      `UPDATE cycle_shares SET status = $4, pending_since = CASE WHEN $4 = ${S.pending} THEN $5::timestamptz ELSE pending_since END
       WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = ${S.failed} AND attempt = $3
       RETURNING member_id AS "memberId", share_fen AS "shareFen"`,
      [cycleId, memberIds, attempt, to, at],
    );
    return r.rows;
  },

  /**
   * Debits answered pending (the collection's or a retry's) since before `before`, oldest first, at
   * most `limit`: only cycles with money pending, and there only unpaid shares (the partial index). A
   * share pending from before migration 173 counts from its collection day.
   */
  async stalePendingDebits(q: Queryable, before: Date, limit: number) {
    const since = "coalesce(s.pending_since, c.collect_on::timestamp AT TIME ZONE 'Asia/Shanghai')";
    const r = await q.query<{ planId: string; announcedOn: CivilDate; memberId: number; attempt: number }>(
      `SELECT c.plan_id AS "planId", c.announced_on::text AS "announcedOn", s.member_id::int AS "memberId", s.attempt
       FROM cycles c JOIN cycle_shares s USING (cycle_id)
       WHERE c.pending_fen > 0 AND s.unpaid AND s.status = ${S.pending} AND ${since} < $1
       ORDER BY ${since}, s.cycle_id, s.member_id LIMIT $2`,
      [before, limit],
    );
    return r.rows;
  },

  async lockShareAtAttempt(tx: Tx, cycleId: number, memberId: number, attempt: number) {
    const r = await tx.query<{ status: string; shareFen: number }>(
      `SELECT status, share_fen AS "shareFen" FROM cycle_shares WHERE cycle_id = $1 AND member_id = $2 AND attempt = $3 FOR UPDATE`,
      [cycleId, memberId, attempt],
    );
    return r.rows[0];
  },

  async setShareStatus(tx: Tx, cycleId: number, memberId: number, to: string): Promise<void> {
    await tx.query("UPDATE cycle_shares SET status = $3 WHERE cycle_id = $1 AND member_id = $2", [
      cycleId,
      memberId,
      to,
    ]);
  },

  async unpaidShares(tx: Tx, cycleId: number): Promise<ShareAmount[]> {
    const r = await tx.query<ShareAmount>(
      `SELECT member_id AS "memberId", share_fen AS "shareFen" FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND share_fen > 0 ORDER BY member_id`,
      [cycleId],
    );
    return r.rows;
  },
});
