/**
 * Whether a number may have been recycled (二次放号): carriers give a number that stayed unused to
 * someone else, so one that has not proved itself for `dormantDays` no longer proves its old owner.
 */
export function mobileDormant(lastUsedMs: number, nowMs: number, dormantDays: number): boolean {
  return nowMs - lastUsedMs > dormantDays * 86_400_000;
}

/** Names compared as people write them: Unicode NFC, surrounding spaces ignored. */
export function sameName(a: string, b: string): boolean {
  return a.normalize("NFC").trim() === b.normalize("NFC").trim();
}
