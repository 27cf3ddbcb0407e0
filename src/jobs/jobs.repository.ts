import type { Queryable } from "../store/db.ts";
import { JOB_SCHEMA } from "./boss.ts";
import { QUEUES } from "./queues.ts";

/**
 * Reading pg-boss's job table for operators: pg-boss 10 has no call that lists failed or late jobs.
 * Only our queues are read; the retry is pg-boss's own `retryJobs` statement (plans.js), so a retried
 * job runs as pg-boss would run it. Times are the database's, as pg-boss's own timing is (boss.ts).
 */
const OUR_QUEUES = Object.values(QUEUES);

export type JobRow = {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  createdOn: Date;
  lateSeconds: number;
  output: unknown;
};

const COLUMNS = `id::text AS id, name AS queue, state, retry_count AS "retryCount", retry_limit AS "retryLimit",
  start_after AS "startAfter", started_on AS "startedOn", completed_on AS "completedOn", created_on AS "createdOn",
  greatest(0, extract(epoch FROM clock_timestamp() - start_after))::float8 AS "lateSeconds", output`;

/** Whether pg-boss has installed its tables (a data dir no worker ever ran on has none: no jobs). */
async function installed(q: Queryable): Promise<boolean> {
  const { rows } = await q.query(`SELECT to_regclass('${JOB_SCHEMA}.job') IS NOT NULL AS ok`);
  return rows[0].ok === true;
}

async function failedJobs(q: Queryable, limit: number): Promise<JobRow[]> {
  if (!(await installed(q))) return [];
  const { rows } = await q.query<JobRow>(
    `SELECT ${COLUMNS} FROM ${JOB_SCHEMA}.job WHERE name = ANY ($1) AND state = 'failed'
     ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
    [OUR_QUEUES, limit],
  );
  return rows;
}

/** Jobs that should have started `lateSeconds` ago and have not (no worker, or every worker busy). */
async function lateJobs(q: Queryable, lateSeconds: number, limit: number): Promise<JobRow[]> {
  if (!(await installed(q))) return [];
  const { rows } = await q.query<JobRow>(
    `SELECT ${COLUMNS} FROM ${JOB_SCHEMA}.job WHERE name = ANY ($1) AND state IN ('created', 'retry')
       AND start_after < clock_timestamp() - make_interval(secs => $2)
     ORDER BY start_after LIMIT $3`,
    [OUR_QUEUES, lateSeconds, limit],
  );
  return rows;
}

async function jobById(q: Queryable, id: string): Promise<JobRow | undefined> {
  if (!(await installed(q))) return undefined;
  const { rows } = await q.query<JobRow>(
    `SELECT ${COLUMNS} FROM ${JOB_SCHEMA}.job WHERE name = ANY ($1) AND id = $2::uuid`,
    [OUR_QUEUES, id],
  );
  return rows[0];
}

/** pg-boss's retryJobs: a failed job back to `retry`, with one more try allowed. */
async function retryFailed(q: Queryable, queue: string, id: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE ${JOB_SCHEMA}.job SET state = 'retry', retry_limit = retry_limit + 1
     WHERE name = $1 AND id = $2::uuid AND state = 'failed'`,
    [queue, id],
  );
  return (rowCount ?? 0) === 1;
}

export type QueueStats = {
  queue: string;
  waiting: number;
  active: number;
  failed: number;
  oldestWaitingSeconds: number;
};

/** Per queue of ours: jobs waiting (created or retry, due), running, failed; the oldest due one's age. */
async function queueStats(q: Queryable): Promise<QueueStats[]> {
  if (!(await installed(q))) return [];
  const { rows } = await q.query<QueueStats>(
    `SELECT name AS queue,
       count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= clock_timestamp())::int AS waiting,
       count(*) FILTER (WHERE state = 'active')::int AS active,
       count(*) FILTER (WHERE state = 'failed')::int AS failed,
       coalesce(extract(epoch FROM clock_timestamp() - min(start_after)
         FILTER (WHERE state IN ('created', 'retry') AND start_after <= clock_timestamp())), 0)::float8
         AS "oldestWaitingSeconds"
     FROM ${JOB_SCHEMA}.job WHERE name = ANY ($1) GROUP BY name`,
    [OUR_QUEUES],
  );
  return rows;
}

export const jobsRepository = Object.freeze({ failedJobs, lateJobs, jobById, retryFailed, queueStats });
