import type { ServiceDeps } from "../deps.ts";
import { limits } from "../limits.ts";
import { authRepository } from "./auth.repository.ts";

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
  return authRepository.purge(deps.pool, now, new Date(now.getTime() - attemptsKeptSeconds * 1000));
}
