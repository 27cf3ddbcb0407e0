import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { type CivilDate, partsOf } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Queryable } from "../store/db.ts";
import { announceCycle } from "./announce.ts";
import { collectCycle } from "./collect.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { dueCycleSteps, runCycleStep } from "./schedule.ts";

/**
 * Runs what is due of the cycle announced on `announcedOn` by the application's clock, after every
 * earlier due step of the plan (so nothing is skipped): its announcement once its day has come, its
 * collection once the collection day has. A date after today is refused (`step_not_due`); a second run
 * has no second effect. Returns the cycle's disclosure (`collectedFen` null while it waits for its
 * collection).
 */
export async function runCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<CycleDisclosure> {
  const today = todayOf(deps);
  if (announcedOn > today)
    fail("step_not_due", `${announcedOn} is after today (${today}) by the application's clock`, "date");
  const rules = ruleVersionOn(await loadStoredPlan(deps.pool, planId), announcedOn)?.rules;
  if (rules?.funding.mode === "premiumPool")
    fail("conflict", `${planId} has no debit cycles: its claims are paid from the groups' pools`, "plan");
  for (const step of await dueCycleSteps(deps.pool, planId, today, announcedOn)) {
    if ((step.kind === "announce" || step.kind === "collect") && step.announcedOn <= announcedOn)
      await runCycleStep(deps, step);
  }
  // Not reached by the walk: a day of an existing cycle (no second effect) or none of the calendar.
  const cycleId = await announceCycle(deps, planId, announcedOn);
  const cycle =
    (await cycleRepository.cycleById(deps.pool, cycleId)) ?? fail("not_found", `no cycle ${cycleId}`);
  return cycle.collectOn <= today ? collectCycle(deps, cycleId) : cycle.disclosure;
}

/**
 * Every cycle's disclosure of a plan, kept forever, a page at a time in announcement order: `after` the
 * last cycle id seen; `nextCursor` is the one to ask after, or null on the last page.
 */
export async function listCycles(
  q: Queryable,
  planId: string,
  f: { after?: number | undefined; limit?: number | undefined } = {},
) {
  const limit = Math.min(f.limit ?? limits.pageSizeDefault, limits.pageSizeMax);
  const rows = await cycleRepository.listCycles(q, planId, {
    afterCycleId: f.after ?? null,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ cycleId: r.cycleId, status: r.status, ...r.disclosure })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.cycleId) : null,
  };
}

export const yearOf = (d: CivilDate) => partsOf(d).year;
