import type { JobHandler } from "../context.ts";
import { QUEUES, type QueueName } from "../queues.ts";
import { tick } from "../tick.ts";
import { balanceLapsesJob } from "./balance-lapses.ts";
import { claimsSweepJob } from "./claims-sweep.ts";
import { cycleStepJob } from "./cycle-step.ts";
import { keysRotateJob } from "./keys.ts";
import { ledgerFoldJob } from "./ledger-fold.ts";
import { purgeAuthJob, purgeEvidenceJob, purgeIdempotencyJob } from "./purge.ts";
import { reconcileJob } from "./reconcile.ts";
import { logSequenceJob, webhooksJob } from "./repeating.ts";
import { logWitnessJob } from "./witness.ts";

/** Every queue's handler. */
export const handlers = {
  [QUEUES.tick]: tick,
  [QUEUES.claimsSweep]: claimsSweepJob,
  [QUEUES.cycleStep]: cycleStepJob,
  [QUEUES.logSequence]: logSequenceJob,
  [QUEUES.paymentsWebhooks]: webhooksJob,
  [QUEUES.purgeIdempotency]: purgeIdempotencyJob,
  [QUEUES.purgeAuth]: purgeAuthJob,
  [QUEUES.balanceLapses]: balanceLapsesJob,
  [QUEUES.logWitness]: logWitnessJob,
  [QUEUES.purgeEvidence]: purgeEvidenceJob,
  [QUEUES.keysRotate]: keysRotateJob,
  [QUEUES.ledgerFold]: ledgerFoldJob,
  [QUEUES.paymentsReconcile]: reconcileJob,
} as const satisfies Record<QueueName, JobHandler>;
