import { reconcilePayments } from "../../payments/reconcile.ts";
import type { JobContext } from "../context.ts";

/**
 * The reconciliation's schedule (pg-boss cron, UTC, on the database clock): every 5 minutes. A key is
 * asked about once it has waited limits.paymentReconcileAfterSeconds (30 min), so a run every 5
 * minutes settles it within that bound and a sixth of it.
 */
export const RECONCILE_CRON = "*/5 * * * *";

/**
 * Payments without a final answer past their bound, asked about and settled (src/payments/reconcile.ts).
 * A provider that does not answer ends the run without failing the job: counted
 * (huzhu_payment_reconciliations_total{outcome="unreachable"}), the next run asks again.
 */
export async function reconcileJob(ctx: JobContext): Promise<void> {
  const report = await reconcilePayments(ctx.deps);
  if (report.answered + report.not_received + report.unknown + report.unreachable > 0)
    ctx.deps.logger.info({ ...report }, "payments reconciled");
}
