import type { JobContext } from "./context.ts";
import { ONLY, QUEUES } from "./queues.ts";

/** The minute schedule of the `tick` queue (pg-boss cron, UTC, on the database clock). */
export const TICK_CRON = "* * * * *";

/**
 * Every minute: the purges and the claims sweep, which then sends each plan's due cycle steps. What is
 * due is decided by the handlers on `deps.clock`; this only starts them. Each send is a no-op while a
 * job of that kind waits already, so ticks from several workers add nothing. A real worker also
 * restarts the repeating jobs here, should their chain have broken (a crash between two).
 */
export async function tick(ctx: JobContext): Promise<void> {
  await ctx.send(QUEUES.purgeIdempotency, {}, ONLY);
  await ctx.send(QUEUES.purgeAuth, {}, ONLY);
  await ctx.send(QUEUES.claimsSweep, {}, ONLY);
  await ctx.send(QUEUES.balanceLapses, {}, ONLY);
  await ctx.send(QUEUES.purgeEvidence, {}, ONLY);
  await ctx.send(QUEUES.ledgerFold, {}, ONLY);
  if (!ctx.periodic) return;
  await ctx.send(QUEUES.logSequence, {}, ONLY);
  await ctx.send(QUEUES.paymentsWebhooks, {}, ONLY);
  await ctx.send(QUEUES.logWitness, {}, ONLY);
  // a key rotation's batches (issue 20): nothing to do unless one runs; resumes one whose job died
  await ctx.send(QUEUES.keysRotate, {}, ONLY);
}
