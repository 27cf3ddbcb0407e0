import { type CycleResult, previousMonthEndDivisor } from "../apportion.ts";
import { addDays, type CivilDate, startOfMonth } from "../calendar.ts";
import { DEFAULT_WEIGHT_UNITS, weightBands } from "../cycle/sharing.ts";
import { hasPeriodicFees } from "../plan/fees.ts";
import type { Rules } from "../plan/schema.ts";
import type { Fact } from "./facts.ts";
import { num, str } from "./facts.ts";
import type { Membership } from "./membership.ts";

/*
 * The announcement's inputs that `recomputeCycle` would otherwise take on the operator's word —
 * sponsorPaysAll, the divisor, each group's year-to-date paid and fee date — recomputed from the log's
 * own facts (issue 19): the logged wind-down, the logged joins and exits, the plan's earlier cycles and
 * the rules in force. A logged value the log's facts do not give is named.
 */

type Group = { weightUnits: number; ytdFen: number; feeFrom: string | null; members: number };

/** What the log says at an announcement, captured during the replay (audit.ts `announced`). */
export type AnnouncedContext = {
  /** Participations of the plan joined by the previous month's end and not ended by the day. */
  readonly monthEndMembers: number;
  /** The day before each sharing participation's join: a fee date a first share may start from. */
  readonly joinFeeDays: ReadonlySet<string>;
};

/** Per plan, what the cycles before told: the wind-down, the cycles' days, the year's reachable paid sums. */
export type PlanHistory = {
  closing?: { closingOn: string; finalCycles: number };
  readonly days: string[];
  previous?: { announcedOn: string; sharingMembers: number };
  year?: { year: string; reachable: Set<number> };
};

export const emptyHistory = (): PlanHistory => ({ days: [] });

/** A logged wind-down (plan_status closing) of the plan, applied in log order. */
export function applyPlanStatus(h: Map<string, PlanHistory>, f: Fact): void {
  if (f.kind !== "plan_status" || f.e.status !== "closing") return;
  const plan = str(f.e.plan) ?? "";
  const history = h.get(plan) ?? emptyHistory();
  history.closing = {
    closingOn: str(f.e.closingOn) ?? "",
    finalCycles: num(f.e.sponsorPaysFinalCycles) ?? 0,
  };
  h.set(plan, history);
}

/** The context the replay keeps for one announcement: the month-end count and the join fee days. */
export function announcedContext(
  m: Membership,
  plan: string,
  announcedOn: string,
  sharing: ReadonlyArray<{ joinedOn: string }>,
): AnnouncedContext {
  const monthEnd = addDays(startOfMonth(announcedOn as CivilDate), -1);
  const monthEndMembers = (m.byPlan.get(plan) ?? []).filter(
    (p) => p.joinedOn <= monthEnd && (p.endedOn === null || p.endedOn > announcedOn),
  ).length;
  const joinFeeDays = new Set(sharing.map((p) => String(addDays(p.joinedOn as CivilDate, -1))));
  return { monthEndMembers, joinFeeDays };
}

type Say = (field: string, logged: unknown, expected: string) => void;

/** sponsorPaysAll: in the wind-down's final cycles, by the logged closing and the cycles since. */
function checkSponsor(a: Record<string, unknown>, h: PlanHistory, say: Say): void {
  if (a.sponsorPaysAll === undefined) return;
  const day = str(a.announcedOn) ?? "";
  const c = h.closing;
  const since = c ? h.days.filter((d) => d >= c.closingOn && d < day).length : 0;
  const expected = !!c && day >= c.closingOn && since < c.finalCycles;
  if ((a.sponsorPaysAll === true) !== expected)
    say(
      "sponsorPaysAll",
      a.sponsorPaysAll,
      `${expected} (the logged wind-down and the ${since} cycles since)`,
    );
}

/**
 * The divisor: none under a sharing-members rule; else the previous month-end's members × the factor —
 * exact when every member weighs the same, otherwise between all of them at the lightest and the
 * heaviest weight the rules give (ages are not in the log).
 */
