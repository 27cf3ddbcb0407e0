import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { shareProof } from "../src/cycles/proofs.ts";
import { runCycle } from "../src/cycles/run.ts";
import type { ServiceDeps } from "../src/deps.ts";
import { civilDate } from "../src/domain/calendar.ts";
import { fixedClock } from "../src/domain/clock.ts";
import { fen } from "../src/domain/money.ts";
import { createLogger } from "../src/log.ts";
import { freshLogKeys } from "../src/log-keys.ts";
import { simulatedSms } from "../src/notifications/sms.ts";
import type { PaymentProvider } from "../src/payments/port.ts";
import { SimulatedProvider } from "../src/payments/simulated.ts";
import { installPresets } from "../src/plans/presets.ts";
import { secretsFromMaster } from "../src/secrets.ts";
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
    await installPresets(db.pool, ["xianghubao"]);
    // Members generated set-based (placeholder ciphertexts: no personal data in a benchmark).
    await db.pool.query(
      `INSERT INTO members (member_id, kind, id_lookup, id_cipher, id_masked, name_cipher, name_masked, mobile_lookup, mobile_cipher, mobile_masked, birth_date, sex, pseudonym)
       SELECT g, 'member', sha256(('id' || g)::bytea), '\\x00', '1101**********0000', '\\x00', '*', sha256(('m' || g)::bytea), '\\x00', '1**********',
              date '1970-01-01' + (g % 15000), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, md5(g::text)
       FROM generate_series(1, $1) g`,
      [n],
    );
    await db.pool.query("SELECT setval('members_member_id_seq', $1)", [n]);
    await db.pool.query(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
       SELECT g, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active' FROM generate_series(1, $1) g`,
      [n],
    );
    await db.pool.query("ANALYZE");
    // The setup's writes reach the disk before the clock starts, not during the measured cycle.
    await db.pool.query("CHECKPOINT");
    const clock = fixedClock(Date.UTC(2020, 0, 7));
    // The simulated provider books every debit in its own tables, on this machine; a real provider does
    // that work on its own: its share of the time is printed apart.
    const providerTime = { seconds: 0 };
    // Where the time goes: seconds between the service's checkpoints.
    const phases = new Map<string, { seconds: number; times: number }>();
    let last = performance.now();
    const secrets = secretsFromMaster(randomBytes(32));
    const deps: ServiceDeps = {
      pool: db.pool,
      clock,
      secrets,
      sms: simulatedSms(secrets),
      payments: timedProvider(
        new SimulatedProvider({
          seed: "bench",
          webhookSecret: "x",
          clock,
          failureRate: 0.01,
          store: db.pool,
        }),
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
    for (let k = 1; k <= 10; k++)
      await addApprovedCase(deps, {
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
    last = performance.now();
    phases.clear();
    const cycle = await withPeakRss(() => timed(() => runCycle(deps, "xianghubao", civilDate("2020-01-07"))));
    clearInterval(sampler);
    await db.pool.query(
      "CREATE TABLE plain_debits (cycle_id bigint, member_id bigint, pseudonym text, weight text, share_fen bigint, status text)",
    );
    await db.pool.query("CHECKPOINT");
    const copy = await timed(async () => {
      const client = await db.pool.connect();
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
    // A second baseline: the cycle's share rows written once into a table with cycle_shares' keys,
    // fillfactor and checks — the least any cycle that keeps one row per member pays, before hashing
    // them into the root, instructing the provider or recording a result.
    await db.pool.query("CREATE TABLE same_shares (LIKE cycle_shares INCLUDING ALL)");
    await db.pool.query("CHECKPOINT");
    const same = await timed(() =>
      db.pool.query(
        `INSERT INTO same_shares (cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status, attempt)
         SELECT cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status, attempt FROM cycle_shares`,
      ),
    );
    // A member's proof: the first one asked of the cycle builds its stored chunks, later ones read one.
    const some = await db.pool.query<{ cycle_id: number; pseudonym: string }>(
      "SELECT cycle_id, pseudonym FROM cycle_shares ORDER BY member_id LIMIT 2",
    );
    const [p1, p2] = some.rows;
    const firstProof = await timed(() => shareProof(db.pool, p1!.cycle_id, p1!.pseudonym));
    const laterProof = await timed(() => shareProof(db.pool, p2!.cycle_id, p2!.pseudonym));
    const d = cycle.value.value;
    const own = cycle.value.seconds - providerTime.seconds;
    const s = cycle.value.seconds;
    process.stdout.write(
      [
        `cycle of ${n.toLocaleString("en-US")} members (相互宝, 10 cases, 1% failed debits)`,
        `  full cycle: ${fmt(s, 1)} s (${Math.round(n / s).toLocaleString("en-US")} members/s); collected ${d.collectedFen} fen, failed ${d.failedFen} fen`,
        `  of which the simulated provider booking the debits: ${fmt(providerTime.seconds, 1)} s; huzhu's own part ${fmt(own, 1)} s (${Math.round(n / own).toLocaleString("en-US")} members/s, ratio ${fmt(own / copy.seconds, 1)}×)`,
        `  plain COPY of ${n.toLocaleString("en-US")} debit rows (baseline): ${fmt(copy.seconds, 2)} s — ratio ${fmt(s / copy.seconds, 1)}×  (target ≤ 2×)`,
        `  the share rows written once into a table with the same keys (second baseline): ${fmt(same.seconds, 2)} s — cycle / that: ${fmt(s / same.seconds, 1)}×, own part / that: ${fmt(own / same.seconds, 1)}×`,
        `  a member's share proof: the first of the cycle ${fmt(firstProof.seconds, 2)} s (builds the stored chunks), the next ${fmt(laterProof.seconds * 1000, 1)} ms`,
        `  phases (seconds since the previous checkpoint): ${[...phases]
          .map(([k, p]) => `${k}${p.times > 1 ? ` ×${p.times}` : ""} ${fmt(p.seconds, 2)}`)
          .join("; ")}`,
        `  peak RSS: huzhu ${Math.round(cycle.peakRssMiB)} MiB, PostgreSQL ${Math.round(pgPeak)} MiB`,
        "",
      ].join("\n"),
    );
  } finally {
    await db.close();
  }
}
