import { Counter, Histogram, Registry } from "prom-client";

/**
 * Metrics of work this process does outside a request — cycle steps run by the worker, the CLI or a
 * staff route — in one registry per process (prom-client's own pattern); `/metrics` serves it beside the
 * app's. The state of the database (queues, log, claims, payments) is read at each scrape instead
 * (observability.repository.ts), so every server reports the same.
 */
export const processRegistry = new Registry();

export const cycleStepSeconds = new Histogram({
  name: "huzhu_cycle_step_duration_seconds",
  help: "Time a cycle step took (announce, collect, retries, proofs), by plan and kind",
  labelNames: ["plan", "kind"] as const,
  buckets: [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 600],
  registers: [processRegistry],
});

export const cycleStepRows = new Counter({
  name: "huzhu_cycle_step_rows_total",
  help: "Rows a cycle step handled: sharing members collected, leaves chunked, retries run",
  labelNames: ["plan", "kind"] as const,
  registers: [processRegistry],
});

export const jobFailures = new Counter({
  name: "huzhu_job_failures_total",
  help: "Jobs that threw in this process (pg-boss retries them as their queue says), by queue",
  labelNames: ["queue"] as const,
  registers: [processRegistry],
});

/** Runs a step and records its duration and rows (whatever it returns as a count). */
export async function observedStep<T>(
  plan: string,
  kind: string,
  run: () => Promise<T>,
  rowsOf: (r: T) => number,
): Promise<T> {
  const stop = cycleStepSeconds.startTimer({ plan, kind });
  const result = await run();
  stop();
  cycleStepRows.inc({ plan, kind }, Math.max(0, rowsOf(result)));
  return result;
}

export const paymentUnknownAnswers = new Counter({
  name: "huzhu_payment_unknown_answers_total",
  help: "Payment requests whose answer was lost in this process (timed out, provider unreachable), by kind and cause",
  labelNames: ["kind", "cause"] as const,
  registers: [processRegistry],
});

export const paymentReconciliations = new Counter({
  name: "huzhu_payment_reconciliations_total",
  help: "Keys the reconciliation job asked the provider about in this process, by kind and outcome (answered, pending, not_received, unknown, unreachable)",
  labelNames: ["kind", "outcome"] as const,
  registers: [processRegistry],
});
