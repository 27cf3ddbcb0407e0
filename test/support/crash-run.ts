import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import type { ServiceDeps } from "../../src/deps.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { fen } from "../../src/domain/money.ts";
import { installPresets } from "../../src/plans/presets.ts";
import { createPool, type Db } from "../../src/store/db.ts";
import { addApprovedCase } from "./cases.ts";

/*
 * What the crash tests share (test/cycles/crash*.test.ts, test/faults/): the seeded programme the crash
 * child runs (test/support/crash-child.ts), the members it starts from, the child's runs, and the state
 * two runs must agree on.
 */

export const CRASH_MEMBERS = 400;
export const CRASH_PLAN = "xianghubao";
export const CRASH_DAYS = [
  "2020-01-07",
  "2020-01-15",
  "2020-01-17",
  "2020-01-19",
  "2020-01-21",
  "2020-01-29",
  "2020-01-31",
];

/** The members, participations and cases both runs start from, written set-based. */
export async function seedCrashRun(pool: Db, members = CRASH_MEMBERS): Promise<void> {
  await installPresets(pool, [CRASH_PLAN]);
  await pool.query(
    `INSERT INTO members (member_id, kind, id_lookup, id_cipher, id_masked, name_cipher, name_masked, mobile_lookup, mobile_cipher, mobile_masked, birth_date, sex, pseudonym)
     SELECT g, 'member', sha256(('id' || g)::bytea), '\\x00', '1101**********0000', '\\x00', '*', sha256(('m' || g)::bytea), '\\x00', '1**********',
            date '1970-01-01' + (g * 37 % 15000), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, md5(g::text)
     FROM generate_series(1, $1) g`,
    [members],
  );
  await pool.query("SELECT setval('members_member_id_seq', $1)", [members]);
  await pool.query(
    `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
     SELECT g, $2, 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active' FROM generate_series(1, $1) g`,
    [members, CRASH_PLAN],
  );
  const deps = { pool, clock: fixedClock(Date.UTC(2020, 0, 5, 2)) } as unknown as ServiceDeps;
  for (const [participationId, decidedOn] of [
    [1, "2020-01-05"],
    [2, "2020-01-05"],
    [3, "2020-01-12"],
  ] as const)
    await addApprovedCase(deps, {
      participationId,
      event: "major",
      benefitFen: fen(30_000_000),
      decidedOn: civilDate(decidedOn),
    });
}

/** How a child's run ended: SIGKILLed, or exited (`code`: 0 done, else failed with `stderr`). */
export type CrashRun = { killed: boolean; code: number | null; stderr: string };

/** One run of the crash child on `url`; resolves when it exits or is killed. */
export function runCrashChild(
  url: string,
  progressFile: string,
  env: Record<string, string>,
): Promise<CrashRun> {
  const config = {
    url,
    plan: CRASH_PLAN,
    since: CRASH_DAYS[0],
    days: CRASH_DAYS,
    progressFile,
    provider: { seed: "crash", failureRate: 0.5, asyncRate: 0.02, timeoutRate: 0.01 },
    debitBatchSize: 60,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts"], {
      env: { ...process.env, HUZHU_CRASH_CHILD: JSON.stringify(config), ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ killed: signal === "SIGKILL", code, stderr }));
  });
}

/** A small seeded generator (mulberry32) for the kill points. */
export function generator(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Everything two runs must agree on; cycle ids (a sequence may skip a value a crash used) become dates. */
export async function crashSnapshot(url: string) {
  const pool = createPool(url, 1);
  try {
    const q = async (sql: string) => (await pool.query(sql)).rows;
    const cycles = await q(
      `SELECT cycle_id, announced_on::text, status, disclosure, collected_fen, failed_fen, advanced_fen, pending_fen,
              retries_done, written_off_fen, recovered_later_fen, encode(share_root, 'hex') AS root
       FROM cycles ORDER BY announced_on`,
    );
    const dateOf = new Map(cycles.map((c) => [Number(c.cycle_id), c.announced_on as string]));
    const log = (await q("SELECT kind, canonical FROM log_entries ORDER BY idx")).map((e) => {
      const entry = JSON.parse(e.canonical);
      if (typeof entry.cycle === "number") entry.cycle = dateOf.get(entry.cycle);
      return [e.kind, entry];
    });
    return {
      ledger: await q(
        `SELECT t.idem_key, t.kind, t.plan_id, t.at,
                (SELECT json_agg(json_build_array(p.account_id, p.amount_fen) ORDER BY p.account_id, p.amount_fen)
                 FROM ledger_postings p WHERE p.txn_id = t.txn_id) AS postings
         FROM ledger_transactions t ORDER BY t.idem_key`,
      ),
      balances: await q("SELECT account_id, balance_fen FROM account_balances_now ORDER BY account_id"),
      disclosures: cycles.map(({ cycle_id: _, ...c }) => c),
      shares: await q(
        "SELECT c.announced_on::text, s.member_id, s.share_fen, s.status FROM cycle_shares s JOIN cycles c USING (cycle_id) ORDER BY 1, 2",
      ),
      participations: await q(
        "SELECT member_id, status, ended_on::text, end_reason FROM participations ORDER BY member_id",
      ),
      debits: await q(
        "SELECT idem_key, member_id, amount_fen, status FROM sim_provider_payments ORDER BY idem_key",
      ),
      log,
    };
  } finally {
    await pool.end();
  }
}

export type CrashSnapshot = Awaited<ReturnType<typeof crashSnapshot>>;

/** Each part of a snapshot as lines of text, so that a difference shows as the rows that differ. */
export function snapshotLines(s: CrashSnapshot): Record<keyof CrashSnapshot, string[]> {
  return Object.fromEntries(
    Object.entries(s).map(([part, rows]) => [part, (rows as unknown[]).map((r) => JSON.stringify(r))]),
  ) as Record<keyof CrashSnapshot, string[]>;
}

/** Shares of one member's debit (first or retry) that the provider executed as succeeded more than once. */
export async function debitedTwice(pool: Db): Promise<unknown[]> {
  const twice = await pool.query(
    `SELECT regexp_replace(idem_key, ':retry:[0-9]+$', '') AS share, count(*) FILTER (WHERE status = 'succeeded') AS paid
     FROM sim_provider_payments WHERE kind = 'debit' GROUP BY 1 HAVING count(*) FILTER (WHERE status = 'succeeded') > 1`,
  );
  return twice.rows;
}
