import { createHmac } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { type ThrottleRule, throttleWaitSeconds } from "../domain/throttle.ts";
import { failRetryAfter } from "../errors.ts";
import { withTransaction } from "../store/db.ts";

/** One throttle an attempt counts against: a key (account and address, or address alone) and its rule. */
export type ThrottleKey = { readonly key: string; readonly rule: ThrottleRule };

// Keys name addresses and accounts: stored as keyed hashes, never in the clear.
const bucketOf = (deps: ServiceDeps, key: string): string =>
  createHmac("sha256", deps.secrets.lookupKey).update(`throttle:${key}`).digest("hex");

/**
 * Counts one attempt against every key unless one of them must still wait, in which case nothing is
 * counted and the caller gets 429 with Retry-After. Each bucket is locked while it is read and written,
 * so concurrent attempts are counted one after another and none slips past the allowance.
 */
export async function throttle(deps: ServiceDeps, keys: readonly ThrottleKey[]): Promise<void> {
  const nowMs = deps.clock.now();
  const buckets = keys
    .map((k) => ({ bucket: bucketOf(deps, k.key), rule: k.rule }))
    .sort((a, b) => (a.bucket < b.bucket ? -1 : 1)); // one lock order: no deadlock between requests
  const waitSeconds = await withTransaction(deps.pool, async (tx) => {
    let wait = 0;
    for (const b of buckets) {
      await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [b.bucket]);
      const { rows } = await tx.query<{ n: number; last: Date | null }>(
        "SELECT count(*)::int AS n, max(at) AS last FROM login_attempts WHERE bucket = $1 AND at > $2",
        [b.bucket, new Date(nowMs - b.rule.windowSeconds * 1000)],
      );
      const last = rows[0]?.last;
      const sinceLastSeconds = last ? (nowMs - last.getTime()) / 1000 : Number.POSITIVE_INFINITY;
      wait = Math.max(wait, throttleWaitSeconds(b.rule, rows[0]?.n ?? 0, sinceLastSeconds));
    }
    if (wait > 0) return wait;
    for (const b of buckets)
      await tx.query("INSERT INTO login_attempts (bucket, at) VALUES ($1, $2)", [b.bucket, new Date(nowMs)]);
    return 0;
  });
  if (waitSeconds > 0)
    failRetryAfter("rate_limited", `too many attempts; try again in ${waitSeconds} s`, waitSeconds);
}

/** Forgets a key's attempts: its owner has just proved who they are. */
export async function clearThrottle(deps: ServiceDeps, key: string): Promise<void> {
  await deps.pool.query("DELETE FROM login_attempts WHERE bucket = $1", [bucketOf(deps, key)]);
}

/** Takes back the latest attempt under a key: a success does not use up its address's allowance. */
export async function forgiveAttempt(deps: ServiceDeps, key: string): Promise<void> {
  await deps.pool.query(
    `DELETE FROM login_attempts WHERE ctid = (SELECT ctid FROM login_attempts WHERE bucket = $1
       ORDER BY at DESC LIMIT 1)`,
    [bucketOf(deps, key)],
  );
}
