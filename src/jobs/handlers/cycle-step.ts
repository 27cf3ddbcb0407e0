import { type CycleStep, dueCycleSteps, runCycleStep } from "../../cycles/schedule.ts";
import { civilDateOfInstant } from "../../domain/calendar.ts";
import { listPlans } from "../../plans/stored-plan.ts";
import { withSessionLock } from "../../store/advisory-lock.ts";
import type { JobContext } from "../context.ts";
import { ONLY, QUEUES } from "../queues.ts";

/** A step's singleton key: one waiting and one running job per step, whoever sent it. */
export function stepKey(step: CycleStep): string {
  const at =
    step.kind === "announce" || step.kind === "collect"
      ? step.announcedOn
      : step.kind === "retries"
        ? step.on
        : step.kind === "poolYearEnd" || step.kind === "poolRenewal"
          ? step.year
          : step.cycleId;
  return `${step.planId}:${step.kind}:${at}`;
}

/** The plans whose cycles run: active ones and those winding down. */
async function runningPlans(ctx: JobContext): Promise<string[]> {
  const plans = await listPlans(ctx.deps.pool);
  return plans.filter((p) => p.status === "active" || p.status === "closing").map((p) => p.planId);
}

/**
 * Sends the plan's due steps after `after` (every due step when absent), in runDueCycles' order, each
 * under its own key. Catching up after downtime starts from the last cycle; a fresh plan from today.
 */
export async function sendDueSteps(ctx: JobContext, planId: string, after?: CycleStep): Promise<void> {
  const today = civilDateOfInstant(ctx.deps.clock.now());
  const due = await dueCycleSteps(ctx.deps.pool, planId, today, today);
  const from = after ? due.findIndex((s) => stepKey(s) === stepKey(after)) + 1 : 0;
  for (const step of due.slice(from)) await ctx.send(QUEUES.cycleStep, { step }, stepKey(step));
}

export async function sendEveryPlansSteps(ctx: JobContext): Promise<void> {
  for (const planId of await runningPlans(ctx)) await sendDueSteps(ctx, planId);
}

/**
 * One cycle step, exactly once: under the plan's lock the due steps are read again. A step no longer
 * due was run by another worker (done). Otherwise the due steps up to this one run in order, so a step
 * never overtakes an earlier one; their own jobs then find nothing to do. The steps that became due
 * (a new cycle's proof chunks) are sent, and the log sequenced soon after.
 */
export async function cycleStepJob(ctx: JobContext, data: unknown): Promise<void> {
  const { step } = data as { step: CycleStep };
  const { deps } = ctx;
  const ran = await withSessionLock(deps.pool, `jobs:plan:${step.planId}`, async () => {
    const today = civilDateOfInstant(deps.clock.now());
    const due = await dueCycleSteps(deps.pool, step.planId, today, today);
    const at = due.findIndex((s) => stepKey(s) === stepKey(step));
    for (const s of due.slice(0, at + 1)) await runCycleStep(deps, s);
    return at >= 0;
  });
  if (!ran) return;
  await sendDueSteps(ctx, step.planId, step);
  await ctx.send(QUEUES.logSequence, {}, ONLY);
}
