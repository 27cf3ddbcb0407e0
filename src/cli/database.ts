import { type Config, ConfigError, loadConfig } from "../config.ts";
import type { ServiceDeps } from "../deps.ts";
import { sequenceLog } from "../log/sequencer.ts";
import { createLogger } from "../log.ts";
import { loadLogKeys } from "../log-keys.ts";
import { simulatedSms } from "../notifications/sms.ts";
import { appClock } from "../operations/dev-clock.ts";
import { guardProvider } from "../payments/guarded.ts";
import { SimulatedProvider } from "../payments/simulated.ts";
import { loadSecrets, loadWebhookSecret } from "../secrets.ts";
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

type ProviderRates = Pick<
  ConstructorParameters<typeof SimulatedProvider>[0],
  "failureRate" | "timeoutRate" | "asyncRate" | "deliver"
>;

/** The use cases' dependencies on a database, with the simulated external parties (SMS, payments). */
export function serviceDeps(
  db: Database,
  cfg: Config,
  o: { logLevel: string; provider: ProviderRates },
): ServiceDeps & { payments: SimulatedProvider } {
  const secrets = loadSecrets(cfg);
  const webhookSecret = loadWebhookSecret(cfg, "simulated");
  // in development the real clock moved by the persisted offset (`huzhu clock`), the same in every process
  const clock = appClock(db.pool, cfg.production);
  return {
    pool: db.pool,
    clock,
    secrets,
    sms: simulatedSms(secrets),
    // every call bounded by a timeout, a lost answer asked about before a retry (payments/guarded.ts)
    payments: guardProvider(
      new SimulatedProvider({ seed: "huzhu", webhookSecret, clock, store: db.pool, ...o.provider }),
      { pool: db.pool, clock },
    ),
    webhookSecret,
    logKeys: loadLogKeys(cfg.dataDir, cfg.logOrigin, cfg.keysDir),
    witnesses: cfg.witnesses,
    logger: createLogger(o.logLevel),
    dataDir: cfg.dataDir,
    production: cfg.production,
  };
}

/** The use cases' dependencies for a command, on the configured database; the log is sequenced after. */
export async function withServiceDeps<T>(fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  return withDatabase(async (db, cfg) => {
    const deps = serviceDeps(db, cfg, { logLevel: "warn", provider: { failureRate: 0.01 } });
    await deps.clock.refresh?.();
    const out = await fn(deps);
    await sequenceLog(db.pool, deps.logKeys, deps.clock);
    return out;
  });
}

/**
 * The long-running shell (`huzhu serve`, `huzhu worker`): database, migrations, secrets, the simulated
 * external parties, logger. The simulated provider delivers its webhooks to our own endpoint, as the
 * real one would, so a worker alone delivers them to the server on HUZHU_PORT.
 */
export async function startServices(
  cfg: Config,
  o: { share?: boolean; sessionNice?: number } = {},
): Promise<{ deps: ServiceDeps & { payments: SimulatedProvider }; db: Database }> {
  // A server owns its embedded database (a shared one would stop with the command that started it);
  // a worker may share a server's (`share`).
  const db = await openDatabase(cfg, { share: o.share ?? false, sessionNice: o.sessionNice ?? 0 });
  await migrate(db.pool);
  const deliver = async (raw: string, sig: string) => {
    await fetch(`http://127.0.0.1:${cfg.port}/payments/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": sig },
      body: raw,
    }).catch(() => {});
  };
  const provider = { failureRate: 0.01, timeoutRate: 0.005, asyncRate: 0.05, deliver };
  const deps = serviceDeps(db, cfg, { logLevel: cfg.logLevel, provider });
  await deps.clock.refresh?.();
  return { deps, db };
}
