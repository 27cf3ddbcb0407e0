import { createHmac } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { type ThrottleRule, throttleWaitSeconds } from "../domain/throttle.ts";
import { failRetryAfter } from "../errors.ts";
import { withTransaction } from "../store/db.ts";
import { authRepository } from "./auth.repository.ts";

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
      await authRepository.lockBucket(tx, b.bucket);
      const { n, last } = await authRepository.attemptsSince(
        tx,
        b.bucket,
        new Date(nowMs - b.rule.windowSeconds * 1000),
      );
      const sinceLastSeconds = last ? (nowMs - last.getTime()) / 1000 : Number.POSITIVE_INFINITY;
      wait = Math.max(wait, throttleWaitSeconds(b.rule, n, sinceLastSeconds));
    }
    if (wait > 0) return wait;
    for (const b of buckets) await authRepository.insertAttempt(tx, b.bucket, new Date(nowMs));
    return 0;
  });
  if (waitSeconds > 0)
    failRetryAfter("rate_limited", `too many attempts; try again in ${waitSeconds} s`, waitSeconds);
}

/** Forgets a key's attempts: its owner has just proved who they are. */
export async function clearThrottle(deps: ServiceDeps, key: string): Promise<void> {
  await authRepository.deleteAttempts(deps.pool, bucketOf(deps, key));
}

/** Takes back the latest attempt under a key: a success does not use up its address's allowance. */
export async function forgiveAttempt(deps: ServiceDeps, key: string): Promise<void> {
  await authRepository.deleteLatestAttempt(deps.pool, bucketOf(deps, key));
}
