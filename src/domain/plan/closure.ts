import { type CivilDate, daysInMonth, fromParts, partsOf } from "../calendar.ts";
import type { Rules } from "./schema.ts";

export type MembershipStanding = "healthy" | "warning" | "below_minimum";

/**
 * Membership against the plan's minimum (相互宝 3.24 million; 灯火 500,000; 轻松 200,000): under the
 * minimum the plan may close; within `warnAbovePercent` above it, members and operator are warned.
 */
export function membershipStanding(rules: Rules, members: number): MembershipStanding {
  const min = rules.closure.minimumMembers;
  if (min === undefined) return "healthy";
  if (members < min) return "below_minimum";
  const margin = rules.closure.warnAbovePercent ?? 0;
  // members < min × (1 + margin): compared in integers (basis points) to stay exact
  return BigInt(members) * 10_000n < BigInt(min) * BigInt(10_000 + margin) ? "warning" : "healthy";
}

/** The day a member moves to another plan at an age (抗癌公社: the parents' plan at 65), if the rules say so. */
export function transferDueOn(
  rules: Rules,
  birthDate: CivilDate,
): { on: CivilDate; toPlan: string } | undefined {
  const t = rules.transferAtAge;
  if (!t) return undefined;
  return { on: birthdayOfAge(birthDate, t.age), toPlan: t.toPlan };
}

/** The day a person reaches an age; as in `ageOn`, 29 February birthdays fall on 1 March in common years. */
export function birthdayOfAge(birthDate: CivilDate, age: number): CivilDate {
  const { year, month, day } = partsOf(birthDate);
  const y = year + age;
  return day > daysInMonth(y, month) ? fromParts(y, month + 1, 1) : fromParts(y, month, day);
}
