import { from as copyFrom } from "pg-copy-streams";
import { countFromLogEntries } from "../src/domain/governance/ballots.ts";
import { countFromDatabase, countFromLog } from "../src/governance/ballots.ts";
import { installPresets } from "../src/plans/presets.ts";
import type { Db } from "../src/store/db.ts";
import { fmt, timed, withPeakRss } from "./support.ts";
import { benchDatabase } from "./support-db.ts";

/** COPY lines into a table, `chunk` lines at a time from a generator of lines. */
async function copyLines(pool: Db, sql: string, n: number, line: (i: number) => string): Promise<void> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(sql));
    for (let start = 0; start < n; start += 100_000) {
      const out: string[] = [];
      for (let i = start; i < Math.min(n, start + 100_000); i++) out.push(line(i));
      if (!stream.write(`${out.join("\n")}\n`)) await new Promise((r) => stream.once("drain", r));
    }
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve).on("error", reject);
      stream.end();
    });
  } finally {
    client.release();
  }
}

/**
 * Issue 9's benchmark: tally a vote of N members (default 10,000,000; 5% of them changed their vote
 * once, so the last ballot must win) from the database and from the transparency log — the log's
 * table, and an export held in memory as a verifier would. Baseline: a plain count(*) of the ballots.
 * `npm run bench -- governance [--members N]`.
 */
export async function run(args: string[]): Promise<void> {
  const i = args.indexOf("--members");
  const n = i >= 0 ? Number(args[i + 1]) : 10_000_000;
  const changed = Math.floor(n / 20);
  const pseudonym = (m: number) => m.toString(16).padStart(32, "0");
  // member m votes yes when m % 4 != 0 (75%); the changers first voted the other way
  const vote = (m: number) => m % 4 !== 0;
  const db = await benchDatabase();
  try {
    await installPresets(db.pool, ["xianghubao"]);
    await db.pool.query(
      `INSERT INTO proposals (proposal_id, plan_id, kind, title, body, change_class, proposer, state, created_at)
       VALUES (1, 'xianghubao', 'change', 'bench', 'bench', 'benefitReduction', 'staff:1', 'published', now())`,
    );
    const load = await timed(async () => {
      await copyLines(
        db.pool,
        "COPY ballots (proposal_id, member_id, seq, in_favour, at) FROM STDIN",
        n + changed,
        (k) =>
          k < changed
            ? `1\t${k}\t1\t${!vote(k)}\t2020-03-02 10:00:00+08`
            : `1\t${k - changed}\t${k - changed < changed ? 2 : 1}\t${vote(k - changed)}\t2020-03-03 10:00:00+08`,
      );
      await copyLines(
        db.pool,
        "COPY log_entries (idx, kind, member, canonical, leaf_hash, created_at) FROM STDIN",
        n + changed,
        (k) => {
          const m = k < changed ? k : k - changed;
          const seq = k < changed ? 1 : m < changed ? 2 : 1;
          const yes = k < changed ? !vote(m) : vote(m);
          return `${k}\tballot\t${pseudonym(m)}\t{"inFavour":${yes},"member":"${pseudonym(m)}","proposal":1,"seq":${seq}}\t\\\\x00\t2020-03-03 10:00:00+08`;
        },
      );
    });
    process.stdout.write(
      `setup: ${(n + changed).toLocaleString()} ballots and log entries loaded in ${fmt(load.seconds, 1)} s\n`,
    );
    // 75% in favour: ⌈3n/4⌉ members have m % 4 != 0
    const expectYes = n - Math.ceil(n / 4);
    const baseline = await timed(() => db.pool.query("SELECT count(*) FROM ballots"));
    const fromDb = await withPeakRss(() => timed(() => countFromDatabase(db.pool, 1)));
    const fromLogTable = await withPeakRss(() => timed(() => countFromLog(db.pool, 1)));
    const entries: string[] = [];
    for (let k = 0; k < n + changed; k++) {
      const m = k < changed ? k : k - changed;
      const seq = k < changed ? 1 : m < changed ? 2 : 1;
      const yes = k < changed ? !vote(m) : vote(m);
      entries.push(`{"inFavour":${yes},"member":"${pseudonym(m)}","proposal":1,"seq":${seq}}`);
    }
    const fromExport = await withPeakRss(() => timed(() => countFromLogEntries(entries, 1)));
    for (const [name, r] of [
      ["database", fromDb.value.value.inFavour],
      ["log table", fromLogTable.value.value.inFavour],
      ["log export", fromExport.value.value.inFavour],
    ] as const)
      if (r !== expectYes) throw new Error(`${name}: ${r} in favour, expected ${expectYes}`);
    const base = baseline.seconds;
    process.stdout.write(
      `tally of ${n.toLocaleString()} members (${(n + changed).toLocaleString()} ballots):\n` +
        `  from the database (last ballot per member): ${fmt(fromDb.value.seconds, 2)} s, ratio to count(*) ${fmt(fromDb.value.seconds / base, 1)}×\n` +
        `  from the log's table (parse every ballot entry): ${fmt(fromLogTable.value.seconds, 2)} s, ${fmt(fromLogTable.value.seconds / base, 1)}×; peak RSS ${fromLogTable.peakRssMiB.toFixed(0)} MiB\n` +
        `  from a log export in memory: ${fmt(fromExport.value.seconds, 2)} s, ${fmt(fromExport.value.seconds / base, 1)}×\n` +
        `  baseline count(*) of the ballots: ${fmt(base, 2)} s; result ${expectYes.toLocaleString()} in favour (75%)\n`,
    );
  } finally {
    await db.close();
  }
}
