import { limits } from "../../limits.ts";
import { sequenceLog } from "../../log/sequencer.ts";
import type { JobContext } from "../context.ts";
import { ONLY, QUEUES } from "../queues.ts";

/**
 * The log sequencer: drains facts into the Merkle tree and signs a head for each batch. One runs at a
 * time across the workers (stately); in a real worker it sends its own next run, a second on.
 */
export async function logSequenceJob(ctx: JobContext): Promise<void> {
  await sequenceLog(ctx.deps.pool, ctx.deps.logKeys, ctx.deps.clock);
  if (ctx.periodic) await ctx.send(QUEUES.logSequence, {}, ONLY, limits.jobs.logSequenceEverySeconds);
}

/** The simulated provider's webhooks, delivered to our own endpoint as the real one would; every 2 s. */
export async function webhooksJob(ctx: JobContext): Promise<void> {
  await ctx.flushWebhooks?.();
  if (ctx.periodic) await ctx.send(QUEUES.paymentsWebhooks, {}, ONLY, limits.jobs.webhooksEverySeconds);
}
