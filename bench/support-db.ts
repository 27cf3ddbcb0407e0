import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPool, type Db } from "../src/store/db.ts";
import { startEmbeddedPostgres } from "../src/store/embedded.ts";
import { migrate } from "../src/store/migrate.ts";

/**
 * A throwaway embedded PostgreSQL with the schema, for a benchmark run: durable (fsync and synchronous
 * commit on, as production runs) unless HUZHU_BENCH_FSYNC=off.
 */
export async function benchDatabase(): Promise<{ pool: Db; url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "huzhu-bench-"));
  const durable = process.env.HUZHU_BENCH_FSYNC !== "off";
  process.stderr.write(`benchmark database: fsync ${durable ? "on" : "off"}\n`);
  const server = await startEmbeddedPostgres(dir, { persistent: false, durable });
  const pool = createPool(server.url, 4);
  await migrate(pool);
  return {
    pool,
    url: server.url,
    close: async () => {
      await pool.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** RSS of the PostgreSQL processes (they are separate from ours), in MiB, from /proc. */
export async function postgresRssMiB(): Promise<number> {
  const { readdirSync, readFileSync } = await import("node:fs");
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (!/^Name:\s+postgres/m.test(status)) continue;
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}
