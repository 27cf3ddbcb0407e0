import type { Command } from "commander";
import { cliConfig, startServices } from "../cli/database.ts";
import { untilStopped } from "../cli/until-stopped.ts";
import { ensureDemoData } from "../demo/demo.ts";
import { installJobSchema } from "../jobs/boss.ts";
import { registerWorkerCommand, startShellWorker } from "../jobs/jobs.cli.ts";
import { migrate } from "../store/migrate.ts";
import { openDatabase } from "../store/open.ts";
import { buildApp } from "./app.ts";
import { serve } from "./server.ts";

async function runServer(withDemo: boolean, withWorker: boolean): Promise<void> {
  const cfg = cliConfig();
  const { deps, db } = await startServices(cfg);
  const demo = withDemo ? await ensureDemoData(deps, buildApp) : undefined;
  const stopApp = await serve(cfg, deps);
  const worker = withWorker ? await startShellWorker(deps, db) : undefined;
  const url = `http://127.0.0.1:${cfg.port}`;
  const lines = [
    "",
    `huzhu is running at ${url}`,
    `  API reference:  ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  database:       ${db.embedded ? `embedded PostgreSQL, data in ${cfg.dataDir}` : "DATABASE_URL"}`,
    `  jobs:           ${worker ? "a worker in this process" : "none here (--no-worker): run `huzhu worker`"}`,
  ];
  if (demo) {
    lines.push(
      "",
      `Demo staff logins (POST /auth/staff/login)${demo.created ? "" : ", created on first start"}:`,
    );
    for (const l of demo.logins)
      lines.push(`  ${l.username.padEnd(13)} ${l.password}   (${l.roles.join(", ")})`);
    const staff = demo.logins[0]?.username ?? "a staff account";
    lines.push(
      "  Staff sign in with a second factor (TOTP) too: `npm run huzhu -- staff totp <username>` prints",
      "  the current code (development only), sent as `totp` beside the username and password.",
    );
    lines.push(
      "",
      "Demo members sign in with a one-time code: POST /auth/otp (keep its challengeId), then read the code in the simulated",
      `SMS outbox, which only staff may read: sign in as ${staff} (POST /auth/staff/login) and`,
      "GET /dev/sms-outbox with Authorization: Bearer <its token> (development only; never in production).",
    );
    lines.push(`  ${demo.members.join(", ")}`);
  }
  lines.push("", "Press Ctrl+C to stop.", "");
  process.stdout.write(lines.join("\n"));
  await untilStopped(async () => {
    await worker?.stop();
    await stopApp();
    await db.close();
  });
}

export function registerServerCommands(program: Command): void {
  program
    .command("start")
    .description("serve the API on the embedded database, with demo plans and accounts on first start")
    .option("--no-worker", "run no jobs in this process (run `huzhu worker` beside it)")
    .action((o: { worker: boolean }) => runServer(true, o.worker));
  program
    .command("serve")
    .description("serve the API (no demo data), with a worker for the jobs")
    .option("--no-worker", "run no jobs in this process (run `huzhu worker` beside it)")
    .action((o: { worker: boolean }) => runServer(false, o.worker));
  registerWorkerCommand(program);
  const db = program.command("db").description("database administration");
  db.command("migrate")
    .description("apply the numbered SQL migrations not yet applied")
    .action(async () => {
      const cfg = cliConfig();
      const database = await openDatabase(cfg);
      try {
        const applied = await migrate(database.pool);
        await installJobSchema(database.url);
        process.stdout.write(
          applied.length ? `applied migrations ${applied.join(", ")}\n` : "the database is up to date\n",
        );
      } finally {
        await database.close();
      }
    });
}
