import { addYears, ageOn, type CivilDate } from "./calendar.ts";
import { err, ok, problem, type Result } from "./result.ts";

export type Relation = "child" | "parent" | "spouse";

export type FamilyRules = {
  readonly parentAgeGapYearsMin: number;
  readonly adultAgeYears: number;
  readonly spouseAgeYearsMin: number;
};

/**
 * Whether a relation is plausible from the two birth dates alone: a child is a minor and at least the
 * parent gap younger than the member; a parent is at least the gap older; a spouse is of marriageable
 * age. Nothing here depends on who is registered, so a refusal reveals nothing about the ID.
 */
export function relationPlausible(
  relation: Relation,
  memberBirth: CivilDate,
  personBirth: CivilDate,
  today: CivilDate,
  rules: FamilyRules,
): Result<null> {
  const age = ageOn(personBirth, today);
  const gap = rules.parentAgeGapYearsMin;
  if (relation === "child") {
    if (age >= rules.adultAgeYears)
      return err(
        problem(
          "not_a_minor",
          `a child dependant is under ${rules.adultAgeYears}; an adult registers themselves`,
          "residentId",
        ),
      );
    if (personBirth < addYears(memberBirth, gap))
      return err(
        problem(
          "implausible_relation",
          `a child is at least ${gap} years younger than the parent`,
          "relation",
        ),
      );
    return ok(null);
  }
  if (relation === "parent" && personBirth > addYears(memberBirth, -gap))
    return err(
      problem("implausible_relation", `a parent is at least ${gap} years older than the member`, "relation"),
    );
  if (relation === "spouse" && age < rules.spouseAgeYearsMin)
    return err(
      problem("implausible_relation", `a spouse is at least ${rules.spouseAgeYearsMin}`, "relation"),
    );
  return ok(null);
}
