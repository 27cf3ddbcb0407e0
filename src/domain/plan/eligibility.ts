import { ageOn, type CivilDate, daysBetween } from "../calendar.ts";
import type { Sex } from "../identity.ts";
import { err, ok, type Problem, problem, type Result } from "../result.ts";
import type { Rules } from "./schema.ts";

export type JoinRequest = {
  readonly birthDate: CivilDate;
  readonly sex: Sex;
  readonly joinDate: CivilDate;
  readonly tier?: string | undefined;
  /** Health declaration answers by question id: true = "yes, this applies to me". */
  readonly answers?: Readonly<Record<string, boolean>> | undefined;
  /** The version of the questions the member answered. */
  readonly answersVersion?: string | undefined;
  readonly invitationCode?: string | undefined;
  readonly occupation?: string | undefined;
};

/** The age limits at joining, inclusive on both ends (a minimum in days for infants). */
export function checkAgeAtJoining(rules: Rules, birthDate: CivilDate, joinDate: CivilDate): Result<number> {
  const limits = rules.eligibility.ageAtJoining;
  const years = ageOn(birthDate, joinDate);
  const tooYoung =
    (limits.minDays !== undefined && daysBetween(birthDate, joinDate) < limits.minDays) ||
    (limits.minYears !== undefined && years < limits.minYears);
  if (tooYoung) {
    const min = limits.minDays !== undefined ? `${limits.minDays} days` : `${limits.minYears} years`;
    return err(problem("age_limit", `must be at least ${min} old to join`, "birthDate"));
  }
  if (years > limits.maxYears) {
    return err(
      problem("age_limit", `must be at most ${limits.maxYears} years old to join (is ${years})`, "birthDate"),
    );
  }
  return ok(years);
}

/** Applies every joining requirement of the rule version in force on the join date. */
export function checkEligibility(
  rules: Rules,
  req: JoinRequest,
): Result<{ tier: string; ageAtJoining: number }> {
  const age = checkAgeAtJoining(rules, req.birthDate, req.joinDate);
  if (!age.ok) return age;
  const e = rules.eligibility;
  if (e.sexes && !e.sexes.includes(req.sex))
    return err(problem("not_eligible", `the plan is for ${e.sexes.join(", ")} members`, "sex"));
  const tier = req.tier ?? rules.tiers[0]!.id;
  if (!rules.tiers.some((t) => t.id === tier)) {
    return err(
      problem("unknown_tier", `no tier "${tier}"; tiers: ${rules.tiers.map((t) => t.id).join(", ")}`, "tier"),
    );
  }
  const declaration = checkDeclaration(rules, req);
  if (declaration) return err(declaration);
  if (req.occupation !== undefined && e.excludedOccupations?.includes(req.occupation)) {
    return err(
      problem(
        "occupation_excluded",
        `the occupation "${req.occupation}" cannot join this plan`,
        "occupation",
      ),
    );
  }
  if (e.invitationRequired && !req.invitationCode) {
    return err(problem("invitation_required", "this plan needs an invitation code", "invitationCode"));
  }
  return ok({ tier, ageAtJoining: age.value });
}

function checkDeclaration(rules: Rules, req: JoinRequest): Problem | undefined {
  const hd = rules.eligibility.healthDeclaration;
  if (!hd) return undefined;
  if (req.answersVersion !== undefined && req.answersVersion !== hd.version) {
    return problem(
      "declaration_outdated",
      `answers are for version ${req.answersVersion}; the plan asks version ${hd.version}`,
      "answersVersion",
    );
  }
  for (const q of hd.questions) {
    const answer = req.answers?.[q.id];
    if (answer === undefined)
      return problem("declaration_incomplete", `question "${q.id}" is not answered`, `answers.${q.id}`);
    if (answer)
      return problem(
        "health_declaration",
        `does not meet the health requirement: ${q.text}`,
        `answers.${q.id}`,
      );
  }
  return undefined;
}
