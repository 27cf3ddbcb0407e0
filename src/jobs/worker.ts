import type PgBoss from "pg-boss";
import type { ServiceDeps } from "../deps.ts";
import { limits } from "../limits.ts";
import { type BossOptions, startBoss } from "./boss.ts";
import type { JobContext, JobHandler } from "./context.ts";
import { handlers } from "./handlers/index.ts";
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
    await handler(ctx, data);
  } catch (e) {
    ctx.deps.logger.error({ err: String(e), queue }, "job failed");
    throw e;
  }
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
  const boss = await startBoss(o, (e) => deps.logger.error({ err: String(e) }, "job queue"));
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
  const work = { pollingIntervalSeconds: limits.jobs.pollingSeconds, batchSize: 1 };
  for (const [queue, handler] of Object.entries(handlers) as [QueueName, JobHandler][]) {
    const id = await boss.work(queue, work, async (jobs) => {
      for (const job of jobs) await runJob(ctx, queue, handler, job.data);
    });
    workerIds.set(queue, id);
  }
  if (o.periodic) await boss.schedule(QUEUES.tick, TICK_CRON, {}, { singletonKey: ONLY });
  return {
    boss,
    tick: () => ctx.send(QUEUES.tick, {}, ONLY),
    pendingJobs: () => pendingJobs(boss),
    stop: () => boss.stop({ graceful: true, timeout: limits.jobs.stopWaitSeconds * 1000 }),
  };
}
