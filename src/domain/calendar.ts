import { err, ok, problem, type Result } from "./result.ts";

/**
 * A civil date (YYYY-MM-DD) in Asia/Shanghai. Every rule of a plan speaks in civil dates;
 * instants (UTC milliseconds) are only for events, and are converted here, never mixed.
 */
export type CivilDate = string & { readonly __kind: "CivilDate" };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parses "YYYY-MM-DD", refusing dates that do not exist (2021-02-29, 2020-13-01). */
export function parseCivilDate(input: unknown, field = "date"): Result<CivilDate> {
  const text = input instanceof Date ? input.toISOString().slice(0, 10) : input;
  if (typeof text !== "string") return err(problem("invalid_date", "a date YYYY-MM-DD is required", field));
  const m = DATE_PATTERN.exec(text);
  if (!m) return err(problem("invalid_date", `"${text}" is not a date YYYY-MM-DD`, field));
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err(problem("invalid_date", `"${text}" is not a date that exists`, field));
  }
  return ok(text as CivilDate);
}

/** For dates known to be valid (constants, tests): throws on a bad one. */
export function civilDate(text: string): CivilDate {
  const r = parseCivilDate(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function partsOf(date: CivilDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function fromParts(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as CivilDate;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil): pure integer arithmetic. */
export function toEpochDay(date: CivilDate): number {
  const { year, month, day } = partsOf(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function fromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return fromParts(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

export const addDays = (date: CivilDate, days: number): CivilDate => fromEpochDay(toEpochDay(date) + days);
/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: CivilDate, to: CivilDate): number => toEpochDay(to) - toEpochDay(from);
export const compareDates = (a: CivilDate, b: CivilDate): number => (a < b ? -1 : a > b ? 1 : 0);
export const maxDate = (a: CivilDate, b: CivilDate): CivilDate => (a > b ? a : b);
export const minDate = (a: CivilDate, b: CivilDate): CivilDate => (a < b ? a : b);

/** Adds months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return fromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

export const addYears = (date: CivilDate, years: number): CivilDate => addMonths(date, years * 12);

/** The civil date in Asia/Shanghai of an instant given in UTC milliseconds. */
export function civilDateOfInstant(instantMs: number): CivilDate {
  return fromEpochDay(Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant (UTC ms) at which a civil date begins in Asia/Shanghai (00:00 +08:00). */
export function startOfCivilDate(date: CivilDate): number {
  return toEpochDay(date) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/**
 * Age in completed years (周岁) on a date. A birthday on 29 February is reached on
 * 1 March in common years, because "02-28" sorts before "02-29".
 */
export function ageOn(birth: CivilDate, on: CivilDate): number {
  const b = partsOf(birth);
  const d = partsOf(on);
  const before = on.slice(5) < birth.slice(5);
  return d.year - b.year - (before ? 1 : 0);
}

/** The first day of the month after `date`'s month, minus one: the month's last day. */
export function endOfMonth(date: CivilDate): CivilDate {
  const { year, month } = partsOf(date);
  return fromParts(year, month, daysInMonth(year, month));
}

export function startOfMonth(date: CivilDate): CivilDate {
  const { year, month } = partsOf(date);
  return fromParts(year, month, 1);
}
