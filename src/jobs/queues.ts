import { limits } from "../limits.ts";

/**
 * The queues, by name. `tick` is scheduled every minute; it starts the purges and the claims sweep,
 * and the sweep then sends each plan's due cycle steps (the order the hourly tick kept: cases whose
 * publicity ended enter the cycle announced today). `log.sequence` and `payments.webhooks` repeat
 * themselves at their cadence while a worker runs; `payments.reconcile` has its own cron.
 */
export const QUEUES = {
  tick: "tick",
  claimsSweep: "claims.sweep",
  cycleStep: "cycles.step",
  logSequence: "log.sequence",
  paymentsWebhooks: "payments.webhooks",
  purgeIdempotency: "purge.idempotency",
  purgeAuth: "purge.auth",
  balanceLapses: "balance.lapses",
  logWitness: "log.witness",
  purgeEvidence: "purge.evidence",
  keysRotate: "keys.rotate",
  ledgerFold: "ledger.fold",
  paymentsReconcile: "payments.reconcile",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type QueueOptions = {
  /** stately: per singleton key, at most one job waiting and one running, across every worker. */
  readonly policy: "stately";
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  readonly expireInSeconds: number;
};

const everyQueue = {
  policy: "stately",
  retryLimit: limits.jobs.retryLimit,
  retryDelay: limits.jobs.retryDelaySeconds,
  retryBackoff: true,
  expireInSeconds: limits.jobs.jobExpireMinutes * 60,
} as const satisfies QueueOptions;

/**
 * Each queue's options. pg-boss 10 retries twice by default, so every queue says its own limit. The
 * tick and the repeating jobs are not retried: the next one comes within a minute (or a second) anyway.
 */
export const queueOptions = {
  [QUEUES.tick]: { ...everyQueue, retryLimit: 0 },
  [QUEUES.claimsSweep]: everyQueue,
  [QUEUES.cycleStep]: { ...everyQueue, expireInSeconds: limits.jobs.cycleStepExpireMinutes * 60 },
  [QUEUES.logSequence]: { ...everyQueue, retryLimit: 0 },
  [QUEUES.paymentsWebhooks]: { ...everyQueue, retryLimit: 0 },
  [QUEUES.purgeIdempotency]: everyQueue,
  [QUEUES.purgeAuth]: everyQueue,
  [QUEUES.balanceLapses]: everyQueue,
  [QUEUES.logWitness]: everyQueue,
  [QUEUES.purgeEvidence]: everyQueue,
  [QUEUES.keysRotate]: everyQueue,
  // the next minute's fold takes whatever this one left
  [QUEUES.ledgerFold]: { ...everyQueue, retryLimit: 0 },
  // its own cron (every 5 minutes): a failed run is not retried, the next one asks again
  [QUEUES.paymentsReconcile]: { ...everyQueue, retryLimit: 0 },
} as const satisfies Record<QueueName, QueueOptions>;

/** The one singleton key of a queue whose jobs are all alike (a sweep, a purge, the sequencer). */
export const ONLY = "only";
