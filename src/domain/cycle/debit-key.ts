import type { CivilDate } from "../calendar.ts";

/**
 * The idempotency keys of a cycle's debits at the provider: the collection's, each retry's, and the
 * recovery of an advance from the member's next payment. A webhook's answer is routed back by them.
 */
export const debitKey = (planId: string, announcedOn: CivilDate, memberId: number): string =>
  `cycle:${planId}:${announcedOn}:debit:${memberId}`;

export const retryKey = (planId: string, announcedOn: CivilDate, memberId: number, attempt: number): string =>
  `${debitKey(planId, announcedOn, memberId)}:retry:${attempt}`;

export const recoverKey = (planId: string, announcedOn: CivilDate, memberId: number): string =>
  `${debitKey(planId, announcedOn, memberId)}:recover`;

const DEBIT_KEY = /^cycle:([a-z][a-z0-9_-]*):(\d{4}-\d{2}-\d{2}):debit:(\d+)(?::retry:(\d+)|:(recover))?$/;

export type DebitKey = {
  planId: string;
  announcedOn: CivilDate;
  memberId: number;
  /** The retry's attempt; 0 for the collection's debit. */
  attempt: number;
  recover: boolean;
};

/** A cycle debit's key read back, or null when the key is not one. */
export function parseDebitKey(key: string): DebitKey | null {
  const m = DEBIT_KEY.exec(key);
  if (!m) return null;
  const [, planId, announcedOn, member, retry, recover] = m;
  return {
    planId: planId!,
    announcedOn: announcedOn as CivilDate,
    memberId: Number(member),
    attempt: retry === undefined ? 0 : Number(retry),
    recover: recover !== undefined,
  };
}
