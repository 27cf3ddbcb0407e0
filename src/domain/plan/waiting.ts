import { addDays, type CivilDate, daysBetween } from "../calendar.ts";
import type { Rules } from "./schema.ts";

/** Waiting days for an event class by age at joining: the first matching rule, else none. */
export function waitingDaysFor(rules: Rules, ageAtJoining: number, event: string): number {
  for (const w of rules.waiting) {
    if (w.events && !w.events.includes(event)) continue;
    if (w.ages?.from !== undefined && ageAtJoining < w.ages.from) continue;
    if (w.ages?.to !== undefined && ageAtJoining > w.ages.to) continue;
    return w.days;
  }
  return 0;
}

/**
 * The first covered day. The waiting period counts the joining day as its first day, so with
 * 90 days and a join on 2020-01-01 the waiting period is 01-01…03-30 and cover starts 03-31.
 */
export function coveredFrom(joinDate: CivilDate, waitingDays: number): CivilDate {
  return addDays(joinDate, waitingDays);
}

/** The day of membership: the joining day is day 1. */
export function membershipDay(joinDate: CivilDate, on: CivilDate): number {
  return daysBetween(joinDate, on) + 1;
}

/** The payable fraction in basis points on a membership day (e互助: 181–270 50%, 271–360 75%, 361+ 100%). */
export function phaseInBp(rules: Rules, day: number): number {
  if (rules.phaseIn.length === 0) return 10_000;
  let bp = 0;
  for (const step of rules.phaseIn) if (day >= step.fromMembershipDay) bp = step.percent;
  return bp;
}
