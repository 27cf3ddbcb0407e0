/** A throttle's allowance and its growing delay (limits.authThrottle). */
export type ThrottleRule = {
  readonly freeAttempts: number;
  readonly baseDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly windowSeconds: number;
};

/**
 * How long the next attempt must still wait, given the attempts already made in the window and how long
 * ago the last one was: nothing within the allowance, then a delay doubling with each attempt, capped.
 */
export function throttleWaitSeconds(rule: ThrottleRule, attempts: number, sinceLastSeconds: number): number {
  if (attempts < rule.freeAttempts) return 0;
  const delaySeconds = Math.min(
    rule.baseDelaySeconds * 2 ** (attempts - rule.freeAttempts),
    rule.maxDelaySeconds,
  );
  return Math.max(0, Math.ceil(delaySeconds - sinceLastSeconds));
}
