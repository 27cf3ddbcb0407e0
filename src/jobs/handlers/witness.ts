import { limits } from "../../limits.ts";
import { submitToWitnesses } from "../../log/witnessing.ts";
import type { JobContext } from "../context.ts";
import { ONLY, QUEUES } from "../queues.ts";

/**
 * Submits the log's newest checkpoint to its witnesses (C2SP tlog-witness) and keeps their cosignatures.
 * A refusal or a witness down fails the job and pg-boss retries it with backoff; in a real worker the
 * next run is sent first, so the chain goes on while a witness is away.
 */
export async function logWitnessJob(ctx: JobContext): Promise<void> {
  if (ctx.periodic) await ctx.send(QUEUES.logWitness, {}, ONLY, limits.witness.submitEverySeconds);
  await submitToWitnesses(ctx.deps.pool, ctx.deps.witnesses ?? [], ctx.deps.clock.now());
}
