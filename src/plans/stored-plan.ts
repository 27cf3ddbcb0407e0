import type { CivilDate } from "../domain/calendar.ts";
import { type Plan, ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";

export { listPlans, loadStoredPlan } from "../services/plans.service.ts";

/** The rules in force on a day; a plan without any then is a conflict the caller cannot fix by retrying. */
export function rulesOn(plan: Plan, on: CivilDate): Rules {
  return ruleVersionOn(plan, on)?.rules ?? fail("conflict", `no rules in force on ${on}`);
}
