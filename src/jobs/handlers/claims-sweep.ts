import { advanceClaims } from "../../claims/sweeps.ts";
import { watchEveryPlan } from "../../plans/membership-watch.ts";
import type { JobContext } from "../context.ts";
import { sendEveryPlansSteps } from "./cycle-step.ts";

/**
 * The claims scheduler, then the cycle scheduler, in the hourly tick's order: cases whose publicity
 * ended enter the cycle announced today. A failing sweep is logged and the cycles still run, as before;
 * the next tick sweeps again.
 */
export async function claimsSweepJob(ctx: JobContext): Promise<void> {
  await advanceClaims(ctx.deps).catch((e) => ctx.deps.logger.error({ err: String(e) }, "claims scheduler"));
  // issue 17: each plan's membership once a day; a fall under the minimum closes as the charter says
  await watchEveryPlan(ctx.deps).catch((e) => ctx.deps.logger.error({ err: String(e) }, "membership watch"));
  await sendEveryPlansSteps(ctx);
}
