import { runBatches } from "../../keys/batches.ts";
import type { JobContext } from "../context.ts";
import { ONLY, QUEUES } from "../queues.ts";

/**
 * Moves the running key rotations on (src/keys): a bounded number of batches each, then sends itself
 * again while work is left. The minute tick sends it too, so a rotation whose job died resumes from
 * the progress its last batch committed.
 */
export async function keysRotateJob(ctx: JobContext): Promise<void> {
  let more = false;
  for (const purpose of ["personal-data", "lookup-hash"] as const) {
    const ring = purpose === "personal-data" ? ctx.deps.secrets.personalRing : ctx.deps.secrets.lookupRing;
    if (!ring?.keysDir) continue;
    if ((await runBatches(ctx.deps, purpose)) === "more") more = true;
  }
  if (more) await ctx.send(QUEUES.keysRotate, {}, ONLY);
}
