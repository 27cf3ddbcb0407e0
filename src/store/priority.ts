import { readFileSync } from "node:fs";
import { setPriority } from "node:os";
import type { Db } from "./db.ts";

/**
 * Runs each session of `pool` at CPU niceness `nice` (0 normal … 19 lowest) when its backend is a
 * process of this machine: the session came through a Unix-domain socket (`inet_server_addr()` is
 * null) and the pid names a `postgres` process here — the embedded database, or a local server given
 * by DATABASE_URL through its socket. A TCP session (another host, or a container behind a port) is
 * left alone: its pid means nothing here. Why: the worker's cycle statements then leave the CPU to the
 * server's member requests, which take it back at once — measured in bench/load.bench.ts. A backend
 * we may not renice (a server run by another user) stays at normal priority; nothing else changes.
 */
export function lowerSessionPriority(pool: Db, nice: number): void {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error(`niceness ${nice} is not 0–19`);
  if (nice === 0) return;
  pool.on("connect", (client) => {
    client
      .query<{ pid: number; local: boolean }>(
        "SELECT pg_backend_pid() AS pid, inet_server_addr() IS NULL AS local",
      )
      .then((r) => {
        const { pid, local } = r.rows[0]!;
        if (local && isPostgresHere(pid)) setPriority(pid, nice);
      })
      .catch(() => {});
  });
}

/** Whether `pid` is a PostgreSQL process of this machine (on Linux /proc says; elsewhere, the socket's word). */
function isPostgresHere(pid: number): boolean {
  if (process.platform !== "linux") return true;
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
}

/** This process at niceness `nice` (the worker: batch work after requests). */
export function lowerProcessPriority(nice: number): void {
  if (nice > 0) setPriority(0, nice);
}
