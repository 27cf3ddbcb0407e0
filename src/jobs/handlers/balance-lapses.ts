import { type ServiceDeps, todayOf } from "../../deps.ts";
import { lapseDue } from "../../enrolment/balance-rules.ts";
import { listPlans } from "../../plans/stored-plan.ts";
import type { JobContext } from "../context.ts";

/**
 * Each minute's lapse check: a suspended prepaid participation whose grace has run out ends on that
 * day by the application's clock, not at the next settlement (as the scenario runner ends it). Only
 * suspended rows are touched; a day with none changes nothing.
 */
export async function balanceLapsesJob(ctx: JobContext): Promise<void> {
  await lapseEveryPlan(ctx.deps);
}

export async function lapseEveryPlan(deps: ServiceDeps): Promise<number> {
  const today = todayOf(deps);
  let lapsed = 0;
  for (const p of await listPlans(deps.pool))
    if (p.status === "active" || p.status === "closing") lapsed += await lapseDue(deps, p.planId, today);
  return lapsed;
}
