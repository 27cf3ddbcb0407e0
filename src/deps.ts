import { type CivilDate, civilDateOfInstant } from "./domain/calendar.ts";
import type { Clock } from "./domain/clock.ts";
import type { WitnessEndpoint } from "./log/witnessing.ts";
import type { Logger } from "./log.ts";
import type { LogKeys } from "./log-keys.ts";
import type { EmailPort } from "./notifications/email.ts";
import type { SmsPort } from "./notifications/sms.ts";
import type { PaymentProvider } from "./payments/port.ts";
import type { Secrets } from "./secrets.ts";
import type { Db } from "./store/db.ts";

/** What every use case needs from the shell; ports are swapped for simulations in development and tests. */
export type ServiceDeps = {
  readonly pool: Db;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly sms: SmsPort;
  /** E-mail port; the simulated provider when absent. */
  readonly email?: EmailPort;
  readonly payments: PaymentProvider;
  readonly webhookSecret: string;
  /** The transparency log's Ed25519 key pair. */
  readonly logKeys: LogKeys;
  /** The witnesses the log submits its checkpoints to (issue 19); none when absent. */
  readonly witnesses?: readonly WitnessEndpoint[];
  readonly logger: Logger;
  readonly dataDir: string;
  readonly production: boolean;
  /**
   * Called at named points of long work (a cycle's steps, inside and between its transactions). Absent
   * in production, where it is inert; the crash test (test/cycles/crash.test.ts) passes one that kills
   * the process with SIGKILL at a point chosen from a seed.
   */
  readonly checkpoint?: (name: string) => void;
  /** Debit instructions per provider batch (limits.debitBatchSize unless told; tests use small batches). */
  readonly debitBatchSize?: number;
};

/** The real clock; tests and the development server pass their own. */
export const systemClock: Clock = { now: () => Date.now() };

/** Today's civil date (Asia/Shanghai) by the app clock, never the database's. */
export const todayOf = (deps: ServiceDeps): CivilDate => civilDateOfInstant(deps.clock.now());
