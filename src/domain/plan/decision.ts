import { ageOn, type CivilDate, daysBetween } from "../calendar.ts";
import { type Reason, reasonText, why } from "../claim/reasons.ts";
import type { Fen } from "../money.ts";
import { benefitFor } from "./benefit.ts";
import { type Plan, ruleVersionOn } from "./document.ts";
import { coveredFrom, membershipDay, waitingDaysFor } from "./waiting.ts";

/** Stable reason codes of a refused claim (the API, reports and the log use these strings). */
export const CLAIM_REASONS = [
  "late_report",
  "not_covered",
  "pre_existing",
  "waiting_period",
  "age_limit",
  "not_a_member",
  "suspended",
  "phase_in",
  /** 安家30: a death inside the observation period refunds the contributions paid, and none were. */
  "nothing_paid_in",
  // findings of the review (src/domain/claim/decision.ts), not of the rules
  "not_proven",
  "false_claim",
] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

export type ClaimFacts = {
  readonly event: string;
  readonly diagnosedOn: CivilDate;
  readonly reportedOn: CivilDate;
  /** Reported by an heir after the member's death: the longer deadline applies. */
  readonly afterDeath: boolean;
  /** The health declaration proved false (a pre-existing condition). */
  readonly preExisting: boolean;
  readonly birthDate: CivilDate;
  readonly joinedOn: CivilDate;
  readonly tier: string;
  readonly standing: "active" | "suspended" | "ended";
  readonly ownContributionsFen: Fen;
  readonly effectiveMembers: number;
};

export type ClaimDecision =
  | {
      readonly approved: true;
      readonly ruleVersion: CivilDate;
      readonly benefitFen: Fen;
      readonly scheduleFen: Fen;
      readonly phaseInBp: number;
      readonly why: Reason;
      /** reasonText(why): the English kept beside the code */
      readonly explanation: string;
      readonly endsParticipation: boolean;
    }
  | {
      readonly approved: false;
      readonly ruleVersion: CivilDate | null;
      readonly reason: ClaimReason;
      readonly why: Reason;
      readonly explanation: string;
      readonly endsParticipation: boolean;
    };

/**
 * Decides a claim by the rules: the rule version in force on the diagnosis date, the report deadline,
 * the health declaration, the waiting period, the age band, the phase-in and the tier. A diagnosis in
 * the waiting period ends the participation without benefit (domain.md §3).
 */
export function decideClaim(plan: Plan, c: ClaimFacts): ClaimDecision {
  const version = ruleVersionOn(plan, c.diagnosedOn);
  const refuse = (reason: ClaimReason, r: Reason, endsParticipation = false): ClaimDecision => ({
    approved: false,
    ruleVersion: version?.effective ?? null,
    reason,
    why: r,
    explanation: reasonText(r),
    endsParticipation,
  });
  if (!version) return refuse("not_covered", why("no_rules_in_force", { diagnosedOn: c.diagnosedOn }));
  const rules = version.rules;
  if (c.standing === "ended" || c.diagnosedOn < c.joinedOn) {
    return refuse("not_a_member", why("not_a_member", { diagnosedOn: c.diagnosedOn }));
  }
  if (c.standing === "suspended") return refuse("suspended", why("suspended", {}));
  const deadlineDays = c.afterDeath ? rules.claims.reportAfterDeathWithinDays : rules.claims.reportWithinDays;
  const reportedAfterDays = daysBetween(c.diagnosedOn, c.reportedOn);
  if (reportedAfterDays > deadlineDays) {
    return refuse("late_report", why("late_report", { reportedAfterDays, limitDays: deadlineDays }));
  }
  if (!rules.eventClasses.some((e) => e.id === c.event))
    return refuse("not_covered", why("not_covered", { event: c.event }));
  if (c.preExisting) {
    return refuse("pre_existing", why("pre_existing", {}), true);
  }
  const ageAtJoining = ageOn(c.birthDate, c.joinedOn);
  const waitingDays = waitingDaysFor(rules, ageAtJoining, c.event);
  const firstCovered = coveredFrom(c.joinedOn, waitingDays);
  if (c.diagnosedOn < firstCovered) {
    const params = { diagnosedOn: c.diagnosedOn, waitingDays, coveredFrom: firstCovered };
    return refuse("waiting_period", why("waiting_period", params), true);
  }
  const day = membershipDay(c.joinedOn, c.diagnosedOn);
  const ageAtDiagnosis = ageOn(c.birthDate, c.diagnosedOn);
  const benefit = benefitFor(rules, {
    event: c.event,
    tier: c.tier,
    ageAtJoining,
    ageAtDiagnosis,
    membershipDay: day,
    ownContributionsFen: c.ownContributionsFen,
    effectiveMembers: c.effectiveMembers,
  });
  if (!benefit.ok) {
    if (benefit.error.code !== "age_limit")
      return refuse("not_covered", why("not_covered", { event: c.event }));
    const { ageBasis } = rules.benefits;
    const age = ageBasis === "joining" ? ageAtJoining : ageAtDiagnosis;
    return refuse("age_limit", why("age_limit", { event: c.event, age, ageBasis, tier: c.tier }));
  }
  // Nothing payable is a refusal with its reason: an approved case always pays (claims_benefit_fen_check).
  if (benefit.value.benefitFen === 0) {
    if (benefit.value.formula === "refundBeforeObservation")
      return refuse("nothing_paid_in", why("nothing_paid_in", { membershipDay: day }));
    const code = benefit.value.phaseInBp === 0 ? "phase_in" : "phase_in_below_fen";
    return refuse("phase_in", why(code, { membershipDay: day }));
  }
  const approved = why("approved", {
    ruleVersion: version.effective,
    phaseInBp: benefit.value.phaseInBp,
    membershipDay: day,
  });
  return {
    approved: true,
    ruleVersion: version.effective,
    benefitFen: benefit.value.benefitFen,
    scheduleFen: benefit.value.scheduleFen,
    phaseInBp: benefit.value.phaseInBp,
    why: approved,
    explanation: reasonText(approved),
    endsParticipation: rules.claims.paymentEndsParticipation,
  };
}
