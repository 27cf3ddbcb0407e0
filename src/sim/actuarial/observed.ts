import { addDays, addMonths, type CivilDate, parseCivilDate, toEpochDay } from "../../domain/calendar.ts";

/**
 * An observed cost path (data/observed/*.csv): `date,members,cost_per_member_yuan,source`. A row's cost is
 * the share per member over the 12 months ending on its date; its members, those sharing on that date.
 * Either may be blank (members are then interpolated; a row without a cost only shapes the path). The
 * first row's date is the plan's start; the source runs to the end of the line (it may hold commas).
 */
export type ObservedPoint = {
  readonly date: CivilDate;
  readonly members: number | undefined;
  readonly costYuan: number | undefined;
  readonly source: string;
};
export type ObservedPath = { readonly name: string; readonly points: ReadonlyArray<ObservedPoint> };

const HEADER = "date,members,cost_per_member_yuan,source";

/** Parses a path; errors name the line (the CLI prints them as one line, exit 2). */
export function parseObservedPath(
  name: string,
  csv: string,
): { ok: true; value: ObservedPath } | { ok: false; error: string } {
  const lines = csv
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (lines[0] !== HEADER) return { ok: false, error: `${name}: the first line must be ${HEADER}` };
  const points: ObservedPoint[] = [];
  for (const [n, line] of lines.slice(1).entries()) {
    const [date, members, cost, ...source] = line.split(",");
    const where = `${name} line ${n + 2}`;
    const d = parseCivilDate(date);
    if (!d.ok) return { ok: false, error: `${where}: date must be YYYY-MM-DD` };
    const num = (text: string | undefined) => (text === undefined || text === "" ? undefined : Number(text));
    const m = num(members);
    const c = num(cost);
    if (m !== undefined && !(Number.isFinite(m) && m >= 0))
      return { ok: false, error: `${where}: members must be a non-negative number or blank` };
    if (c !== undefined && !(Number.isFinite(c) && c > 0))
      return { ok: false, error: `${where}: cost_per_member_yuan must be a positive number or blank` };
    if (points.length > 0 && d.value <= points.at(-1)!.date)
      return { ok: false, error: `${where}: dates must increase` };
    points.push({ date: d.value, members: m, costYuan: c, source: source.join(",").trim() });
  }
  if (!points.some((p) => p.costYuan !== undefined))
    return { ok: false, error: `${name}: no row has a cost_per_member_yuan` };
  if (points.filter((p) => p.members !== undefined).length < 1)
    return { ok: false, error: `${name}: no row has members` };
  return { ok: true, value: { name, points } };
}

/** The last day of simulated month m (month 0 starts on the start date). */
export const monthEnd = (start: CivilDate, m: number): CivilDate => addDays(addMonths(start, m + 1), -1);

/** Members at the end of each month, interpolated linearly between the rows that give them; none after. */
export function membersPathOf(path: ObservedPath, months: number): number[] {
  const known = path.points.filter((p) => p.members !== undefined);
  const start = path.points[0]!.date;
  const out: number[] = [];
  for (let m = 0; m < months; m++) {
    const day = toEpochDay(monthEnd(start, m));
    const after = known.findIndex((p) => toEpochDay(p.date) >= day);
    if (after < 0) break;
    const b = known[after]!;
    const a = known[after - 1];
    if (!a) {
      out.push(b.members!);
      continue;
    }
    const t = (day - toEpochDay(a.date)) / (toEpochDay(b.date) - toEpochDay(a.date));
    out.push(a.members! + t * (b.members! - a.members!));
  }
  return out;
}

/** The months (0-based) whose last day falls in the 12 months ending on date. */
export function windowMonths(start: CivilDate, date: CivilDate, months: number): number[] {
  const from = addMonths(date, -12);
  const out: number[] = [];
  for (let m = 0; m < months; m++) {
    const end = monthEnd(start, m);
    if (end > from && end <= date) out.push(m);
  }
  return out;
}

/** Months from the path's start to its last cost point, inclusive. */
export function monthsToCover(path: ObservedPath): number {
  const start = path.points[0]!.date;
  const last = path.points.filter((p) => p.costYuan !== undefined).at(-1)!.date;
  let m = 0;
  while (monthEnd(start, m) < last) m++;
  return m + 1;
}
