import { ageOn, type CivilDate, daysBetween } from "../calendar.ts";
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
      readonly explanation: string;
      readonly endsParticipation: boolean;
    }
  | {
      readonly approved: false;
      readonly ruleVersion: CivilDate | null;
      readonly reason: ClaimReason;
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
  const refuse = (reason: ClaimReason, explanation: string, endsParticipation = false): ClaimDecision => ({
    approved: false,
    ruleVersion: version?.effective ?? null,
    reason,
    explanation,
    endsParticipation,
  });
  if (!version) return refuse("not_covered", `the plan had no rules in force on ${c.diagnosedOn}`);
  const rules = version.rules;
  if (c.standing === "ended" || c.diagnosedOn < c.joinedOn) {
    return refuse("not_a_member", `not a member of the plan on the diagnosis date ${c.diagnosedOn}`);
  }
  if (c.standing === "suspended")
    return refuse("suspended", "protection was suspended on the diagnosis date");
  const deadlineDays = c.afterDeath ? rules.claims.reportAfterDeathWithinDays : rules.claims.reportWithinDays;
  const reportedAfterDays = daysBetween(c.diagnosedOn, c.reportedOn);
  if (reportedAfterDays > deadlineDays) {
    return refuse(
      "late_report",
      `reported ${reportedAfterDays} days after the diagnosis; the limit is ${deadlineDays} days`,
    );
  }
  if (!rules.eventClasses.some((e) => e.id === c.event))
    return refuse("not_covered", `the plan does not cover "${c.event}"`);
  if (c.preExisting) {
    return refuse(
      "pre_existing",
      "the condition existed before joining, against the health declaration",
      true,
    );
  }
  const ageAtJoining = ageOn(c.birthDate, c.joinedOn);
  const waitingDays = waitingDaysFor(rules, ageAtJoining, c.event);
  const firstCovered = coveredFrom(c.joinedOn, waitingDays);
  if (c.diagnosedOn < firstCovered) {
    return refuse(
      "waiting_period",
      `diagnosed on ${c.diagnosedOn}, inside the ${waitingDays}-day waiting period (cover from ${firstCovered}); the participation ends`,
      true,
    );
  }
  const day = membershipDay(c.joinedOn, c.diagnosedOn);
  const benefit = benefitFor(rules, {
    event: c.event,
    tier: c.tier,
    ageAtJoining,
    ageAtDiagnosis: ageOn(c.birthDate, c.diagnosedOn),
    membershipDay: day,
    ownContributionsFen: c.ownContributionsFen,
    effectiveMembers: c.effectiveMembers,
  });
  if (!benefit.ok)
    return refuse(benefit.error.code === "age_limit" ? "age_limit" : "not_covered", benefit.error.message);
  // Nothing payable is a refusal with its reason: an approved case always pays (claims_benefit_fen_check).
  if (benefit.value.benefitFen === 0) {
    if (benefit.value.formula === "refundBeforeObservation")
      return refuse(
        "nothing_paid_in",
        `membership day ${day} is inside the observation period, where the benefit is the contributions paid; none were paid yet`,
      );
    return refuse(
      "phase_in",
      benefit.value.phaseInBp === 0
        ? `membership day ${day} is before the first phase-in step`
        : `on membership day ${day} the phase-in leaves less than a fen of the scheduled amount`,
    );
  }
  return {
    approved: true,
    ruleVersion: version.effective,
    benefitFen: benefit.value.benefitFen,
    scheduleFen: benefit.value.scheduleFen,
    phaseInBp: benefit.value.phaseInBp,
    explanation: `approved under the rules of ${version.effective}: ${benefit.value.phaseInBp / 100}% of the scheduled amount on membership day ${day}`,
    endsParticipation: rules.claims.paymentEndsParticipation,
  };
}
