/**
 * A member's share of a cycle moves through these states (migrations 032 and 034 hold the same list in
 * the CHECK constraint). `unpaid` (036) is failed, advanced or pending.
 */
export const SHARE_STATUS = Object.freeze({
  due: "due",
  unconfirmed: "unconfirmed",
  collected: "collected",
  failed: "failed",
  advanced: "advanced",
  pending: "pending",
} as const);

export type ShareStatus = (typeof SHARE_STATUS)[keyof typeof SHARE_STATUS];

/**
 * The `attempt` of a share still unconfirmed at collection (not confirmed, declined, or without a debit
 * authorisation): never debited, so no retry may debit it either — that would charge the member without
 * consent. It is past every retry's number (smallint's largest), and still counts as a failure.
 */
export const UNCONSENTED_ATTEMPT = 32_767;

/**
 * The moves the cycle makes: a confirmation (unconfirmed → due), the collection (the policy decides
 * unconfirmed → failed or advanced; a debit answers due → collected, failed or pending), the retries and
 * recoveries (failed → collected or pending) and a late answer (due, pending or failed → collected or
 * failed). Collected and advanced are final.
 */
export const SHARE_MOVES: Readonly<Record<ShareStatus, readonly ShareStatus[]>> = Object.freeze({
  unconfirmed: ["due", "failed", "advanced"],
  due: ["collected", "failed", "pending"],
  failed: ["collected", "pending"],
  pending: ["collected", "failed"],
  collected: [],
  advanced: [],
});

export type ShareMode = "auto" | "confirm" | "auto_limit";

/**
 * The status a share is written with at the announcement: a member who confirms each cycle, or whose
 * share is over their limit, is asked first; a share of 0 never is.
 */
export function initialShareStatus(s: {
  mode: ShareMode;
  shareFen: number;
  limitFen: number | null;
}): ShareStatus {
  // As in SQL, an auto_limit without a limit compares with null: not asked.
  const overLimit = s.mode === "auto_limit" && s.limitFen !== null && s.shareFen > s.limitFen;
  const ask = s.mode === "confirm" || overLimit;
  return s.shareFen > 0 && ask ? SHARE_STATUS.unconfirmed : SHARE_STATUS.due;
}

/** Each status as an SQL literal, for the statements that select or set shares by status. */
export const SHARE_STATUS_SQL: Readonly<Record<ShareStatus, string>> = Object.freeze(
  Object.fromEntries(Object.values(SHARE_STATUS).map((s) => [s, `'${s}'`])) as Record<ShareStatus, string>,
);