function checkDivisor(a: Record<string, unknown>, rules: Rules, ctx: AnnouncedContext, say: Say): void {
  const logged = a.denominatorWeightUnits;
  if (logged === undefined) return;
  if (rules.apportionment.denominator.kind === "sharingMembers") {
    if (logged !== null)
      say("denominatorWeightUnits", logged, "none (the rules divide by the sharing members)");
    return;
  }
  const weights = [DEFAULT_WEIGHT_UNITS, ...weightBands(rules).map((b) => b.weightUnits)];
  const n = BigInt(ctx.monthEndMembers);
  const lo = previousMonthEndDivisor(rules, n * BigInt(Math.min(...weights))) ?? 0n;
  const hi = previousMonthEndDivisor(rules, n * BigInt(Math.max(...weights))) ?? 0n;
  const value = typeof logged === "string" && /^[0-9]+$/.test(logged) ? BigInt(logged) : null;
  if (value === null || value < lo || value > hi)
    say(
      "denominatorWeightUnits",
      logged,
      lo === hi ? `${lo} (${n} members at the month's end)` : `${lo}–${hi} (${n} members at the month's end)`,
    );
}

/**
 * Year-to-date paid: 0 in the plan's first cycle of the year; later, a sum the year's earlier cycles
 * reach — a group of cycle k that paid y before, charged s, has paid y + s after it.
 */
function checkYtd(a: Record<string, unknown>, groups: readonly Group[], h: PlanHistory, say: Say): void {
  const year = (str(a.announcedOn) ?? "").slice(0, 4);
  const reachable = h.year?.year === year ? h.year.reachable : new Set([0]);
  for (const g of groups)
    if (!reachable.has(g.ytdFen))
      say(
        "a group's ytdFen",
        g.ytdFen,
        `one of ${[...reachable].sort((x, y) => x - y).join(", ")} fen (what the year's earlier cycles charged)`,
      );
}

/**
 * Fee dates: none without periodic fees; else before the day, each the plan's earlier cycle (a member
 * charged then), or the day before a sharing member's join (a first charge); no more members dated at
 * the previous cycle than shared in it.
 */
function checkFeeFrom(
  a: Record<string, unknown>,
  groups: readonly Group[],
  rules: Rules,
  h: PlanHistory,
  ctx: AnnouncedContext,
  say: Say,
): void {
  const periodic = hasPeriodicFees(rules);
  const day = str(a.announcedOn) ?? "";
  for (const g of groups) {
    if (!periodic) {
      if (g.feeFrom !== null) say("a group's feeFrom", g.feeFrom, "none (the rules charge no periodic fee)");
      continue;
    }
    const known =
      g.feeFrom !== null && g.feeFrom < day && (h.days.includes(g.feeFrom) || ctx.joinFeeDays.has(g.feeFrom));
    if (!known)
      say(
        "a group's feeFrom",
        g.feeFrom,
        "an earlier cycle's day, or the day before a sharing member joined",
      );
  }
  const prev = h.previous;
  if (!periodic || !prev) return;
  const atPrev = groups.filter((g) => g.feeFrom === prev.announcedOn).reduce((n, g) => n + g.members, 0);
  if (atPrev > prev.sharingMembers)
    say(
      "the members whose fee runs from the previous cycle",
      atPrev,
      `at most the ${prev.sharingMembers} who shared in it`,
    );
}

/** Every input of the announcement against what the log gives; problems named by `name`. */
export function checkAnnouncedInputs(
  name: string,
  a: Record<string, unknown>,
  rules: Rules,
  h: PlanHistory,
  ctx: AnnouncedContext,
  problems: string[],
): void {
  const say: Say = (field, logged, expected) =>
    problems.push(
      `${name}: ${field} is ${String(logged)} in the logged announcement, the log's facts give ${expected}`,
    );
  checkSponsor(a, h, say);
  checkDivisor(a, rules, ctx, say);
  const groups = Array.isArray(a.groups) ? (a.groups as Group[]) : undefined;
  if (!groups) return;
  checkYtd(a, groups, h, say);
  checkFeeFrom(a, groups, rules, h, ctx, say);
}

/** After the cycle: its day, its sharers and what its groups have paid this year, for the next ones. */
export function afterCycle(h: PlanHistory, a: Record<string, unknown>, r: CycleResult | undefined): void {
  const day = str(a.announcedOn) ?? "";
  const year = day.slice(0, 4);
  if (h.year?.year !== year) h.year = { year, reachable: new Set([0]) };
  const groups = Array.isArray(a.groups) ? (a.groups as Group[]) : [];
  const reachable = h.year.reachable;
  if (r) for (const [i, g] of groups.entries()) reachable.add(g.ytdFen + (r.shares[i]?.shareFen ?? 0));
  h.days.push(day);
  h.previous = { announcedOn: day, sharingMembers: num(a.sharingMembers) ?? 0 };
}
