import type { Config } from "../config.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { createLogger } from "../log.ts";
import { loadLogKeys } from "../log-keys.ts";
import { simulatedSms } from "../notify/sms.ts";
import { SimulatedProvider } from "../payments/simulated.ts";
import { loadSecrets, loadWebhookSecret } from "../secrets.ts";
import { advanceClaims } from "../services/claims.service.ts";
import { systemClock } from "../services/clock.ts";
import { runDueCycles } from "../services/cycles.service.ts";
import type { ServiceDeps } from "../services/deps.ts";
import { purgeExpiredAuth } from "../services/purge.service.ts";
import { sequenceLog } from "../store/log.repository.ts";
import { migrate } from "../store/migrate.ts";
import { type Database, openDatabase } from "../store/open.ts";
import { buildApp } from "./app.ts";
import { purgeIdempotencyKeys } from "./idempotency.ts";

/**
 * The hourly work: expired idempotency rows purged; then the claims scheduler (cases whose publicity
 * ended enter the cycle announced today), then each active plan's due cycles in order (catching up from
 * the last cycle after downtime; a fresh plan starts from today). A failing step is logged, not fatal.
 */
export async function hourlyTick(deps: ServiceDeps): Promise<void> {
  const { logger } = deps;
  const today = civilDateOfInstant(deps.clock.now());
  await purgeIdempotencyKeys(deps).catch((e) => logger.error({ err: String(e) }, "idempotency purge"));
  await purgeExpiredAuth(deps).catch((e) => logger.error({ err: String(e) }, "auth purge"));
  await advanceClaims(deps).catch((e) => logger.error({ err: String(e) }, "claims scheduler"));
  const plans = await deps.pool.query<{ plan_id: string }>(
    "SELECT plan_id FROM plans WHERE status IN ('active', 'closing')",
  );
  for (const p of plans.rows)
    await runDueCycles(deps, p.plan_id, today, today).catch((e) =>
      logger.error({ err: String(e), plan: p.plan_id }, "cycle scheduler"),
    );
}

/** Wires the real shell: database, migrations, secrets, simulated external parties, logger. */
export async function startServices(config: Config): Promise<{ deps: ServiceDeps; db: Database }> {
  const db = await openDatabase(config);
  await migrate(db.pool);
  const secrets = loadSecrets(config);
  const logger = createLogger(config.logLevel);
  const webhookSecret = loadWebhookSecret(config, "simulated");
  let deliver: ((raw: string, sig: string) => Promise<void>) | undefined;
  const payments = new SimulatedProvider({
    seed: "huzhu",
    webhookSecret,
    clock: systemClock,
    failureRate: 0.01,
    timeoutRate: 0.005,
    asyncRate: 0.05,
    store: db.pool,
    deliver: (r, s) => deliver?.(r, s) ?? Promise.resolve(),
  });
  const deps: ServiceDeps = {
    pool: db.pool,
    clock: systemClock,
    secrets,
    sms: simulatedSms(secrets),
    payments,
    webhookSecret,
    logKeys: loadLogKeys(config.dataDir),
    logger,
    dataDir: config.dataDir,
    production: config.production,
  };
  // The simulated provider delivers its webhooks to our own endpoint, as the real one would.
  deliver = async (raw, sig) => {
    await fetch(`http://127.0.0.1:${config.port}/payments/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": sig },
      body: raw,
    }).catch(() => {});
  };
  setInterval(() => void payments.flushWebhooks(), 2_000).unref();
  // The log sequencer: drains facts into the Merkle tree and signs a head for each batch.
  setInterval(
    () =>
      void sequenceLog(db.pool, deps.logKeys, systemClock).catch((e) =>
        logger.error({ err: String(e) }, "log sequencer"),
      ),
    1_000,
  ).unref();
  // Every hour: purges, the claims scheduler and the cycle scheduler (hourlyTick).
  const tick = () => hourlyTick(deps);
  setInterval(() => void tick(), 3_600_000).unref();
  setTimeout(() => void tick(), 5_000).unref();
  return { deps, db };
}

export async function serve(config: Config, deps: ServiceDeps, db: Database): Promise<() => Promise<void>> {
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: "127.0.0.1" });
  const stop = async () => {
    await app.close();
    await db.close();
  };
  return stop;
}
