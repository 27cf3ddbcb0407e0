import { spawn } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { fen } from "../../src/domain/money.ts";
import { installPresets } from "../../src/plans/presets.ts";
import { createPool, type Db } from "../../src/store/db.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { addApprovedCase } from "../support/cases.ts";

/*
 * Issue 6's crash test. Two equal databases: on one the scheduler runs its days uninterrupted (the
 * reference); on the other a child process is killed with SIGKILL at checkpoints chosen from a printed
 * seed (HUZHU_CRASH_SEED=… replays the same kill points), restarted after each kill, and finally run to
 * the end. Then the ledger, the disclosures, the shares, the participations, the log and every debit the
 * provider executed must be identical, and no member's share debited twice.
 */

const MEMBERS = 400;
const PLAN = "xianghubao";
const DAYS = [
  "2020-01-07",
  "2020-01-15",
  "2020-01-17",
  "2020-01-19",
  "2020-01-21",
  "2020-01-29",
  "2020-01-31",
];
const KILLS = 10;
const serverUrl = () => inject("pgServerUrl");
const dir = mkdtempSync(join(tmpdir(), "huzhu-crash-"));
const names = { crashed: `crash_a_${randomInt(1e9)}`, reference: `crash_b_${randomInt(1e9)}` };
const urlOf = (db: string) => serverUrl().replace(/\/postgres$/, `/${db}`);
let admin: Db;

/** The members, participations and cases both runs start from, written set-based. */
async function seed(pool: Db): Promise<void> {
  await installPresets(pool, [PLAN]);
  await pool.query(
    `INSERT INTO members (member_id, kind, id_lookup, id_cipher, id_masked, name_cipher, name_masked, mobile_lookup, mobile_cipher, mobile_masked, birth_date, sex, pseudonym)
     SELECT g, 'member', sha256(('id' || g)::bytea), '\\x00', '1101**********0000', '\\x00', '*', sha256(('m' || g)::bytea), '\\x00', '1**********',
            date '1970-01-01' + (g * 37 % 15000), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, md5(g::text)
     FROM generate_series(1, $1) g`,
    [MEMBERS],
  );
  await pool.query("SELECT setval('members_member_id_seq', $1)", [MEMBERS]);
  await pool.query(
    `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
     SELECT g, $2, 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active' FROM generate_series(1, $1) g`,
    [MEMBERS, PLAN],
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

type Run = { killed: boolean; stderr: string };

/** One run of the child; resolves when it exits or is killed. */
function runChild(db: string, progressFile: string, env: Record<string, string>): Promise<Run> {
  const config = {
    url: urlOf(db),
    plan: PLAN,
    since: DAYS[0],
    days: DAYS,
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
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ killed: true, stderr });
      else if (code === 0) resolve({ killed: false, stderr });
      else reject(new Error(`crash child exited ${code ?? signal}: ${stderr}`));
    });
  });
}

/** A small seeded generator (mulberry32) for the kill points. */
function generator(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Everything the two runs must agree on; cycle ids (a sequence may skip a value a crash used) become dates. */
async function snapshot(url: string) {
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
      balances: await q("SELECT account_id, balance_fen FROM account_balances ORDER BY account_id"),
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

beforeAll(async () => {
  admin = createPool(serverUrl(), 1);
  await admin.query(`CREATE DATABASE ${names.crashed} TEMPLATE huzhu_template`);
  const pool = createPool(urlOf(names.crashed), 2);
  await seed(pool);
  await pool.end();
  await admin.query(`CREATE DATABASE ${names.reference} TEMPLATE ${names.crashed}`);
});
afterAll(async () => {
  for (const db of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

describe("a cycle killed at random points and restarted", () => {
  // Killed and restarted processes: 32 s alone, near a minute on a loaded 2-core machine (the timeout below).
  it("ends exactly as an uninterrupted run: same ledger, disclosures, shares, log and debits; no member debited twice", async () => {
    const seedText = process.env.HUZHU_CRASH_SEED ?? String(randomInt(2 ** 31));
    // The reference run, which also lists every checkpoint it passes.
    const trace = join(dir, "trace");
    await runChild(names.reference, join(dir, "progress-reference"), { HUZHU_CHECKPOINT_TRACE: trace });
    const passed = readFileSync(trace, "utf8").trim().split("\n");
    // Kill points: the run is killed at its n-th checkpoint, n drawn from the seed so that the kills
    // spread over what is left of the programme; the reference's count less the checkpoints already
    // passed is a lower bound of what is left (a restart redoes some), so every drawn point is reached.
    const random = generator(seedText);
    const progress = join(dir, "progress-crashed");
    const kills: string[] = [];
    let left = passed.length;
    for (let k = KILLS; k > 0 && left > 1; k--) {
      const n = 1 + Math.floor((random() * 2 * (left - 1)) / (k + 1));
      const runTrace = join(dir, `trace-${kills.length}`);
      const run = await runChild(names.crashed, progress, {
        HUZHU_CRASH_AT: String(n),
        HUZHU_CHECKPOINT_TRACE: runTrace,
      });
      if (!run.killed) break;
      kills.push(`${readFileSync(runTrace, "utf8").trim().split("\n").at(-1)} (#${n})`);
      left -= n;
    }
    await runChild(names.crashed, progress, {});
    console.log(
      `crash test seed ${seedText} (replay: HUZHU_CRASH_SEED=${seedText}): ${passed.length} checkpoints uninterrupted; killed at ${kills.join(", ")}`,
    );
    expect(kills.length).toBeGreaterThanOrEqual(1);

    const crashed = await snapshot(urlOf(names.crashed));
    const reference = await snapshot(urlOf(names.reference));
    // compared row by row as text, so that a difference shows as the rows that differ
    const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r));
    for (const part of Object.keys(reference) as Array<keyof typeof reference>)
      expect(lines(crashed[part]), `${part} (seed ${seedText})`).toEqual(lines(reference[part]));
    // every debit the provider executed is one member's share (or a retry of it): at most one succeeded
    const pool = createPool(urlOf(names.crashed), 1);
    try {
      const twice = await pool.query(
        `SELECT regexp_replace(idem_key, ':retry:[0-9]+$', '') AS share, count(*) FILTER (WHERE status = 'succeeded') AS paid
         FROM sim_provider_payments WHERE kind = 'debit' GROUP BY 1 HAVING count(*) FILTER (WHERE status = 'succeeded') > 1`,
      );
      expect(twice.rows).toEqual([]);
      const asked = await pool.query<{ replays: number; debits: number }>(
        "SELECT coalesce(sum(requests - 1), 0)::int AS replays, count(*)::int AS debits FROM sim_provider_payments",
      );
      expect(asked.rows[0]!.debits).toBeGreaterThan(MEMBERS); // first debits and retries
      expect(await auditLedger(pool)).toEqual([]);
      expect(await auditCycles(pool)).toEqual([]);
      console.log(
        `crash test seed ${seedText}: ${asked.rows[0]!.debits} debits executed once each, ${asked.rows[0]!.replays} replayed after a kill`,
      );
    } finally {
      await pool.end();
    }
  }, 180_000);
});
