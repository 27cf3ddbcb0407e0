import { maskMobile, maskResidentId } from "../identity.ts";

/** How many objections a member may lodge in a rolling window (limits.objectionRate). */
export type ObjectionRate = { readonly perWindow: number; readonly windowSeconds: number };

/**
 * Seconds until a member may object again, given the instants (ms) of their objections in the window:
 * 0 below the allowance, else until the oldest one counted leaves the window.
 */
export function objectionWaitSeconds(
  rate: ObjectionRate,
  recentAtMs: readonly number[],
  nowMs: number,
): number {
  const inWindow = recentAtMs.filter((a) => a > nowMs - rate.windowSeconds * 1000).sort((a, b) => b - a);
  if (inWindow.length < rate.perWindow) return 0;
  const oldestCounted = inWindow[rate.perWindow - 1]!;
  return Math.max(1, Math.ceil((oldestCounted + rate.windowSeconds * 1000 - nowMs) / 1000));
}

const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;

/**
 * Free text as the applicant reads what others wrote about them (objections): resident IDs and mobile
 * numbers in it masked as everywhere else, so the text names nobody by number.
 */
export function maskPersonalText(text: string): string {
  return text.replace(RESIDENT_ID, (id) => maskResidentId(id)).replace(MOBILE, (m) => maskMobile(m));
}

/** What became of a case members objected to, read from its state now (the public's view). */
export type ObjectionOutcome = "under_review" | "approved" | "refused" | "ended";

/**
 * An objection sends the case back to review: there it is `under_review`; published again, shared or
 * paid, the decision was `approved` again; rejected (or appealing that), `refused`; withdrawn or
 * lapsed, `ended`.
 */
export function objectionOutcome(state: string): ObjectionOutcome {
  if (["reported", "documents", "review", "investigation"].includes(state)) return "under_review";
  if (["announcement", "sharing", "paid"].includes(state)) return "approved";
  if (["rejected", "appeal"].includes(state)) return "refused";
  return "ended";
}
