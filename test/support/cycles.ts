import { announceCycle } from "../../src/cycles/announce.ts";
import { collectCycle } from "../../src/cycles/collect.ts";
import { cycleRepository } from "../../src/cycles/cycle.repository.ts";
import { runDueCycles } from "../../src/cycles/schedule.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import { civilDate, startOfCivilDate } from "../../src/domain/calendar.ts";
import type { CycleDisclosure } from "../../src/domain/cycle/disclosure.ts";

type Clocked = { deps: ServiceDeps; clock: { now(): number; set(ms: number): void } };

/** 10:00 in Shanghai on a civil date. */
export const tenAm = (day: string): number => startOfCivilDate(civilDate(day)) + 10 * 3_600_000;

/** Moves the test's clock forward to 10:00 on `day` (never back: time does not run backwards). */
export function clockTo(t: Clocked, day: string): void {
  const ms = tenAm(day);
  if (ms > t.clock.now()) t.clock.set(ms);
}

/**
 * A cycle's two steps as the calendar runs them: the announcement on its day, then, with the clock on
 * the collection day, the collection. Neither runs early, so the clock is moved to each day first.
 */
export async function runCycleSteps(t: Clocked, planId: string, day: string): Promise<CycleDisclosure> {
  clockTo(t, day);
  const cycleId = await announceCycle(t.deps, planId, civilDate(day));
  const cycle = await cycleRepository.cycleById(t.deps.pool, cycleId);
  clockTo(t, cycle!.collectOn);
  return collectCycle(t.deps, cycleId);
}

/** The scheduler's pass on `today`, with the clock moved to that day first. */
export async function runDueOn(t: Clocked, planId: string, today: string, since: string) {
  clockTo(t, today);
  return runDueCycles(t.deps, planId, civilDate(today), civilDate(since));
}
