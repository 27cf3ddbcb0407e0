import type { Command } from "commander";
import { serve, startServices } from "../../http/server.ts";
import { ensureDemoData } from "../../services/demo.service.ts";
import { migrate } from "../../store/migrate.ts";
import { openDatabase } from "../../store/open.ts";
import { cliConfig } from "../database.ts";

async function runServer(withDemo: boolean): Promise<void> {
  const cfg = cliConfig();
  const { deps, db } = await startServices(cfg);
  const demo = withDemo ? await ensureDemoData(deps) : undefined;
  const stop = await serve(cfg, deps, db);
  const url = `http://127.0.0.1:${cfg.port}`;
  const lines = [
    "",
    `huzhu is running at ${url}`,
    `  API reference:  ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  database:       ${db.embedded ? `embedded PostgreSQL, data in ${cfg.dataDir}` : "DATABASE_URL"}`,
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
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      void stop().then(resolve);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });
}

export function registerServerCommands(program: Command): void {
  program
    .command("start")
    .description("serve the API on the embedded database, with demo plans and accounts on first start")
    .action(() => runServer(true));
  program
    .command("serve")
    .description("serve the API (no demo data)")
    .action(() => runServer(false));
  const db = program.command("db").description("database administration");
  db.command("migrate")
    .description("apply the numbered SQL migrations not yet applied")
    .action(async () => {
      const cfg = cliConfig();
      const database = await openDatabase(cfg);
      try {
        const applied = await migrate(database.pool);
        process.stdout.write(
          applied.length ? `applied migrations ${applied.join(", ")}\n` : "the database is up to date\n",
        );
      } finally {
        await database.close();
      }
    });
}
