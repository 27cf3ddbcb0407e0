import PgBoss from "pg-boss";
import { limits } from "../limits.ts";
import { type QueueName, queueOptions } from "./queues.ts";

/** pg-boss's tables live in a schema of their own, beside ours, in the same database. */
export const JOB_SCHEMA = "pgboss";

export type BossOptions = {
  /** The database the app uses (DATABASE_URL or the embedded server's). */
  readonly url: string;
  /**
   * The timekeeper (the minute `tick` cron) and the maintenance (expiry, archiving): on in a real
   * worker; off where a test drives the queues itself, so nothing arrives that it did not send.
   */
  readonly periodic: boolean;
  readonly poolConnectionsMax?: number;
};

/**
 * A pg-boss instance on its own small pool. pg-boss's own timing (cron, `startAfter`, expiry, retry
 * backoff) runs on the database clock; what is due — a cycle, a purge — is decided by our handlers on
 * `deps.clock`, so a test's fixed clock governs every rule.
 */
export function createBoss(o: BossOptions): PgBoss {
  return new PgBoss({
    connectionString: o.url,
    schema: JOB_SCHEMA,
    max: o.poolConnectionsMax ?? limits.jobs.poolConnectionsMax,
    application_name: "huzhu-jobs",
    schedule: o.periodic,
    supervise: o.periodic,
    // a job sent to no queue of queues.ts is never retried (each queue says its own limit)
    retryLimit: limits.jobRetryLimitDefault,
  });
}

/** Creates every queue, or brings an existing one's options up to date (both are idempotent). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(queueOptions) as [QueueName, PgBoss.Queue][]) {
    await boss.createQueue(name, { ...options, name });
    await boss.updateQueue(name, { ...options, name });
  }
}

/** Starts pg-boss (installing or migrating its schema under its own lock) with our queues in place. */
export async function startBoss(o: BossOptions, onError: (e: Error) => void): Promise<PgBoss> {
  const boss = createBoss(o);
  boss.on("error", onError);
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** Installs or migrates pg-boss's schema and our queues, then lets go (`huzhu db migrate`, the tests' template). */
export async function installJobSchema(url: string): Promise<void> {
  const boss = await startBoss({ url, periodic: false, poolConnectionsMax: 1 }, () => {});
  await boss.stop({ graceful: false });
}
