import { conserves } from "../apportion.ts";
import type { CivilDate } from "../calendar.ts";
import { fen } from "../money.ts";

export type CycleDisclosure = {
  planId: string;
  announcedOn: CivilDate;
  collectOn: CivilDate;
  ruleVersion: CivilDate;
  cases: number;
  benefitsFen: number;
  approvedBenefitsFen: number;
  feesFen: number;
  surplusInFen: number;
  surplusOutFen: number;
  sponsorFen: number;
  benefitCutFen: number;
  sharingMembers: number;
  sharingWeight: string;
  shares: Array<{ weight: string; members: number; shareFen: number }>;
  collectedFen: number | null;
  failedFen: number | null;
  advancedFen: number | null;
  /** Of the failed: debits whose answer the provider sends later (advanced, not defaults, not retried). */
  pendingFen?: number;
  /** Retries run, and advances written off, after the collection. */
  retriesDone?: number;
  writtenOffFen?: number;
  /** Of the collected: advances recovered from the members' next payments, in later cycles. */
  recoveredLaterFen?: number;
  /** Where the operator does not advance: what the benefits paid came to, the failed shares taken off. */
  benefitsPaidFen?: number;
  shareRoot: { hash: string; count: number; sumFen: number } | null;
};

export type DisclosedCycle = CycleDisclosure;

/** What the collection and everything after it change: the cycle's columns (migration 101); null = not yet. */
export type CycleOutcome = {
  collectedFen: number | null;
  failedFen: number | null;
  advancedFen: number | null;
  pendingFen: number | null;
  retriesDone: number | null;
  writtenOffFen: number | null;
  recoveredLaterFen: number | null;
};

/** The announcement's facts, frozen when the cycle is announced (the stored JSON), before any outcome. */
export type CycleAnnouncement = CycleDisclosure;

/** The facts a disclosure is derived from: what was announced, and the outcome so far. */
export type CycleFacts = { announced: CycleAnnouncement; outcome: CycleOutcome };

export const NO_OUTCOME: CycleOutcome = Object.freeze({
  collectedFen: null,
  failedFen: null,
  advancedFen: null,
  pendingFen: null,
  retriesDone: null,
  writtenOffFen: null,
  recoveredLaterFen: null,
});

const OPTIONAL = ["pendingFen", "retriesDone", "writtenOffFen", "recoveredLaterFen"] as const;

/**
 * The disclosure of a cycle, derived from its facts. Its keys come in the order PostgreSQL's jsonb gave
 * them when the disclosure was stored whole (shorter keys first, then bytewise), so the published bytes
 * are those of before; an outcome not yet known is null, an optional one absent.
 */
export function discloseCycle(facts: CycleFacts): CycleDisclosure {
  const { announced, outcome } = facts;
  const d: Record<string, unknown> = {
    ...announced,
    collectedFen: outcome.collectedFen,
    failedFen: outcome.failedFen,
    advancedFen: outcome.advancedFen,
  };
  for (const k of OPTIONAL) {
    const v = outcome[k];
    if (v === null) delete d[k];
    else d[k] = v;
  }
  const paid = paidAfterFailures(d as CycleDisclosure);
  if (paid.shortFen > 0) d.benefitsPaidFen = paid.benefitsPaidFen;
  else delete d.benefitsPaidFen;
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(d).sort(jsonbKeyOrder)) ordered[k] = d[k];
  return ordered as CycleDisclosure;
}

/**
 * Failed shares the operator did not advance (failed − advanced) reduce what is paid: the benefits
 * first, then the fees — nothing is paid from money that never came in. The ledger's payout and fee
 * postings and the disclosure's `benefitsPaidFen` both come from here, live and in the scenario runner.
 */
export function paidAfterFailures(
  d: Pick<CycleDisclosure, "benefitsFen" | "feesFen" | "failedFen" | "advancedFen">,
): { shortFen: number; benefitsPaidFen: number; feesTakenFen: number } {
  const shortFen = Math.max(0, (d.failedFen ?? 0) - (d.advancedFen ?? 0));
  const fromBenefits = Math.min(shortFen, d.benefitsFen);
  const fromFees = Math.min(shortFen - fromBenefits, d.feesFen);
  return { shortFen, benefitsPaidFen: d.benefitsFen - fromBenefits, feesTakenFen: d.feesFen - fromFees };
}

/** The outcome part of a disclosure: what the cycle's columns hold. */
export function outcomeOf(d: CycleDisclosure): CycleOutcome {
  return {
    collectedFen: d.collectedFen,
    failedFen: d.failedFen,
    advancedFen: d.advancedFen,
    pendingFen: d.pendingFen ?? null,
    retriesDone: d.retriesDone ?? null,
    writtenOffFen: d.writtenOffFen ?? null,
    recoveredLaterFen: d.recoveredLaterFen ?? null,
  };
}

/** What came in (collected, failed, sponsor) is what went out (benefits, fees) plus the surplus kept. */
export function conservesDisclosure(
  d: Pick<
    CycleDisclosure,
    "sponsorFen" | "benefitsFen" | "feesFen" | "surplusInFen" | "surplusOutFen" | "collectedFen" | "failedFen"
  >,
): boolean {
  return conserves({
    chargedFen: fen((d.collectedFen ?? 0) + (d.failedFen ?? 0)),
    sponsorFen: fen(d.sponsorFen),
    benefitsFen: fen(d.benefitsFen),
    feesFen: fen(d.feesFen),
    surplusInFen: fen(d.surplusInFen),
    surplusOutFen: fen(d.surplusOutFen),
  });
}

/** jsonb's order of object keys: by length, then byte by byte (the keys are ASCII). */
function jsonbKeyOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
