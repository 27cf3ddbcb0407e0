import { setPriority } from "node:os";
import type { Db } from "./db.ts";

/**
 * Runs each session of `pool` at CPU niceness `nice` (0 normal … 19 lowest): for the embedded
 * database only, whose backends are processes of this machine (a remote server's pid means nothing
 * here). Why: the worker's cycle statements then leave the CPU to the server's member requests, which
 * take it back at once — measured in bench/load.bench.ts. A backend we may not renice (a cluster run by
 * another user) stays at normal priority; nothing else changes.
 */
export function lowerSessionPriority(pool: Db, nice: number): void {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error(`niceness ${nice} is not 0–19`);
  if (nice === 0) return;
  pool.on("connect", (client) => {
    client
      .query<{ pid: number }>("SELECT pg_backend_pid() AS pid")
      .then((r) => setPriority(r.rows[0]!.pid, nice))
      .catch(() => {});
  });
}

/** This process at niceness `nice` (the worker: batch work after requests). */
export function lowerProcessPriority(nice: number): void {
  if (nice > 0) setPriority(0, nice);
}
