import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { type CycleDates, cycleDates } from "../domain/plan/cycle-calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { observedStep } from "../observability/process-metrics.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { dueRenewals, renewPremiums } from "../pools/renewal.ts";
import { closePoolYear, dueYearEnds } from "../pools/year-end.ts";
import type { Queryable } from "../store/db.ts";
import { announceCycle } from "./announce.ts";
import { collectCycle } from "./collect.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { proofChunks } from "./proofs.ts";
import { runDueRetries } from "./retries.ts";

/**
 * One unit of the scheduler's work for a plan; each is idempotent (a step run twice has one effect).
 * A cycle is two steps on two dates of the plan's calendar: its announcement (cases frozen, shares
 * written, confirm-mode members asked) and, on its collection day, the collection — in between the
 * members who confirm do so. Neither runs before its date by the application's clock.
 */
export type CycleStep =
  | { kind: "announce"; planId: string; announcedOn: CivilDate }
  | { kind: "collect"; planId: string; announcedOn: CivilDate; collectOn: CivilDate }
  | { kind: "retries"; planId: string; on: CivilDate }
  | { kind: "proofs"; planId: string; cycleId: number }
  /** A premium-pool plan's year's end: unused group pools returned, used ones carried (issue 17). */
  | { kind: "poolYearEnd"; planId: string; year: number }
  /** A premium-pool plan's renewal premiums of a year, and their retries (issue 17, pools/renewal.ts). */
  | { kind: "poolRenewal"; planId: string; year: number };

type CalendarStep = Extract<CycleStep, { kind: "announce" | "collect" }>;

/** The date a calendar step is due on. */
export const stepDate = (s: CalendarStep): CivilDate => (s.kind === "announce" ? s.announcedOn : s.collectOn);

/**
 * Calendar steps in the order they must run: by their date; on one date an earlier cycle's collection
 * before the next announcement, and a cycle's announcement before its own same-day collection.
 */
export function orderSteps<S extends CalendarStep>(steps: readonly S[]): S[] {
  const key = (s: S) => `${stepDate(s)}|${s.announcedOn}|${s.kind === "announce" ? 0 : 1}`;
  return [...steps].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * What is due for a plan on `today`, in the order it must run: the collections of announced cycles whose
 * collection day has come (or whose collection a crash interrupted), every announcement day of the
 * plan's calendar from the day after the last cycle (or `since`) — after downtime it catches up, each
 * missed announcement followed by its collection when that day has passed too —, then the retries,
 * then the proof chunks of every cycle with a root.
 */
export async function dueCycleSteps(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CycleStep[]> {
  const calendar: CalendarStep[] = [];
  for (const c of await cycleRepository.openCycles(q, planId))
    if (c.collectOn <= today) calendar.push({ kind: "collect", planId, ...c });
  for (const c of await dueAnnouncements(q, planId, today, since)) {
    calendar.push({ kind: "announce", planId, announcedOn: c.announcedOn });
    if (c.collectOn <= today) calendar.push({ kind: "collect", planId, ...c });
  }
  const steps: CycleStep[] = orderSteps(calendar);
  steps.push({ kind: "retries", planId, on: today });
  for (const year of await dueYearEnds(q, planId, today)) steps.push({ kind: "poolYearEnd", planId, year });
  for (const year of await dueRenewals(q, planId, today)) steps.push({ kind: "poolRenewal", planId, year });
  return [...steps, ...(await dueProofSteps(q, planId))];
}

/**
 * The announcements due by `today` that have not run, from the day after the last cycle (or `since`).
 * A per-event day is due while a case decided by then waits; every cycle freezes the cases decided by
 * its day, which the walk over the days follows.
 */
export async function dueAnnouncements(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CycleDates[]> {
  const plan = await loadStoredPlan(q, planId);
  const last = await cycleRepository.lastCycleDay(q, planId);
  const waiting = await cycleRepository.waitingCaseDays(q, planId, today);
  const out: CycleDates[] = [];
  // Cases decided on or before this day were frozen by a cycle of this walk.
  let frozenThrough: CivilDate | null = null;
  const from = last ? addDays(last, 1) : since;
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const rules = ruleVersionOn(plan, day)?.rules;
    // A premium-pool plan has no debit cycles: its claims are paid from the groups' pools.
    if (!rules || rules.funding.mode === "premiumPool") continue;
    const cal = rules.apportionment.calendar;
    if (cal.kind === "perEvent") {
      if (!waiting.some((w) => w <= day && (frozenThrough === null || w > frozenThrough))) continue;
      out.push({ announcedOn: day, collectOn: addDays(day, cal.collectAfterDays) });
    } else {
      const c = cycleDates(cal, day, day)[0];
      if (!c) continue;
      out.push(c);
    }
    frozenThrough = day;
  }
  return out;
}

/**
 * The stored proof chunks of every cycle with a root, built by the scheduler after the cycle rather than
 * by the first member to ask for a proof (7.3 s at a million members).
 */
export async function dueProofSteps(q: Queryable, planId: string): Promise<CycleStep[]> {
  const ids = await cycleRepository.cyclesWithoutChunks(q, planId);
  return ids.map((cycleId) => ({ kind: "proofs", planId, cycleId }));
}

/** Runs one step of `dueCycleSteps`; a calendar step before its date is refused (`step_not_due`). */
export async function runCycleStep(deps: ServiceDeps, step: CycleStep): Promise<void> {
  const { planId, kind } = step;
  if (step.kind === "announce") {
    await observedStep(
      planId,
      kind,
      () => announceCycle(deps, planId, step.announcedOn),
      () => 0,
    );
    deps.checkpoint?.("cycle:announced");
  } else if (step.kind === "collect") {
    const cycleId =
      (await cycleRepository.cycleIdOn(deps.pool, planId, step.announcedOn)) ??
      fail("not_found", `no cycle of ${planId} announced on ${step.announcedOn}`);
    await observedStep(
      planId,
      kind,
      () => collectCycle(deps, cycleId),
      (d) => d.sharingMembers,
    );
  } else if (step.kind === "retries")
    await observedStep(
      planId,
      kind,
      () => runDueRetries(deps, planId, step.on),
      (n) => n,
    );
  else if (step.kind === "poolYearEnd")
    await observedStep(
      planId,
      kind,
      () => closePoolYear(deps, planId, step.year),
      () => 0,
    );
  else if (step.kind === "poolRenewal")
    await observedStep(
      planId,
      kind,
      () => renewPremiums(deps, planId, step.year),
      (n) => n,
    );
  else
    await observedStep(
      planId,
      kind,
      () => proofChunks(deps.pool, step.cycleId),
      (n) => n ?? 0,
    );
}

/**
 * The scheduler's pass over a plan: every due step in order. The proof steps are read again after the
 * cycles, so the roots they just made are chunked in the same pass. `today` may not be after the
 * application's clock. Returns the announcement days of the cycles a step ran for, in order.
 */
export async function runDueCycles(
  deps: ServiceDeps,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CivilDate[]> {
  const clockToday = todayOf(deps);
  if (today > clockToday)
    fail("step_not_due", `${today} is after today (${clockToday}) by the application's clock`, "date");
  const ran: CivilDate[] = [];
  for (const step of await dueCycleSteps(deps.pool, planId, today, since)) {
    if (step.kind === "proofs") continue;
    await runCycleStep(deps, step);
    if ((step.kind === "announce" || step.kind === "collect") && !ran.includes(step.announcedOn))
      ran.push(step.announcedOn);
  }
  for (const step of await dueProofSteps(deps.pool, planId)) await runCycleStep(deps, step);
  return ran;
}
