import { addDays, type CivilDate, daysInMonth, fromParts, partsOf } from "../calendar.ts";
import type { CycleCalendar } from "./schema.ts";

/** One cycle: the announcement fixes cases and sharing members; collection follows. */
export type CycleDates = { readonly announcedOn: CivilDate; readonly collectOn: CivilDate };

/**
 * The cycles whose announcement falls in [from, to]. A per-event calendar has a cycle on each day
 * in `eventDays` (days with newly decided cases); the others follow the calendar regardless.
 */
export function cycleDates(
  calendar: CycleCalendar,
  from: CivilDate,
  to: CivilDate,
  eventDays: readonly CivilDate[] = [],
): CycleDates[] {
  const out: CycleDates[] = [];
  if (calendar.kind === "perEvent") {
    for (const d of [...new Set(eventDays)].sort()) {
      if (d >= from && d <= to)
        out.push({ announcedOn: d, collectOn: addDays(d, calendar.collectAfterDays) });
    }
    return out;
  }
  const start = partsOf(from);
  const end = partsOf(to);
  for (let index = start.year * 12 + start.month - 1; index <= end.year * 12 + end.month - 1; index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    for (const c of cyclesInMonth(calendar, year, month)) {
      if (c.announcedOn >= from && c.announcedOn <= to) out.push(c);
    }
  }
  return out;
}

function cyclesInMonth(
  calendar: Exclude<CycleCalendar, { kind: "perEvent" }>,
  year: number,
  month: number,
): CycleDates[] {
  switch (calendar.kind) {
    case "semiMonthly":
      return [0, 1].map((i) => ({
        announcedOn: fromParts(year, month, calendar.announceDays[i]!),
        collectOn: fromParts(year, month, calendar.collectDays[i]!),
      }));
    case "monthly": {
      // An announcement day past the month's end (31 in April) falls on the month's last day.
      const announcedOn = fromParts(year, month, Math.min(calendar.announceDay, daysInMonth(year, month)));
      return [{ announcedOn, collectOn: addDays(announcedOn, calendar.collectAfterDays) }];
    }
    case "yearly": {
      if (month !== calendar.announceMonth) return [];
      const announcedOn = fromParts(year, month, calendar.announceDay);
      return [{ announcedOn, collectOn: addDays(announcedOn, calendar.collectAfterDays) }];
    }
  }
}

/** The first announcement on or after a date (a case decided on day d enters it). */
export function nextAnnouncementOnOrAfter(calendar: CycleCalendar, on: CivilDate): CycleDates {
  if (calendar.kind === "perEvent")
    return { announcedOn: on, collectOn: addDays(on, calendar.collectAfterDays) };
  const found = cycleDates(calendar, on, addDays(on, 400))[0];
  if (!found) throw new Error("invariant violated: a calendar has a cycle within 400 days");
  return found;
}
