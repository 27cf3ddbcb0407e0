import { serviceDeps } from "../src/cli/database.ts";
import { loadConfig } from "../src/config.ts";
import type { CycleStep } from "../src/cycles/schedule.ts";
import type { ServiceDeps } from "../src/deps.ts";
import { type CivilDate, civilDate } from "../src/domain/calendar.ts";
import type { Clock } from "../src/domain/clock.ts";
import { fen } from "../src/domain/money.ts";
import { stepKey } from "../src/jobs/handlers/cycle-step.ts";
import { QUEUES } from "../src/jobs/queues.ts";
import { startWorker, type Worker } from "../src/jobs/worker.ts";
import { SimulatedProvider } from "../src/payments/simulated.ts";
import { openDatabase } from "../src/store/open.ts";
import { lowerProcessPriority } from "../src/store/priority.ts";
import { addApprovedCase } from "../test/support/cases.ts";
import { tell } from "./load-processes.ts";

/**
 * The load benchmark's worker process (`node … bench/load-worker.ts`, started by load.bench.ts beside
 * the server): a real job-queue worker on the server's database (DATABASE_URL, HUZHU_DATA_DIR from the
 * environment) that runs one 相互宝 cycle of every seeded member through pg-boss, as production does —
 * the announcement job, then the collection job, each followed by the steps it makes due (proof chunks,
 * the log sequencer). Its clock stands on the cycle's days (the server's is the real one). It prints
 * one JSON line with the seconds of each part, then exits.
 */
const PLAN = "xianghubao";
const ANNOUNCED: CivilDate = civilDate("2020-01-07");
const COLLECT: CivilDate = civilDate("2020-01-14");

async function untilIdle(worker: Worker): Promise<void> {
  while ((await worker.pendingJobs()) > 0) await new Promise((r) => setTimeout(r, 250));
}

async function runStep(worker: Worker, step: CycleStep): Promise<number> {
  const t0 = performance.now();
  await worker.boss.send(QUEUES.cycleStep, { step }, { singletonKey: stepKey(step) });
  await untilIdle(worker);
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const cfg = loadConfig(process.env);
  // as `huzhu worker` runs: at HUZHU_WORKER_NICE, its embedded-database sessions too
  lowerProcessPriority(cfg.workerNice);
  const db = await openDatabase(cfg, { sessionNice: cfg.workerNice });
  let nowMs = Date.UTC(2020, 0, 7, 2);
  const clock: Clock = { now: () => nowMs };
  const base = serviceDeps(db, cfg, { logLevel: "warn", provider: {} });
  const deps: ServiceDeps = {
    ...base,
    clock,
    payments: new SimulatedProvider({
      seed: "load",
      webhookSecret: base.webhookSecret,
      clock,
      failureRate: 0.01,
      store: db.pool,
    }),
  };
  // what the cycle shares: ten approved cases, as the cycle benchmark has
  for (let k = 1; k <= 10; k++)
    await addApprovedCase(deps, {
      participationId: k,
      event: "major",
      benefitFen: fen(30_000_000),
      decidedOn: civilDate("2020-01-05"),
    });
  const worker = await startWorker(deps, { url: db.url, periodic: false });
  try {
    tell({ started: true });
    const announceSeconds = await runStep(worker, { kind: "announce", planId: PLAN, announcedOn: ANNOUNCED });
    nowMs = Date.UTC(2020, 0, 14, 2);
    const collectSeconds = await runStep(worker, {
      kind: "collect",
      planId: PLAN,
      announcedOn: ANNOUNCED,
      collectOn: COLLECT,
    });
    tell({ announceSeconds, collectSeconds });
  } finally {
    await worker.stop();
    await db.close();
  }
}

await main();
process.exit(0);
