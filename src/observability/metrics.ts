import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { type ServiceDeps, todayOf } from "../deps.ts";
import { jobsRepository } from "../jobs/jobs.repository.ts";
import { inDoubtRepository } from "../payments/in-doubt.repository.ts";
import { observabilityRepository as repo } from "./observability.repository.ts";
import { processRegistry } from "./process-metrics.ts";

// the process's own (CPU, memory, event-loop lag, handles), once per process
collectDefaultMetrics({ register: processRegistry, prefix: "huzhu_" });

/** Gauges read from the database at each scrape, so every server and worker reports the same state. */
function stateGauges(deps: ServiceDeps, register: Registry): void {
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [register],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  const queues = async (field: "waiting" | "active" | "failed" | "oldestWaitingSeconds", g: Gauge) => {
    for (const s of await jobsRepository.queueStats(deps.pool)) g.set({ queue: s.queue }, s[field]);
  };
  gauge("huzhu_jobs_waiting", "Jobs due and not started, by queue", ["queue"], (g) => queues("waiting", g));
  gauge("huzhu_jobs_active", "Jobs running, by queue", ["queue"], (g) => queues("active", g));
  gauge("huzhu_jobs_failed", "Jobs failed after their retries (kept 14 days), by queue", ["queue"], (g) =>
    queues("failed", g),
  );
  gauge("huzhu_jobs_oldest_waiting_seconds", "Age of the oldest due job not started", ["queue"], (g) =>
    queues("oldestWaitingSeconds", g),
  );
  gauge("huzhu_log_entries", "Entries in the transparency log", [], async (g) =>
    g.set((await repo.logState(deps.pool)).size),
  );
  gauge("huzhu_log_sequencer_pending", "Facts committed and not yet sequenced into the log", [], async (g) =>
    g.set((await repo.logState(deps.pool)).pending),
  );
  gauge("huzhu_log_sequencer_lag_seconds", "Age of the oldest fact not yet sequenced", [], async (g) =>
    g.set((await repo.logState(deps.pool)).oldestPendingSeconds),
  );
  gauge("huzhu_claims_past_deadline", "Open claims past a deadline, by deadline", ["deadline"], async (g) => {
    const c = await repo.claimsPastDeadline(deps.pool, todayOf(deps));
    for (const [deadline, n] of Object.entries(c)) g.set({ deadline }, n);
  });
  gauge(
    "huzhu_payment_requests",
    "Payment requests by kind and status (pending: no final answer yet)",
    ["kind", "status"],
    async (g) => {
      for (const r of await repo.paymentCounts(deps.pool)) g.set({ kind: r.kind, status: r.status }, r.n);
    },
  );
  gauge(
    "huzhu_cycle_debits_fen",
    "Cycles' debits failed or without a final answer, by plan",
    ["plan", "outcome"],
    async (g) => {
      for (const r of await repo.cycleDebitOutcomes(deps.pool)) {
        g.set({ plan: r.planId, outcome: "failed" }, r.failedFen);
        g.set({ plan: r.planId, outcome: "pending" }, r.pendingFen);
      }
    },
  );
  gauge(
    "huzhu_payments_in_doubt",
    "Payment requests whose answer was lost, not yet settled by a query",
    ["kind"],
    async (g) => {
      for (const r of await inDoubtRepository.counts(deps.pool)) g.set({ kind: r.kind }, r.n);
    },
  );
  gauge(
    "huzhu_payments_pending_oldest_seconds",
    "Age of the oldest payment without a final answer (pending, or in doubt), by kind, on the application's clock",
    ["kind"],
    async (g) => {
      const now = new Date(deps.clock.now());
      for (const r of await repo.oldestPendingPayments(deps.pool, now)) g.set({ kind: r.kind }, r.seconds);
    },
  );
}

/**
 * Request rate and latency by route and status (the route's template, never its values: bounded
 * labels, no personal data), and `GET /metrics` in Prometheus' text format with the process's metrics.
 */
export function installMetrics(app: FastifyInstance, deps: ServiceDeps): void {
  const register = new Registry();
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "huzhu_http_requests_total",
    help: "HTTP requests answered",
    labelNames,
    registers: [register],
  });
  const seconds = new Histogram({
    name: "huzhu_http_request_duration_seconds",
    help: "Time to answer an HTTP request",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  stateGauges(deps, register);
  app.addHook("onResponse", async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? "unmatched",
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    seconds.observe(labels, reply.elapsedTime / 1000);
  });
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    const text = `${await register.metrics()}\n${await processRegistry.metrics()}`;
    return reply.type(register.contentType).send(text);
  });
}
