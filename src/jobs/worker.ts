import type PgBoss from "pg-boss";
import type { ServiceDeps } from "../deps.ts";
import { limits } from "../limits.ts";
import { jobFailures } from "../observability/process-metrics.ts";
import { type BossOptions, startBoss } from "./boss.ts";
import type { JobContext, JobHandler } from "./context.ts";
import { handlers } from "./handlers/index.ts";
import { RECONCILE_CRON } from "./handlers/reconcile.ts";
import { ONLY, QUEUES, type QueueName } from "./queues.ts";
import { TICK_CRON } from "./tick.ts";

export type WorkerOptions = BossOptions & { readonly flushWebhooks?: () => Promise<number> };

export type Worker = {
  readonly boss: PgBoss;
  /** Sends a tick now (the minute cron does it in a real worker). */
  tick(): Promise<void>;
  /** Jobs waiting, waiting to be retried, or running, in all our queues. */
  pendingJobs(): Promise<number>;
  /** Stops taking jobs, lets the running ones finish, closes the queue's pool. */
  stop(): Promise<void>;
};

/** A failed job is logged here and thrown on, so pg-boss retries it with backoff (queues.ts). */
async function runJob(ctx: JobContext, queue: QueueName, handler: JobHandler, data: unknown): Promise<void> {
  try {
    // the development clock may have been moved since the last job (`huzhu clock`)
    await ctx.deps.clock.refresh?.();
    await handler(ctx, data);
  } catch (e) {
    ctx.deps.logger.error({ err: String(e), queue }, "job failed");
    jobFailures.inc({ queue });
    throw e;
  }
}

/**
 * A repeating job is sent to start `cadence` seconds on; its queue is asked twice as often, so it runs
 * at its cadence rather than a poll later.
 */
function pollingSecondsOf(queue: QueueName): number {
  if (queue === QUEUES.logSequence) return limits.jobs.logSequenceEverySeconds / 2;
  if (queue === QUEUES.paymentsWebhooks) return limits.jobs.webhooksEverySeconds / 2;
  return limits.jobs.pollingSeconds;
}

export async function pendingJobs(boss: PgBoss): Promise<number> {
  let n = 0;
  for (const queue of Object.values(QUEUES))
    n += (await boss.getQueueSize(queue, { before: "completed" })) ?? 0;
  return n;
}

/**
 * Works every queue of ours in this process (one job at a time per queue), beside any number of other
 * workers on the same database: the singleton keys and the steps' own checks make each effect happen
 * once. `huzhu serve` starts one beside the HTTP server; `huzhu worker` starts one alone.
 */
export async function startWorker(deps: ServiceDeps, o: WorkerOptions): Promise<Worker> {
  let stopping = false;
  // once stopping, a poll cut short (the embedded database stops on the same signal) is no error
  const boss = await startBoss(o, (e) => stopping || deps.logger.error({ err: String(e) }, "job queue"));
  const workerIds = new Map<QueueName, string>();
  const ctx: JobContext = {
    deps,
    periodic: o.periodic,
    ...(o.flushWebhooks ? { flushWebhooks: o.flushWebhooks } : {}),
    send: async (queue, data, singletonKey, startAfterSeconds) => {
      const later = startAfterSeconds ? { startAfter: startAfterSeconds } : {};
      await boss.send(queue, data, { singletonKey, ...later });
      // wake this process's worker rather than wait for its next poll
      const id = workerIds.get(queue);
      if (id && !startAfterSeconds) boss.notifyWorker(id);
    },
  };
  for (const [queue, handler] of Object.entries(handlers) as [QueueName, JobHandler][]) {
    const work = { pollingIntervalSeconds: pollingSecondsOf(queue), batchSize: 1 };
    const id = await boss.work(queue, work, async (jobs) => {
      for (const job of jobs) await runJob(ctx, queue, handler, job.data);
    });
    workerIds.set(queue, id);
  }
  if (o.periodic) {
    await boss.schedule(QUEUES.tick, TICK_CRON, {}, { singletonKey: ONLY });
    await boss.schedule(QUEUES.paymentsReconcile, RECONCILE_CRON, {}, { singletonKey: ONLY });
    // the first tick now, not at the cron's first minute (pg-boss looks at its schedules every 30 s)
    await ctx.send(QUEUES.tick, {}, ONLY);
  }
  return {
    boss,
    tick: () => ctx.send(QUEUES.tick, {}, ONLY),
    pendingJobs: () => pendingJobs(boss),
    stop: () => {
      stopping = true;
      return boss.stop({ graceful: true, timeout: limits.jobs.stopWaitSeconds * 1000 });
    },
  };
}
