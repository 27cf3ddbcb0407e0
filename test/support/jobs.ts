import { vi } from "vitest";
import type { ServiceDeps } from "../../src/deps.ts";
import { buildApp } from "../../src/http/app.ts";
import { startWorker, type Worker } from "../../src/jobs/worker.ts";
import { createPool } from "../../src/store/db.ts";
import type { TestApp } from "./app.ts";

/**
 * A worker as a test drives it: no minute cron and no repeating jobs (nothing arrives that the test did
 * not send), on the pool size the plan allows tests (2 connections).
 */
export function testWorker(deps: ServiceDeps, url: string): Promise<Worker> {
  return startWorker(deps, { url, periodic: false, poolConnectionsMax: 2 });
}

/** A second server on the same database, as another process would be: its own pool, the same keys. */
export async function secondServer(t: TestApp) {
  const pool = createPool(t.db.url, 5);
  const deps: ServiceDeps = { ...t.deps, pool };
  const app = await buildApp(deps);
  return {
    app,
    deps,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

/**
 * Waits until no job waits, waits for a retry or runs, in any queue: the queue's own state, polled,
 * never a guessed sleep. Bounded: a job that never finishes fails the test after `timeoutMs`.
 */
export async function queuesDrained(worker: Worker, timeoutMs = 30_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const n = await worker.pendingJobs();
      if (n > 0) throw new Error(`${n} jobs still pending`);
    },
    { timeout: timeoutMs, interval: 50 },
  );
}
