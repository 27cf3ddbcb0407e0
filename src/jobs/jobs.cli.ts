import type { Command } from "commander";
import { cliConfig, startServices, withDatabase } from "../cli/database.ts";
import { untilStopped } from "../cli/until-stopped.ts";
import { UserError } from "../cli/user-error.ts";
import type { ServiceDeps } from "../deps.ts";
import type { SimulatedProvider } from "../payments/simulated.ts";
import type { Database } from "../store/open.ts";
import { lowerProcessPriority } from "../store/priority.ts";
import { type JobView, operatorJobs, retryJob } from "./operator-jobs.ts";
import { startWorker, type Worker } from "./worker.ts";

/** A real worker on the shell's database: the minute tick, the repeating jobs, the webhooks. */
export function startShellWorker(deps: ServiceDeps & { payments: SimulatedProvider }, db: Database) {
  return startWorker(deps, {
    url: db.url,
    periodic: true,
    flushWebhooks: () => deps.payments.flushWebhooks(),
  });
}

async function runWorker(): Promise<void> {
  const cfg = cliConfig();
  // batch work after member requests: this process and its embedded-database sessions at a lower priority
  lowerProcessPriority(cfg.workerNice);
  const { deps, db } = await startServices(cfg, { share: true, sessionNice: cfg.workerNice });
  const worker: Worker = await startShellWorker(deps, db);
  process.stdout.write(
    `huzhu worker is running on ${db.embedded ? "the embedded database" : "DATABASE_URL"}; Ctrl+C stops it.\n`,
  );
  await untilStopped(async () => {
    await worker.stop();
    await db.close();
  });
}

/**
 * `huzhu worker`: the jobs alone, without the HTTP server; any number may run beside `huzhu serve`
 * on one DATABASE_URL, or beside `huzhu serve --no-worker` on its embedded database (shared).
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("run the scheduled jobs (cycles, claims, log, purges) without serving the API")
    .action(() => runWorker());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function printJobs(jobs: JobView[]): void {
  if (jobs.length === 0) process.stdout.write("none\n");
  for (const j of jobs)
    process.stdout.write(
      `${j.id}  ${j.queue}  ${j.state}  tries ${j.retryCount}/${j.retryLimit}  due ${j.startAfter}` +
        `${j.state === "failed" ? `  ${j.error ?? ""}` : `  ${j.lateSeconds} s late`}\n`,
    );
}

/** `huzhu jobs failed|late|retry`: the queue as operators see it (also GET /operations/jobs). */
export function registerJobsCommands(program: Command): void {
  const jobs = program.command("jobs").description("failed and late jobs, and retrying a failed one");
  jobs
    .command("failed")
    .description("jobs that failed after their retries")
    .action(() => withDatabase(async (db) => printJobs(await operatorJobs(db.pool, "failed"))));
  jobs
    .command("late")
    .description("jobs due and not started for longer than limits.jobLateSeconds")
    .action(() => withDatabase(async (db) => printJobs(await operatorJobs(db.pool, "late"))));
  jobs
    .command("retry")
    .argument("<ID>", "the job's id (from huzhu jobs failed)")
    .description("try a failed job again")
    .action((id: string) => {
      if (!UUID.test(id)) throw new UserError(`jobs retry: ${id} is not a job id (a UUID)`);
      return withDatabase(async (db) => printJobs([await retryJob(db.pool, id)]));
    });
}
