/**
 * The process the crash test kills (test/cycles/crash.test.ts). It runs a fixed programme of scheduler
 * days against one database — on each day: the plan's due cycles and retries, then the provider's
 * webhooks, then the log sequencer — with a fixed clock, seeds and keys, so that two runs on equal
 * databases write equal rows.
 *
 * Environment:
 *   HUZHU_CRASH_CHILD        JSON {url, plan, since, days, progressFile, provider: {seed, failureRate, asyncRate, timeoutRate}, debitBatchSize}
 *   HUZHU_CRASH_AT           "<n>": SIGKILL at the n-th checkpoint this process passes, or
 *                            "<day>/<checkpoint>:<n>": at the n-th time it passes that checkpoint on that
 *                            day, "* /<checkpoint>:<n>" (no space): on any day (absent: no crash)
 *   HUZHU_CHECKPOINT_TRACE   a file to which every checkpoint passed is appended as "<day>/<checkpoint>"
 *   HUZHU_KILL_POSTMASTER    a process id: at the crash point, SIGKILL that PostgreSQL postmaster instead
 *                            of this process, which then goes on until its next query fails
 *
 * Days already finished (listed in progressFile) are skipped: a restarted scheduler resumes today's
 * work, it does not replay last week's with today's clock.
 */

import { createPrivateKey } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { runDueCycles } from "../../src/cycles/schedule.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { createLogger } from "../../src/log.ts";
import { keysFromPrivate } from "../../src/log-keys.ts";
import { simulatedSms } from "../../src/notifications/sms.ts";
import { guardProvider } from "../../src/payments/guarded.ts";
import { SimulatedProvider } from "../../src/payments/simulated.ts";
import { handleWebhook } from "../../src/payments/webhook.ts";
import { secretsFromMaster } from "../../src/secrets.ts";
import { createPool } from "../../src/store/db.ts";

type ChildConfig = {
  url: string;
  plan: string;
  since: string;
  days: string[];
  progressFile: string;
  provider: { seed: string; failureRate: number; asyncRate: number; timeoutRate: number };
  debitBatchSize: number;
};

const cfg = JSON.parse(process.env.HUZHU_CRASH_CHILD ?? "") as ChildConfig;
const crashAt = process.env.HUZHU_CRASH_AT;
const traceFile = process.env.HUZHU_CHECKPOINT_TRACE;
const postmaster = Number(process.env.HUZHU_KILL_POSTMASTER ?? 0);

let today = "";
let passedAll = 0;
const passed = new Map<string, number>();
function checkpoint(name: string): void {
  const at = `${today}/${name}`;
  if (traceFile) appendFileSync(traceFile, `${at}\n`);
  const n = (passed.get(at) ?? 0) + 1;
  passed.set(at, n);
  passedAll++;
  const ofKind = (passed.get(`*/${name}`) ?? 0) + 1;
  passed.set(`*/${name}`, ofKind);
  if (crashAt === `${at}:${n}` || crashAt === `*/${name}:${ofKind}` || crashAt === String(passedAll))
    process.kill(postmaster || process.pid, "SIGKILL");
}

// Ed25519 from a fixed 32-byte seed (PKCS#8 DER prefix + seed), so tree heads are equal across runs.
const logKey = createPrivateKey({
  key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, 7)]),
  format: "der",
  type: "pkcs8",
});

const pool = createPool(cfg.url, 2);
const clock = fixedClock(0);
const secrets = secretsFromMaster(Buffer.alloc(32, 3));
const webhookSecret = "whsec_crash";
let deps: ServiceDeps;
const provider = new SimulatedProvider({
  ...cfg.provider,
  webhookSecret,
  clock,
  store: pool,
  deliver: async (raw, sig) => {
    await handleWebhook(deps, raw, sig);
    checkpoint("webhook:delivered");
  },
});
deps = {
  pool,
  clock,
  secrets,
  sms: simulatedSms(secrets),
  payments: guardProvider(provider, { pool, clock }),
  webhookSecret,
  logKeys: keysFromPrivate(logKey),
  logger: createLogger("silent"),
  dataDir: "/nonexistent",
  production: false,
  checkpoint,
  debitBatchSize: cfg.debitBatchSize,
};

const done = new Set(existsSync(cfg.progressFile) ? readFileSync(cfg.progressFile, "utf8").split("\n") : []);
for (const day of cfg.days) {
  if (done.has(day)) continue;
  today = day;
  clock.set(Date.parse(`${day}T02:00:00Z`)); // 10:00 in Shanghai
  await runDueCycles(deps, cfg.plan, civilDate(day), civilDate(cfg.since));
  checkpoint("day:cycles-done");
  await provider.flushWebhooks();
  checkpoint("day:webhooks-done");
  await sequenceLog(pool, deps.logKeys, clock);
  appendFileSync(cfg.progressFile, `${day}\n`);
}
await pool.end();
