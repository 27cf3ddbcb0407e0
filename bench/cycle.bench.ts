import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { shareProof } from "../src/cycles/proofs.ts";
import { runCycle } from "../src/cycles/run.ts";
import type { ServiceDeps } from "../src/deps.ts";
import { civilDate } from "../src/domain/calendar.ts";
import { fixedClock } from "../src/domain/clock.ts";
import type { CycleDisclosure } from "../src/domain/cycle/disclosure.ts";
import { fen } from "../src/domain/money.ts";
import { createLogger } from "../src/log.ts";
import { freshLogKeys } from "../src/log-keys.ts";
import { simulatedSms } from "../src/notifications/sms.ts";
import type { PaymentProvider } from "../src/payments/port.ts";
import { SimulatedProvider } from "../src/payments/simulated.ts";
import { installPresets } from "../src/plans/presets.ts";
import { secretsFromMaster } from "../src/secrets.ts";
import type { Db } from "../src/store/db.ts";
import { addApprovedCase } from "../test/support/cases.ts";
import { fmt, timed, withPeakRss } from "./support.ts";
import { benchDatabase, postgresRssMiB } from "./support-db.ts";

/**
 * Issue 6's benchmark: `npm run bench -- cycle --members N` runs a full 相互宝 cycle (announce, compute,
 * instruct, collect with 1% failures, pay, disclose) for N members, and in the same run a plain COPY of
 * N debit rows into an equivalent table.
 */
