import { foldAccountDeltas } from "../../store/ledger.repository.ts";
import type { JobContext } from "../context.ts";

/** The shared accounts' balance deltas folded into their cached rows (migration 180); every minute. */
export async function ledgerFoldJob(ctx: JobContext): Promise<void> {
  await foldAccountDeltas(ctx.deps.pool);
}
