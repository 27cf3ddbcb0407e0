import type { CivilDate } from "../calendar.ts";
import type { JuryTally } from "../jury.ts";
import type { ClaimDecision, ClaimFacts } from "../plan/decision.ts";
import { type Reason, reasonColumns, reasonText, why } from "./reasons.ts";

/** The investigator's (or the reviewer's own) findings on a claim. */
export type Findings = {
  diagnosisProven: boolean;
  preExisting: boolean;
  falseClaim: boolean;
};

/** What is kept of a decision (also what the applicant and the public read). */
export type StoredDecision = {
  approved: boolean;
  reason: string | null;
  explanation: string;
  /** the explanation's code and parameters (src/domain/claim/reasons.ts); absent on decisions before them */
  reasonCode?: string;
  reasonParams?: Record<string, unknown>;
  benefitFen: number | null;
  scheduleFen: number | null;
  phaseInBp: number | null;
  ruleVersion: string | null;
  by: "reviewer" | "jury";
};

export type Standing = ClaimFacts["standing"];

/** A participation as it is stored: its status today and the days it was suspended or ended. */
export type ParticipationDates = {
  status: string;
  suspendedOn: CivilDate | null;
  endedOn: CivilDate | null;
};

/**
 * The participation's standing on the diagnosis date: ended on or before it, suspended on or before it
 * (and still suspended), else active. A suspension lifted since leaves no date, so it reads as active.
 */
export function standingAt(p: ParticipationDates, diagnosedOn: CivilDate): Standing {
  if (p.endedOn !== null && p.endedOn <= diagnosedOn) return "ended";
  if (p.status === "suspended" && p.suspendedOn !== null && p.suspendedOn <= diagnosedOn) return "suspended";
  return "active";
}

/**
 * The decision by the rules and the findings (findings first: a false claim or an unproven diagnosis).
 * A false claim also ends the participation; the reviewer's note is appended to the explanation.
 */
export function judge(rulesDecision: ClaimDecision, f: Findings, note: string): ClaimDecision {
  const refuse = (reason: "false_claim" | "not_proven", ends: boolean): ClaimDecision => {
    const r = why(reason, { note });
    return {
      approved: false,
      ruleVersion: rulesDecision.ruleVersion,
      reason,
      why: r,
      explanation: reasonText(r),
      endsParticipation: ends,
    };
  };
  if (f.falseClaim) return refuse("false_claim", true);
  if (!f.diagnosisProven) return refuse("not_proven", false);
  return rulesDecision;
}

/** A decision the jury reopened: its reason said after the jury's tally ("3 of 4 votes…; approved…"). */
export function afterJury(d: ClaimDecision, t: JuryTally): ClaimDecision {
  const r: Reason = { ...d.why, jury: t.why };
  return { ...d, why: r, explanation: reasonText(r) };
}

/** A stored decision as sent: its code and parameters null where it was stored without them. */
export const decisionShown = (d: StoredDecision) => ({
  ...d,
  reasonCode: d.reasonCode ?? null,
  reasonParams: d.reasonParams ?? null,
});

/** The stored form of a decision: the amounts only when approved, the reason only when refused. */
export function storedDecision(d: ClaimDecision, by: StoredDecision["by"]): StoredDecision {
  return {
    approved: d.approved,
    reason: d.approved ? null : d.reason,
    explanation: d.explanation,
    reasonCode: reasonColumns(d.why).code,
    reasonParams: reasonColumns(d.why).params,
    benefitFen: d.approved ? d.benefitFen : null,
    scheduleFen: d.approved ? d.scheduleFen : null,
    phaseInBp: d.approved ? d.phaseInBp : null,
    ruleVersion: d.ruleVersion,
    by,
  };
}