/** The provider, with the time spent in its batch calls added up. */
function timedProvider(p: PaymentProvider, total: { seconds: number }): PaymentProvider {
  return {
    execute: (r) => p.execute(r),
    query: (k) => p.query(k),
    signDebitAuthorisation: (r) => p.signDebitAuthorisation(r),
    revokeDebitAuthorisation: (a) => p.revokeDebitAuthorisation(a),
    debitAuthorisation: (a) => p.debitAuthorisation(a),
    async executeBatch(reqs) {
      const t0 = performance.now();
      try {
        return await p.executeBatch(reqs);
      } finally {
        total.seconds += (performance.now() - t0) / 1000;
      }
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const i = args.indexOf("--members");
  const n = Number(i >= 0 ? args[i + 1] : (args[0] ?? 1_000_000));
  const db = await benchDatabase();
  try {
    await seedMembers(db.pool, n);
    const b = benchDeps(db.pool);
    for (let k = 1; k <= 10; k++)
      await addApprovedCase(b.deps, {
        participationId: k,
        event: "major",
        benefitFen: fen(30_000_000),
        decidedOn: civilDate("2020-01-05"),
      });
    let pgPeak = 0;
    const sampler = setInterval(() => {
      void postgresRssMiB().then((m) => {
        pgPeak = Math.max(pgPeak, m);
      });
    }, 500);
    b.startPhases();
    const cycle = await withPeakRss(() =>
      timed(() => runCycle(b.deps, "xianghubao", civilDate("2020-01-07"))),
    );
    clearInterval(sampler);
    const copy = await plainCopy(db.pool, n);
    const same = await sameShares(db.pool);
    // A member's proof: the first one asked of the cycle builds its stored chunks, later ones read one.
    const some = await db.pool.query<{ cycle_id: number; pseudonym: string }>(
      "SELECT cycle_id, pseudonym FROM cycle_shares ORDER BY member_id LIMIT 2",
    );
    const [p1, p2] = some.rows;
    const firstProof = await timed(() => shareProof(db.pool, p1!.cycle_id, p1!.pseudonym));
    const laterProof = await timed(() => shareProof(db.pool, p2!.cycle_id, p2!.pseudonym));
    report({
      n,
      cycle,
      providerSeconds: b.providerTime.seconds,
      copySeconds: copy.seconds,
      sameSeconds: same.seconds,
      firstProofSeconds: firstProof.seconds,
      laterProofSeconds: laterProof.seconds,
      phases: b.phases,
      pgPeakMiB: pgPeak,
    });
  } finally {
    await db.close();
  }
}

/** N members in 相互宝, generated set-based (placeholder ciphertexts: no personal data in a benchmark). */
export async function seedMembers(pool: Db, n: number): Promise<void> {
  await installPresets(pool, ["xianghubao"]);
  await pool.query(
    `INSERT INTO members (member_id, kind, id_lookup, id_cipher, id_masked, name_cipher, name_masked, mobile_lookup, mobile_cipher, mobile_masked, birth_date, sex, pseudonym)
     SELECT g, 'member', sha256(('id' || g)::bytea), '\\x00', '1101**********0000', '\\x00', '*', sha256(('m' || g)::bytea), '\\x00', '1**********',
            date '1970-01-01' + (g % 15000), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, md5(g::text)
     FROM generate_series(1, $1) g`,
    [n],
  );
  await pool.query("SELECT setval('members_member_id_seq', $1)", [n]);
  await pool.query(
    `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
     SELECT g, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active' FROM generate_series(1, $1) g`,
    [n],
  );
  await pool.query("ANALYZE");
  // The setup's writes reach the disk before the clock starts, not during the measured cycle.
  await pool.query("CHECKPOINT");
}

/** The service's dependencies, with the provider's time and the time between checkpoints added up. */
function benchDeps(pool: Db) {
  // The collection day of the 7 January cycle, so that both its steps are due and the whole cycle is timed.
  const clock = fixedClock(Date.UTC(2020, 0, 14, 2));
  // The simulated provider books every debit in its own tables, on this machine; a real provider does
  // that work on its own: its share of the time is printed apart.
  const providerTime = { seconds: 0 };
  // Where the time goes: seconds between the service's checkpoints.
  const phases = new Map<string, { seconds: number; times: number }>();
  let last = performance.now();
  const secrets = secretsFromMaster(randomBytes(32));
  const deps: ServiceDeps = {
    pool,
    clock,
    secrets,
    sms: simulatedSms(secrets),
    payments: timedProvider(
      new SimulatedProvider({ seed: "bench", webhookSecret: "x", clock, failureRate: 0.01, store: pool }),
      providerTime,
    ),
    webhookSecret: "x",
    logKeys: freshLogKeys(),
    logger: createLogger("warn"),
    dataDir: "/tmp",
    production: false,
    checkpoint: (name) => {
      const now = performance.now();
      const p = phases.get(name) ?? { seconds: 0, times: 0 };
      p.seconds += (now - last) / 1000;
      p.times++;
      phases.set(name, p);
      last = now;
    },
  };
  const startPhases = () => {
    last = performance.now();
    phases.clear();
  };
  return { deps, providerTime, phases, startPhases };
}

/** The first baseline: a plain COPY of N debit rows into an equivalent table. */
async function plainCopy(pool: Db, n: number) {
  await pool.query(
    "CREATE TABLE plain_debits (cycle_id bigint, member_id bigint, pseudonym text, weight text, share_fen bigint, status text)",
  );
  await pool.query("CHECKPOINT");
  return timed(async () => {
    const client = await pool.connect();
    try {
      async function* rows() {
        for (let k = 1; k <= n; k += 10_000) {
          const chunk: string[] = [];
          for (let m = k; m < Math.min(k + 10_000, n + 1); m++)
            chunk.push(`1\t${m}\t${m.toString(16).padStart(32, "0")}\t1\t10\tcollected\n`);
          yield chunk.join("");
        }
      }
      await pipeline(Readable.from(rows()), client.query(copyFrom("COPY plain_debits FROM STDIN")));
    } finally {
      client.release();
    }
  });
}

/**
 * A second baseline: the cycle's share rows written once into a table with cycle_shares' keys,
 * fillfactor and checks — the least any cycle that keeps one row per member pays, before hashing
 * them into the root, instructing the provider or recording a result.
 */
async function sameShares(pool: Db) {
  await pool.query("CREATE TABLE same_shares (LIKE cycle_shares INCLUDING ALL)");
  await pool.query("CHECKPOINT");
  return timed(() =>
    pool.query(
      `INSERT INTO same_shares (cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status, attempt)
       SELECT cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status, attempt FROM cycle_shares`,
    ),
  );
}

/** The figures, printed in order. */
function report(r: {
  n: number;
  cycle: { value: { value: CycleDisclosure; seconds: number }; peakRssMiB: number };
  providerSeconds: number;
  copySeconds: number;
  sameSeconds: number;
  firstProofSeconds: number;
  laterProofSeconds: number;
  phases: Map<string, { seconds: number; times: number }>;
  pgPeakMiB: number;
}): void {
  const { n } = r;
  const d = r.cycle.value.value;
  const s = r.cycle.value.seconds;
  const own = s - r.providerSeconds;
  process.stdout.write(
    [
      `cycle of ${n.toLocaleString("en-US")} members (相互宝, 10 cases, 1% failed debits)`,
      `  full cycle: ${fmt(s, 1)} s (${Math.round(n / s).toLocaleString("en-US")} members/s); collected ${d.collectedFen} fen, failed ${d.failedFen} fen`,
      `  of which the simulated provider booking the debits: ${fmt(r.providerSeconds, 1)} s; huzhu's own part ${fmt(own, 1)} s (${Math.round(n / own).toLocaleString("en-US")} members/s, ratio ${fmt(own / r.copySeconds, 1)}×)`,
      `  plain COPY of ${n.toLocaleString("en-US")} debit rows (baseline): ${fmt(r.copySeconds, 2)} s — ratio ${fmt(s / r.copySeconds, 1)}×  (target ≤ 2×)`,
      `  the share rows written once into a table with the same keys (second baseline): ${fmt(r.sameSeconds, 2)} s — cycle / that: ${fmt(s / r.sameSeconds, 1)}×, own part / that: ${fmt(own / r.sameSeconds, 1)}×`,
      `  a member's share proof: the first of the cycle ${fmt(r.firstProofSeconds, 2)} s (builds the stored chunks), the next ${fmt(r.laterProofSeconds * 1000, 1)} ms`,
      `  phases (seconds since the previous checkpoint): ${[...r.phases]
        .map(([k, p]) => `${k}${p.times > 1 ? ` ×${p.times}` : ""} ${fmt(p.seconds, 2)}`)
        .join("; ")}`,
      `  peak RSS: huzhu ${Math.round(r.cycle.peakRssMiB)} MiB, PostgreSQL ${Math.round(r.pgPeakMiB)} MiB`,
      "",
    ].join("\n"),
  );
}
