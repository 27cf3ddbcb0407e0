import { type ChildProcess, spawn } from "node:child_process";
import { installJobSchema } from "../../src/jobs/boss.ts";
import { createPool } from "../../src/store/db.ts";
import { databaseUrlOf } from "../../src/store/embedded.ts";
import { migrate } from "../../src/store/migrate.ts";

/** A durable PostgreSQL server run by its own process (durable-postgres-child.ts). */
export type DurableServer = {
  /** The superuser's URL, to the `postgres` database. */
  readonly url: string;
  /** The postmaster's process id. */
  readonly pid: number;
  /** SIGTERM to the owner: a clean shutdown. */
  stop(): Promise<void>;
};

function startOnce(dir: string): Promise<DurableServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/durable-postgres-child.ts", dir],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += String(d);
      if (!out.includes("\n")) return;
      const { url, pid } = JSON.parse(out.split("\n")[0]!) as { url: string; pid: number };
      resolve({
        url,
        pid,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    child.once("exit", (code) => reject(new Error(`the durable PostgreSQL did not start (${code}): ${out}`)));
  });
}

/**
 * Starts (or, after a crash, restarts: PostgreSQL replays its WAL) the durable cluster of `dir`. Right
 * after a postmaster was killed its orphaned backends may still hold the old shared memory for a moment,
 * and PostgreSQL refuses to start until they are gone: tried again for a bounded time.
 */
export async function startDurablePostgres(dir: string, waitMs = 30_000): Promise<DurableServer> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await startOnce(dir);
    } catch (e) {
      if (Date.now() >= until) throw e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Whether a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until a killed postmaster's process is gone (its exit is asynchronous to the kill), a bounded time. */
export async function untilGone(pid: number, waitMs = 30_000): Promise<void> {
  const until = Date.now() + waitMs;
  while (isAlive(pid)) {
    if (Date.now() > until) throw new Error(`the postmaster ${pid} was not killed`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A migrated database (with pg-boss's schema), as the throwaway test server's template. */
export async function createMigrated(serverUrl: string, name: string): Promise<void> {
  const admin = createPool(serverUrl, 1);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrlOf(serverUrl, `${name}`);
  const pool = createPool(url, 1);
  await migrate(pool);
  await pool.end();
  await installJobSchema(url);
}
