import { createHash } from "node:crypto";
import { from as copyFrom } from "pg-copy-streams";
import { candidatesDigest, drawJurors, jurySeed, tallyJury } from "../src/domain/jury.ts";
import { copyOutLines } from "../src/store/db.ts";
import { fmt, numberOption, timed, withPeakRss } from "./support.ts";
import { benchDatabase } from "./support-db.ts";

type BenchDb = Awaited<ReturnType<typeof benchDatabase>>;
type Vote = { member: number; pseudonym: string; inFavour: boolean };

/** Loads `members` random-looking pseudonyms (as the HMAC gives), not already in order. */
async function loadCandidates(db: BenchDb, members: number, pseudonym: (i: number) => string) {
  await db.pool.query("CREATE UNLOGGED TABLE bench_candidates (pseudonym text NOT NULL)");
  const load = await timed(async () => {
    const client = await db.pool.connect();
    try {
      const stream = client.query(copyFrom("COPY bench_candidates (pseudonym) FROM STDIN"));
      const chunk = 100_000;
      for (let start = 0; start < members; start += chunk) {
        const lines: string[] = [];
        for (let i = start; i < Math.min(members, start + chunk); i++) lines.push(pseudonym(i));
        if (!stream.write(`${lines.join("\n")}\n`)) await new Promise((r) => stream.once("drain", r));
      }
      await new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve).on("error", reject);
        stream.end();
      });
    } finally {
      client.release();
    }
  });
  process.stdout.write(`setup: ${members.toLocaleString()} pseudonyms loaded in ${fmt(load.seconds, 1)} s\n`);
}

/** As the service reads them: COPY of the list, not row objects, sorted by the server in byte order. */
async function fetchSorted(db: BenchDb): Promise<string[]> {
  const client = await db.pool.connect();
  try {
    const lines: string[] = [];
    await client.query("BEGIN");
    await client.query("SET LOCAL work_mem = '1GB'");
    await copyOutLines(
      client,
      'SELECT pseudonym FROM bench_candidates ORDER BY pseudonym COLLATE "C"',
      (line) => lines.push(line),
    );
    await client.query("COMMIT");
    return lines;
  } finally {
    client.release();
  }
}

/** The draw: fetch and sort, digest the published list, the seeded shuffle; baseline a plain SHA-256. */
async function benchDraw(db: BenchDb, members: number, jurors: number) {
  const draw = await withPeakRss(() =>
    timed(async () => {
      const fetch = await timed(() => fetchSorted(db));
      const names = fetch.value;
      const digest = await timed(() => candidatesDigest(names));
      const seed = jurySeed({ claimId: 1, logSize: 123_456, logRootHex: "ab".repeat(32) });
      const picked = await timed(() => drawJurors(seed, names.length, jurors));
      return { fetch, digest, picked, names };
    }),
  );
  const { fetch, digest, picked, names } = draw.value.value;
  const plain = await timed(() => {
    const h = createHash("sha256");
    for (let i = 0; i < names.length; i += 65_536) h.update(`${names.slice(i, i + 65_536).join("\n")}\n`);
    return h.digest("hex");
  });
  process.stdout.write(
    `draw ${jurors.toLocaleString()} jurors of ${members.toLocaleString()}: ${fmt(draw.value.seconds, 2)} s in all ` +
      `(fetch and sort ${fmt(fetch.seconds, 2)} s, list digest ${fmt(digest.seconds, 2)} s, seeded shuffle ${fmt(picked.seconds, 3)} s); ` +
      `plain SHA-256 of the list ${fmt(plain.seconds, 2)} s → digest ratio ${fmt(digest.seconds / plain.seconds, 2)}×; ` +
      `peak RSS ${draw.peakRssMiB.toFixed(0)} MiB\n`,
  );
  return { picked: picked.value, names };
}

