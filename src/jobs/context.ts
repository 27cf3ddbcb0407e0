import type { ServiceDeps } from "../deps.ts";
import type { QueueName } from "./queues.ts";

/** What a job's handler is given: the use cases' dependencies and a way to send the jobs that follow. */
export type JobContext = {
  readonly deps: ServiceDeps;
  /** A real worker (the repeating jobs repeat); false where a test drives the queues. */
  readonly periodic: boolean;
  /** Delivers the simulated provider's pending webhooks; absent with a real provider. */
  readonly flushWebhooks?: () => Promise<number>;
  /**
   * Sends a job unless one with the same singleton key is already waiting (stately queues), and wakes
   * this process's worker for it. `startAfterSeconds` is counted on the database clock.
   */
  send(queue: QueueName, data: object, singletonKey: string, startAfterSeconds?: number): Promise<void>;
};

export type JobHandler = (ctx: JobContext, data: unknown) => Promise<void>;
