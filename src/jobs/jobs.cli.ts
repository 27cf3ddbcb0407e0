import type { Command } from "commander";
import { cliConfig, startServices } from "../cli/database.ts";
import { untilStopped } from "../cli/until-stopped.ts";
import type { ServiceDeps } from "../deps.ts";
import type { SimulatedProvider } from "../payments/simulated.ts";
import type { Database } from "../store/open.ts";
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
  const { deps, db } = await startServices(cliConfig(), { share: true });
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