/** The votes written twice: as the service does (batched INSERT) and, as the baseline, a plain COPY. */
async function writeVotes(db: BenchDb, votes: Vote[]) {
  await db.pool.query(
    "CREATE UNLOGGED TABLE bench_votes (claim_id bigint, member_id bigint, in_favour boolean, at timestamptz, PRIMARY KEY (claim_id, member_id))",
  );
  await db.pool.query(
    "CREATE UNLOGGED TABLE bench_votes_copy (claim_id bigint, member_id bigint, in_favour boolean, at timestamptz)",
  );
  const copy = await timed(async () => {
    const client = await db.pool.connect();
    try {
      const stream = client.query(copyFrom("COPY bench_votes_copy FROM STDIN"));
      stream.write(
        `${votes.map((v) => `1\t${v.member}\t${v.inFavour}\t2020-07-01 10:00:00+08`).join("\n")}\n`,
      );
      await new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve).on("error", reject);
        stream.end();
      });
    } finally {
      client.release();
    }
  });
  const insert = await timed(async () => {
    for (let i = 0; i < votes.length; i += 10_000) {
      const batch = votes.slice(i, i + 10_000);
      await db.pool.query(
        `INSERT INTO bench_votes SELECT 1, m, f, '2020-07-01 10:00:00+08' FROM unnest($1::bigint[], $2::boolean[]) AS u(m, f)
         ON CONFLICT DO NOTHING`,
        [batch.map((v) => v.member), batch.map((v) => v.inFavour)],
      );
    }
  });
  return { copy, insert };
}

/** The log's ballots: canonical JSON entries as the sequencer stores them, recounted by anyone. */
function recountFromLog(entries: string[]) {
  let y = 0;
  let n = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    const b = JSON.parse(e) as { claim: number; juror: string; inFavour: boolean };
    if (b.claim !== 1 || seen.has(b.juror)) continue;
    seen.add(b.juror);
    if (b.inFavour) y++;
    else n++;
  }
  return tallyJury({ inFavour: y, against: n }, { overturnAboveBp: 5000, quorum: 1 });
}

/** The tally: the votes inserted and counted in SQL, and recounted from their log entries. */
async function benchTally(db: BenchDb, votes: Vote[]) {
  const { copy, insert } = await writeVotes(db, votes);
  const sqlTally = await timed(async () => {
    const { rows } = await db.pool.query<{ y: number; n: number }>(
      "SELECT count(*) FILTER (WHERE in_favour)::int AS y, count(*) FILTER (WHERE NOT in_favour)::int AS n FROM bench_votes WHERE claim_id = 1",
    );
    return tallyJury({ inFavour: rows[0]!.y, against: rows[0]!.n }, { overturnAboveBp: 5000, quorum: 1 });
  });
  const entries = votes.map((v) => `{"claim":1,"inFavour":${v.inFavour},"juror":"${v.pseudonym}"}`);
  const logTally = await timed(() => recountFromLog(entries));
  if (sqlTally.value.inFavour !== logTally.value.inFavour) throw new Error("the two tallies disagree");
  process.stdout.write(
    `tally ${votes.length.toLocaleString()} votes: insert ${fmt(insert.seconds, 2)} s vs plain COPY ${fmt(copy.seconds, 2)} s ` +
      `(ratio ${fmt(insert.seconds / copy.seconds, 2)}×); SQL count ${fmt(sqlTally.seconds, 3)} s; ` +
      `recount from log entries ${fmt(logTally.seconds, 3)} s; outcome ${sqlTally.value.outcome} ` +
      `(${sqlTally.value.inFavour} in favour of ${votes.length})\n`,
  );
}

/**
 * Issue 5's benchmark: draw 100,000 jurors from 10,000,000 members and tally 100,000 votes.
 * The draw: fetch the sorted candidate pseudonyms from PostgreSQL, digest the published list, run the
 * seeded partial shuffle; baseline: one plain SHA-256 over the same bytes. The tally: 100,000 votes
 * inserted and counted in SQL, and recounted from their log entries; baseline: a plain COPY of the
 * same rows. `npm run bench -- jury [--members N] [--jurors K]`.
 */
export async function run(args: string[]): Promise<void> {
  const members = numberOption(args, "--members", 10_000_000);
  const jurors = numberOption(args, "--jurors", 100_000);
  // random-looking pseudonyms (as the HMAC gives), not already in order
  const pseudonym = (i: number) => createHash("md5").update(`m${i}`).digest("hex");
  const db = await benchDatabase();
  try {
    await loadCandidates(db, members, pseudonym);
    const { picked, names } = await benchDraw(db, members, jurors);
    // 100,000 votes: 7 in 10 in favour
    const votes = picked.map((idx, i) => ({ member: idx + 1, pseudonym: names[idx]!, inFavour: i % 10 < 7 }));
    await benchTally(db, votes);
  } finally {
    await db.close();
  }
}
