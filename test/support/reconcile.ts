import { ONLY, QUEUES } from "../../src/jobs/queues.ts";
import type { Worker } from "../../src/jobs/worker.ts";
import { limits } from "../../src/limits.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import type { TestApp } from "./app.ts";
import { queuesDrained } from "./jobs.ts";

/** Past the reconciliation's bound (30 min) by a minute: what was left before is now stale. */
export const pastBoundMs = (limits.paymentReconcileAfterSeconds + 60) * 1000;

/**
 * One run of the `payments.reconcile` job on the real queue, as its cron sends it; the run must
 * complete (a failed job is returned, so a test shows it rather than waits on it).
 */
export async function reconcileRun(t: TestApp, worker: Worker): Promise<string[]> {
  await worker.boss.send(QUEUES.paymentsReconcile, {}, { singletonKey: ONLY });
  await queuesDrained(worker);
  const { rows } = await t.db.pool.query<{ state: string }>(
    "SELECT state FROM pgboss.job WHERE name = $1 AND state <> 'completed'",
    [QUEUES.paymentsReconcile],
  );
  return rows.map((r) => r.state);
}

/** The provider's webhook for a key, signed, posted as it would arrive late (a replay of a lost one). */
export function postWebhook(
  t: TestApp,
  eventId: string,
  key: string,
  result: { status: "succeeded" | "failed"; providerRef: string; reason?: string },
) {
  const raw = JSON.stringify({ eventId, key, result, at: t.clock.now() });
  return t.app.inject({
    method: "POST",
    url: "/payments/webhook",
    headers: {
      "content-type": "application/json",
      "x-signature": signWebhook("whsec_test", raw, Math.floor(t.clock.now() / 1000)),
    },
    payload: raw,
  });
}

/** The sim provider's reference and request count of a key (none: it never received it). */
export async function providerBooks(t: TestApp, key: string) {
  const { rows } = await t.db.pool.query<{ ref: string; requests: number; status: string }>(
    "SELECT provider_ref AS ref, requests, status FROM sim_provider_payments WHERE idem_key = $1",
    [key],
  );
  return rows;
}

/** The value of one sample of a metric in /metrics (undefined when absent). */
export async function metric(t: TestApp, sample: string): Promise<number | undefined> {
  const body = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
  const line = body.split("\n").find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}
