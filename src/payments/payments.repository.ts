import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export type PaymentStatus = "pending" | "succeeded" | "failed";

export type PaymentRequest = {
  requestId: number;
  kind: string;
  memberId: number;
  amountFen: number;
  status: PaymentStatus;
  failureReason: string | null;
  /** The prepaid plan a first deposit is for (a top-up before the join). */
  planId: string | null;
};

// camelCase aliases: the rows are PaymentRequest as they come.
const COLUMNS = `request_id AS "requestId", kind, member_id AS "memberId", amount_fen AS "amountFen", status,
  failure_reason AS "failureReason", plan_id AS "planId"`;

/** Tables payment_requests and webhook_events. */
export const paymentRepository = Object.freeze({
  /**
   * A top-up recorded under its key; a new one is marked sent as it is recorded (one commit fewer: it
   * is sent next). `created` false: the key was there already (a replay), the request as it stands.
   */
  async recordTopUp(
    q: Queryable,
    r: { key: string; memberId: number; amountFen: number; at: Date; planId?: string | undefined },
  ): Promise<{ created: boolean; request: PaymentRequest }> {
    const inserted = await q.query<PaymentRequest>(
      `INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at, sent_at, plan_id)
       VALUES ($1, 'topup', $2, $3, 'pending', $4, $4, $5)
       ON CONFLICT (idem_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [r.key, r.memberId, r.amountFen, r.at, r.planId ?? null],
    );
    const request = inserted.rows[0];
    if (request) return { created: true, request };
    return { created: false, request: await paymentRepository.byKey(q, r.key) };
  },

  /** The request under a key that must exist. */
  async byKey(q: Queryable, key: string): Promise<PaymentRequest> {
    const result = await q.query<PaymentRequest>(
      `SELECT ${COLUMNS} FROM payment_requests WHERE idem_key = $1`,
      [key],
    );
    return oneRow(result, `payment request ${key}`);
  },

  /** The request under a key, if there is one. */
  async findByKey(q: Queryable, key: string): Promise<PaymentRequest | undefined> {
    const { rows } = await q.query<PaymentRequest>(
      `SELECT ${COLUMNS} FROM payment_requests WHERE idem_key = $1`,
      [key],
    );
    return rows[0];
  },

  async lockByKey(tx: Tx, key: string): Promise<PaymentRequest | undefined> {
    const { rows } = await tx.query<PaymentRequest>(
      `SELECT ${COLUMNS} FROM payment_requests WHERE idem_key = $1 FOR UPDATE`,
      [key],
    );
    return rows[0];
  },

  async settle(
    tx: Tx,
    requestId: number,
    s: { status: "succeeded" | "failed"; providerRef: string | null; failureReason: string | null; at: Date },
  ): Promise<void> {
    await tx.query(
      "UPDATE payment_requests SET status = $2, provider_ref = $3, failure_reason = $4, settled_at = $5 WHERE request_id = $1",
      [requestId, s.status, s.providerRef, s.failureReason, s.at],
    );
  },

  /** Records a webhook event once; false when it was already recorded (a redelivery). */
  async recordWebhookEvent(tx: Tx, e: { eventId: string; at: Date; payload: string }): Promise<boolean> {
    const ins = await tx.query(
      "INSERT INTO webhook_events (event_id, received_at, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [e.eventId, e.at, e.payload],
    );
    return ins.rowCount !== 0;
  },

  /** A withdrawal's payment request to the member's account, once per key; false when the key was known. */
  async recordWithdrawal(
    tx: Tx,
    r: { key: string; memberId: number; amountFen: number; at: Date },
  ): Promise<boolean> {
    const ins = await tx.query(
      `INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at) VALUES ($1, 'refund', $2, $3, 'pending', $4)
       ON CONFLICT (idem_key) DO NOTHING`,
      [r.key, r.memberId, r.amountFen, r.at],
    );
    return ins.rowCount !== 0;
  },

  /** Serialises a member's withdrawals (a second one sees the first's ledger). */
  async lockMemberMoney(tx: Tx, memberId: number): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`member-money:${memberId}`]);
  },

  /**
   * Marks a request sent now, if it is still pending: false when it was settled meanwhile (the
   * reconciliation gave it up), and then it must not be sent.
   */
  async markSent(q: Queryable, key: string, at: Date): Promise<boolean> {
    const r = await q.query(
      "UPDATE payment_requests SET sent_at = $2 WHERE idem_key = $1 AND status = 'pending'",
      [key, at],
    );
    return r.rowCount !== 0;
  },

  /**
   * Requests without a final answer whose last send (or recording) is older than `before`, oldest
   * first, at most `limit`: every top-up, and any other kind once it was sent (refunds are recorded but
   * not yet sent by anything: the provider knows nothing of them to be asked).
   */
  async stalePending(
    q: Queryable,
    before: Date,
    limit: number,
  ): Promise<Array<{ key: string; kind: string }>> {
    const { rows } = await q.query<{ key: string; kind: string }>(
      `SELECT idem_key AS key, kind FROM payment_requests
       WHERE status = 'pending' AND (kind = 'topup' OR sent_at IS NOT NULL)
         AND greatest(created_at, sent_at) < $1
       ORDER BY greatest(created_at, sent_at), request_id LIMIT $2`,
      [before, limit],
    );
    return rows;
  },

  /**
   * Locks a pending request that nothing has sent since `before` (the reconciliation's re-check before
   * it gives a key up: a member's retry marks its send first, so one in flight is never overtaken).
   */
  async lockQuietSince(tx: Tx, key: string, before: Date): Promise<boolean> {
    const { rows } = await tx.query(
      `SELECT 1 FROM payment_requests WHERE idem_key = $1 AND status = 'pending'
         AND greatest(created_at, sent_at) < $2 FOR UPDATE`,
      [key, before],
    );
    return rows.length > 0;
  },

  /**
   * The paid cases of these members (a member and their dependants) with their cycle and claim (none for
   * a case entered as a record): the money view's payouts received.
   */
  async paidCasesOf(q: Queryable, memberIds: readonly number[]) {
    const { rows } = await q.query<{
      claimId: number | null;
      caseId: number;
      memberId: number;
      planId: string;
      cycleId: number;
      announcedOn: string;
      paidOn: string;
    }>(
      `SELECT cl.claim_id::int AS "claimId", k.case_id::int AS "caseId", k.member_id::int AS "memberId",
              k.plan_id AS "planId", k.cycle_id::int AS "cycleId", y.announced_on::text AS "announcedOn",
              y.collect_on::text AS "paidOn"
       FROM cycle_cases k JOIN cycles y USING (cycle_id) LEFT JOIN claims cl ON cl.case_id = k.case_id
       WHERE k.paid AND k.member_id = ANY($1) ORDER BY y.collect_on, k.case_id`,
      [memberIds],
    );
    return rows;
  },

  /** A member's shares of every cycle, newest first, at most `limit`: a dependant's charges. */
  async chargesOf(q: Queryable, memberId: number, limit: number) {
    const { rows } = await q.query<{
      cycleId: number;
      planId: string;
      announcedOn: string;
      collectOn: string;
      shareFen: number;
      status: string;
    }>(
      `SELECT c.cycle_id::int AS "cycleId", c.plan_id AS "planId", c.announced_on::text AS "announcedOn",
              c.collect_on::text AS "collectOn", s.share_fen::float8 AS "shareFen", s.status
       FROM cycle_shares s JOIN cycles c USING (cycle_id)
       WHERE s.member_id = $1 AND s.share_fen > 0 ORDER BY c.announced_on DESC, c.cycle_id DESC LIMIT $2`,
      [memberId, limit],
    );
    return rows;
  },
});
