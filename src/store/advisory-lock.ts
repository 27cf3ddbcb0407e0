import type { Db } from "./db.ts";

/**
 * Runs `fn` while this session holds the advisory lock named `name` (waiting for it). The lock is the
 * session's, not a transaction's, so `fn` may run many transactions of its own on the pool; it ends with
 * `fn`, or with the connection if the process dies.
 */
export async function withSessionLock<T>(pool: Db, name: string, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [name]);
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name]).catch(() => {
        // a connection that cannot unlock is closed instead, which ends the lock with the session
        broken = true;
      });
    }
  } finally {
    client.release(broken);
  }
}
