import { type Config, ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { loadLogKeys } from "../log-keys.ts";
import { simulatedSms } from "../notify/sms.ts";
import { SimulatedProvider } from "../payments/simulated.ts";
import { loadSecrets, loadWebhookSecret } from "../secrets.ts";
import { systemClock } from "../services/clock.ts";
import type { ServiceDeps } from "../services/deps.ts";
import { sequenceLog } from "../store/log.repository.ts";
import { migrate } from "../store/migrate.ts";
import { type Database, openDatabase } from "../store/open.ts";
import { UserError } from "./user-error.ts";

/** The configuration from the environment; a bad variable is a usage error (exit code 2). */
export function cliConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (e) {
    throw e instanceof ConfigError ? new UserError(e.message) : e;
  }
}

/** Opens the configured database (embedded or DATABASE_URL), migrated, for one command; always closed. */
export async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db.pool);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** The use cases' dependencies for a command, on the configured database; the log is sequenced after. */
export async function withServiceDeps<T>(fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  return withDatabase(async (db, cfg) => {
    const secrets = loadSecrets(cfg);
    const webhookSecret = loadWebhookSecret(cfg, "simulated");
    const deps: ServiceDeps = {
      pool: db.pool,
      clock: systemClock,
      secrets,
      sms: simulatedSms(secrets),
      payments: new SimulatedProvider({
        seed: "huzhu",
        webhookSecret,
        clock: systemClock,
        failureRate: 0.01,
        store: db.pool,
      }),
      webhookSecret,
      logKeys: loadLogKeys(cfg.dataDir),
      logger: createLogger("warn"),
      dataDir: cfg.dataDir,
      production: cfg.production,
    };
    const out = await fn(deps);
    await sequenceLog(db.pool, deps.logKeys, systemClock);
    return out;
  });
}
