import type { ServiceDeps } from "../deps.ts";
import { failRetryAfter } from "../errors.ts";
import { limits } from "../limits.ts";
import { authRepository } from "./auth.repository.ts";

/** Counts an attempt in a bucket and refuses past the per-minute limit (shared by every process). */
export async function rateLimit(
  deps: ServiceDeps,
  bucket: string,
  perMinute: number = limits.loginAttemptsPerMinute,
): Promise<void> {
  const now = new Date(deps.clock.now());
  if ((await authRepository.countAttemptLastMinute(deps.pool, bucket, now)) >= perMinute)
    failRetryAfter("rate_limited", "too many attempts; wait a minute", 60);
}
