import { type CivilDate, daysInMonth, fromParts, partsOf } from "../calendar.ts";
import type { Rules } from "./schema.ts";

export type MembershipStanding = "healthy" | "warning" | "below_minimum";

export type MembershipThresholds = {
  /** Under this many members the plan may close. */
  readonly minimum: number;
  /** From this many members up the plan is healthy; between the two, members and operator are warned. */
  readonly warnAt: number;
};

/**
 * The minimum and the warning line (相互宝 3.24 million and 10% above it; 灯火 500,000; 轻松 200,000), or
 * undefined where the rules set no minimum. The line is minimum × (1 + warnAbovePercent) rounded up to a
 * whole member, in integers (basis points) to stay exact: with 3,240,000 and 10% it is 3,564,000.
 */
export function membershipThresholds(rules: Rules): MembershipThresholds | undefined {
  const minimum = rules.closure.minimumMembers;
  if (minimum === undefined) return undefined;
  const marginBp = BigInt(rules.closure.warnAbovePercent ?? 0);
  const aboveMinimum = (BigInt(minimum) * marginBp + 9_999n) / 10_000n;
  return { minimum, warnAt: minimum + Number(aboveMinimum) };
}

/** Membership against the plan's thresholds: under the minimum the plan may close, under the line it warns. */
export function membershipStanding(rules: Rules, members: number): MembershipStanding {
  const t = membershipThresholds(rules);
  if (t === undefined) return "healthy";
  if (members < t.minimum) return "below_minimum";
  return members < t.warnAt ? "warning" : "healthy";
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
