import { listCycles } from "../cycles/run.ts";
import { dueCycleSteps, runDueCycles } from "../cycles/schedule.ts";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { fail } from "../errors.ts";
import { listPlans } from "../plans/stored-plan.ts";
import { withSessionLock } from "../store/advisory-lock.ts";

async function knownPlan(deps: ServiceDeps, planId: string) {
  const plan = (await listPlans(deps.pool)).find((p) => p.planId === planId);
  return plan ?? fail("unknown_plan", `no plan ${planId}`, "plan");
}

/** A plan's cycles (each one's disclosure) and what the scheduler would run now, by the app clock. */
export async function cycleStatus(deps: ServiceDeps, planId: string) {
  const plan = await knownPlan(deps, planId);
  const today = todayOf(deps);
  return {
    planId,
    planStatus: plan.status,
    today,
    due: await dueCycleSteps(deps.pool, planId, today, today),
    ...(await cyclesPage(deps, planId)),
  };
}

/** The first page of the plan's cycles; `nextCursor` continues it at GET /cycles. */
async function cyclesPage(deps: ServiceDeps, planId: string) {
  const page = await listCycles(deps.pool, planId);
  return { cycles: page.items, nextCursor: page.nextCursor };
}

/**
 * Runs what is due for the plan now, in the scheduler's order, under the same per-plan lock as the
 * scheduler's job (src/jobs/handlers/cycle-step.ts), so a step runs once whoever asks; nothing early.
 */
export async function runDueSteps(deps: ServiceDeps, planId: string) {
  const plan = await knownPlan(deps, planId);
  if (plan.status !== "active" && plan.status !== "closing")
    return fail("conflict", `plan ${planId} is ${plan.status}: its cycles do not run`, "plan");
  const today = todayOf(deps);
  const cyclesRun = await withSessionLock(deps.pool, `jobs:plan:${planId}`, () =>
    runDueCycles(deps, planId, today, today),
  );
  return { today, cyclesRun, ...(await cyclesPage(deps, planId)) };
}
