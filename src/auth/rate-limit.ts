import type { ServiceDeps } from "../deps.ts";
import { failRetryAfter } from "../errors.ts";
import { limits } from "../limits.ts";

/** Counts an attempt in a bucket and refuses past the per-minute limit (shared by every process). */
export async function rateLimit(
  deps: ServiceDeps,
  bucket: string,
  perMinute: number = limits.loginAttemptsPerMinute,
): Promise<void> {
  const now = new Date(deps.clock.now());
  const { rows } = await deps.pool.query<{ n: number }>(
    `WITH ins AS (INSERT INTO login_attempts (bucket, at) VALUES ($1, $2))
     SELECT count(*)::int AS n FROM login_attempts WHERE bucket = $1 AND at > $2::timestamptz - interval '1 minute'`,
    [bucket, now],
  );
  if ((rows[0]?.n ?? 0) >= perMinute) failRetryAfter("rate_limited", "too many attempts; wait a minute", 60);
}

// Sign-in is split by role (sessions, codes, members, staff); these names stay importable from here.
export { memberLogin } from "./member-login.ts";
export { consumeOtp, requestOtp } from "./otp.ts";
export { authenticate, issueToken } from "./session.ts";
export { createStaff, staffLogin } from "./staff.ts";
