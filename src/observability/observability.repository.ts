import type { Queryable } from "../store/db.ts";

/**
 * What /metrics and /readyz read from the database at each scrape. Lags are real time (the database's
 * clock_timestamp()): they measure our processing, not the plan's calendar; deadlines are civil dates
 * compared with the application's day, passed in.
 */

async function ping(q: Queryable): Promise<void> {
  await q.query("SELECT 1");
}

async function appliedMigrations(q: Queryable): Promise<number[]> {
  const { rows } = await q.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  return rows.map((r) => r.version);
}

/** The log's size and its sequencer's backlog: outbox rows not yet sequenced, and the oldest one's age. */
async function logState(q: Queryable) {
  const { rows } = await q.query<{ size: string; pending: number; oldestPendingSeconds: number }>(
    `SELECT (SELECT size FROM log_state WHERE id = 1)::text AS size,
       (SELECT count(*) FROM log_outbox)::int AS pending,
       coalesce((SELECT extract(epoch FROM clock_timestamp() - min(created_at)) FROM log_outbox), 0)::float8
         AS "oldestPendingSeconds"`,
  );
  const r = rows[0]!;
  return { size: Number(r.size), pending: r.pending, oldestPendingSeconds: r.oldestPendingSeconds };
}

/** Open claims past one of their deadlines on `today`: review (the operator's), documents, appeal. */
async function claimsPastDeadline(q: Queryable, today: string) {
  const { rows } = await q.query<{ review: number; documents: number; appeal: number }>(
    `SELECT
       count(*) FILTER (WHERE state IN ('review', 'investigation') AND review_due_on < $1::date)::int AS review,
       count(*) FILTER (WHERE state IN ('reported', 'documents') AND documents_due_on < $1::date)::int AS documents,
       count(*) FILTER (WHERE state = 'appeal' AND appeal_due_on < $1::date)::int AS appeal
     FROM claims WHERE state NOT IN ('paid', 'rejected', 'withdrawn', 'lapsed')`,
    [today],
  );
  return rows[0]!;
}

/** Payment requests by kind and status; pending ones are the provider's unknown answers until settled. */
async function paymentCounts(q: Queryable) {
  const { rows } = await q.query<{ kind: string; status: string; n: number }>(
    "SELECT kind, status, count(*)::int AS n FROM payment_requests GROUP BY kind, status",
  );
  return rows;
}

/** Cycles' debits per plan: failed and still unknown (pending) amounts, from the outcome columns. */
async function cycleDebitOutcomes(q: Queryable) {
  const { rows } = await q.query<{ planId: string; failedFen: string; pendingFen: string }>(
    `SELECT plan_id AS "planId", coalesce(sum(failed_fen), 0)::text AS "failedFen",
       coalesce(sum(pending_fen), 0)::text AS "pendingFen"
     FROM cycles GROUP BY plan_id`,
  );
  return rows.map((r) => ({
    planId: r.planId,
    failedFen: Number(r.failedFen),
    pendingFen: Number(r.pendingFen),
  }));
}

/**
 * The age at `now` of the oldest payment without a final answer, by kind: requests the provider was
 * sent (every top-up; refunds are not yet sent by anything), cycles' debits answered pending, and keys
 * in doubt. The reconciliation asks about each after limits.paymentReconcileAfterSeconds.
 */
async function oldestPendingPayments(q: Queryable, now: Date) {
  const { rows } = await q.query<{ kind: string; seconds: number }>(
    `SELECT kind, greatest(0, extract(epoch FROM $1::timestamptz - min(since)))::float8 AS seconds FROM (
       SELECT kind, greatest(created_at, sent_at) AS since FROM payment_requests
         WHERE status = 'pending' AND (kind = 'topup' OR sent_at IS NOT NULL)
       UNION ALL
       SELECT 'debit', coalesce(s.pending_since, c.collect_on::timestamp AT TIME ZONE 'Asia/Shanghai')
         FROM cycles c JOIN cycle_shares s USING (cycle_id)
         WHERE c.pending_fen > 0 AND s.unpaid AND s.status = 'pending'
       UNION ALL
       SELECT kind, since FROM payment_in_doubt
     ) p GROUP BY kind`,
    [now],
  );
  return rows;
}

export const observabilityRepository = Object.freeze({
  ping,
  appliedMigrations,
  logState,
  claimsPastDeadline,
  paymentCounts,
  cycleDebitOutcomes,
  oldestPendingPayments,
});
