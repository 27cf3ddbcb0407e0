import type { CivilDate } from "../calendar.ts";
import type { ClaimDecision, ClaimFacts, ClaimReason } from "../plan/decision.ts";

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
  const refuse = (reason: ClaimReason, explanation: string, ends: boolean): ClaimDecision => ({
    approved: false,
    ruleVersion: rulesDecision.ruleVersion,
    reason,
    explanation: note ? `${explanation} (${note})` : explanation,
    endsParticipation: ends,
  });
  if (f.falseClaim) return refuse("false_claim", "the claim was found false; the deposit is forfeited", true);
  if (!f.diagnosisProven) return refuse("not_proven", "the documents do not prove the diagnosis", false);
  return rulesDecision;
}

/** The stored form of a decision: the amounts only when approved, the reason only when refused. */
export function storedDecision(d: ClaimDecision, by: StoredDecision["by"]): StoredDecision {
  return {
    approved: d.approved,
    reason: d.approved ? null : d.reason,
    explanation: d.explanation,
    benefitFen: d.approved ? d.benefitFen : null,
    scheduleFen: d.approved ? d.scheduleFen : null,
    phaseInBp: d.approved ? d.phaseInBp : null,
    ruleVersion: d.ruleVersion,
    by,
  };
}
