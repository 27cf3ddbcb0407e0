import type { ServiceDeps } from "../deps.ts";
import { limits } from "../limits.ts";

/** The longest any sign-in throttle looks back: older attempts decide nothing. */
const attemptsKeptSeconds = Math.max(...Object.values(limits.authThrottle).map((r) => r.windowSeconds), 60);

/**
 * Deletes what sign-in no longer needs: expired sessions, one-time codes past their expiry (used or
 * not: a used one must stay the newest until then),
 * and login attempts older than every throttle's window. Safe to run at any time, from any process.
 */
export async function purgeExpiredAuth(
  deps: ServiceDeps,
): Promise<{ sessions: number; codes: number; attempts: number }> {
  const now = new Date(deps.clock.now());
  const sessions = await deps.pool.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
  const codes = await deps.pool.query("DELETE FROM otp_codes WHERE expires_at <= $1", [now]);
  const attempts = await deps.pool.query("DELETE FROM login_attempts WHERE at <= $1", [
    new Date(now.getTime() - attemptsKeptSeconds * 1000),
  ]);
  return {
    sessions: sessions.rowCount ?? 0,
    codes: codes.rowCount ?? 0,
    attempts: attempts.rowCount ?? 0,
  };
}
