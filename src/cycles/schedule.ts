import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { cycleDates } from "../domain/plan/cycle-calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Queryable } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { proofChunks } from "./proofs.ts";
import { runDueRetries } from "./retries.ts";
import { runCycle } from "./run.ts";

/** One unit of the scheduler's work for a plan; each is idempotent (a step run twice has one effect). */
export type CycleStep =
  | { kind: "cycle"; planId: string; announcedOn: CivilDate }
  | { kind: "retries"; planId: string; on: CivilDate }
  | { kind: "proofs"; planId: string; cycleId: number };

/**
 * What is due for a plan on `today`, in the order it must run: cycles announced but not disclosed (the
 * process died in between), then every announcement day of the plan's calendar from the day after the
 * last cycle (or `since`) — after downtime it catches up —, then the retries, then the proof chunks of
 * every cycle with a root. A per-event day is due while a case decided by then waits; every cycle
 * freezes the cases decided by its day, which the walk over the days follows.
 */
export async function dueCycleSteps(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CycleStep[]> {
  const unfinished = await cycleRepository.unfinishedCycleDays(q, planId);
  const steps: CycleStep[] = unfinished.map((d) => ({ kind: "cycle", planId, announcedOn: d }));
  for (const day of await dueCalendarDays(q, planId, today, since))
    steps.push({ kind: "cycle", planId, announcedOn: day });
  steps.push({ kind: "retries", planId, on: today });
  return [...steps, ...(await dueProofSteps(q, planId))];
}

export async function dueCalendarDays(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CivilDate[]> {
  const plan = await loadStoredPlan(q, planId);
  const last = await cycleRepository.lastCycleDay(q, planId);
  const waiting = await cycleRepository.waitingCaseDays(q, planId, today);
  const days: CivilDate[] = [];
  // Cases decided on or before this day were frozen by a cycle of this walk.
  let frozenThrough: CivilDate | null = null;
  const from = last ? addDays(last, 1) : since;
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const rules = ruleVersionOn(plan, day)?.rules;
    if (!rules) continue;
    const cal = rules.apportionment.calendar;
    const due =
      cal.kind === "perEvent"
        ? waiting.some((w) => w <= day && (frozenThrough === null || w > frozenThrough))
        : cycleDates(cal, day, day).length > 0;
    if (!due) continue;
    days.push(day);
    frozenThrough = day;
  }
  return days;
}

/**
 * The stored proof chunks of every cycle with a root, built by the scheduler after the cycle rather than
 * by the first member to ask for a proof (7.3 s at a million members).
 */
export async function dueProofSteps(q: Queryable, planId: string): Promise<CycleStep[]> {
  const ids = await cycleRepository.cyclesWithoutChunks(q, planId);
  return ids.map((cycleId) => ({ kind: "proofs", planId, cycleId }));
}

/** Runs one step of `dueCycleSteps`. */
export async function runCycleStep(deps: ServiceDeps, step: CycleStep): Promise<void> {
  if (step.kind === "cycle") await runCycle(deps, step.planId, step.announcedOn);
  else if (step.kind === "retries") await runDueRetries(deps, step.planId, step.on);
  else await proofChunks(deps.pool, step.cycleId);
}

/**
 * The scheduler's pass over a plan: every due step in order. The proof steps are read again after the
 * cycles, so the roots they just made are chunked in the same pass. Returns the days whose cycle ran.
 */
export async function runDueCycles(
  deps: ServiceDeps,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CivilDate[]> {
  const ran: CivilDate[] = [];
  for (const step of await dueCycleSteps(deps.pool, planId, today, since)) {
    if (step.kind === "proofs") continue;
    await runCycleStep(deps, step);
    if (step.kind === "cycle") ran.push(step.announcedOn);
  }
  for (const step of await dueProofSteps(deps.pool, planId)) await runCycleStep(deps, step);
  return ran;
}
