import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { civilDate } from "../src/domain/calendar.ts";
import { residentIdCheckChar } from "../src/domain/identity.ts";
import { importMembers } from "../src/import/import.ts";
import { installPresets } from "../src/plans/presets.ts";
import { secretsFromMaster } from "../src/secrets.ts";
import { fmt, timed, withPeakRss } from "./support.ts";
import { benchDatabase, postgresRssMiB } from "./support-db.ts";

/** The CSV of n members, each with a unique valid resident ID. */
export function writeCsv(n: number, path: string): void {
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on"];
  for (let i = 0; i < n; i++) {
    const year = 1962 + (i % 57);
    const first17 = `1101${String(10 + (i % 90)).padStart(2, "0")}${year}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}${String(Math.floor(i / 23_940) % 1000).padStart(3, "0")}`;
    // unique per i: (region, year, month, day) repeat every lcm(90, 57, 12, 28) = 23,940 rows; the block number differs
    lines.push(
      `会员${i},1${String(3e9 + i).padStart(10, "0")},${first17}${residentIdCheckChar(first17)},xianghubao,standard,2019-06-01`,
    );
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

type BenchDb = Awaited<ReturnType<typeof benchDatabase>>;

/** The first baseline: a plain COPY of the same CSV rows into an equivalent table. */
async function plainCopy(db: BenchDb, path: string) {
  await db.pool.query(
    `CREATE TABLE IF NOT EXISTS plain_import (name text, mobile text, resident_id text, plan_id text, tier text, joined_on date)`,
  );
  // Each measured step starts with nothing of the previous one left to write.
  await db.pool.query("CHECKPOINT");
  return timed(async () => {
    const client = await db.pool.connect();
    try {
      await pipeline(
        createReadStream(path),
        client.query(copyFrom("COPY plain_import FROM STDIN (FORMAT csv, HEADER true)")),
      );
    } finally {
      client.release();
    }
  });
}

/** The measured import, with the seconds between its checkpoints and PostgreSQL's peak memory. */
async function measuredImport(db: BenchDb, path: string) {
  const secrets = secretsFromMaster(randomBytes(32));
  let pgPeak = 0;
  const sampler = setInterval(() => {
    void postgresRssMiB().then((m) => {
      pgPeak = Math.max(pgPeak, m);
    });
  }, 500);
  // Where the time goes: seconds between the service's checkpoints.
  const phases: string[] = [];
  let last = performance.now();
  const checkpoint = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${fmt((now - last) / 1000, 2)} s`);
    last = now;
  };
  await db.pool.query("CHECKPOINT");
  const imported = await withPeakRss(() =>
    timed(() => {
      last = performance.now();
      return importMembers(db.pool, secrets, path, civilDate("2020-03-01"), { checkpoint });
    }),
  );
  clearInterval(sampler);
  const result = imported.value.value;
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return { seconds: imported.value.seconds, phases, peakRssMiB: imported.peakRssMiB, pgPeakMiB: pgPeak };
}

/**
 * A second baseline: the rows the import produced (encrypted, hashed), COPYed into tables with the
 * same unique indexes and checks as members and participations (no foreign keys) — what PostgreSQL
 * alone needs to store them, whoever prepares them.
 */
async function indexedCopy(db: BenchDb) {
  const rowsDir = mkdtempSync(join(tmpdir(), "huzhu-import-rows-"));
  const client = await db.pool.connect();
  try {
    for (const table of ["members", "participations"]) {
      await client.query(`CREATE TABLE ${table}_same (LIKE ${table} INCLUDING ALL)`);
      await pipeline(
        client.query(copyTo(`COPY ${table} TO STDOUT`)),
        createWriteStream(join(rowsDir, table)),
      );
    }
  } finally {
    client.release();
  }
  await db.pool.query("CHECKPOINT");
  const indexed = await timed(async () => {
    const c = await db.pool.connect();
    try {
      for (const table of ["members", "participations"])
        await pipeline(
          createReadStream(join(rowsDir, table)),
          c.query(copyFrom(`COPY ${table}_same FROM STDIN`)),
        );
    } finally {
      c.release();
    }
  });
  rmSync(rowsDir, { recursive: true, force: true });
  return indexed;
}

/**
 * Issue 4's benchmark: import N members with enrolments (validation, encryption, lookup hashes,
 * pseudonyms, COPY, set-based inserts) beside a plain COPY of the same CSV rows into an equivalent
 * table, in the same run. `npm run bench -- import [N]` (default 1,000,000).
 */
export async function run(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "huzhu-import-bench-"));
  const path = join(dir, "members.csv");
  writeCsv(n, path);
  const db = await benchDatabase();
  try {
    await installPresets(db.pool, ["xianghubao"]);
    const copy = await plainCopy(db, path);
    const imported = await measuredImport(db, path);
    const s = imported.seconds;
    const indexed = await indexedCopy(db);
    process.stdout.write(
      [
        `import of ${n.toLocaleString("en-US")} members with enrolments`,
        `  plain COPY of the same rows (baseline): ${fmt(copy.seconds, 2)} s  (${Math.round(n / copy.seconds).toLocaleString("en-US")} rows/s)`,
        `  huzhu members import:                   ${fmt(s, 2)} s  (${Math.round(n / s).toLocaleString("en-US")} rows/s)`,
        `  ratio import / COPY:                    ${fmt(s / copy.seconds, 2)}×  (target ≤ 3×)`,
        `  COPY of the imported rows into tables with the same indexes (second baseline): ${fmt(indexed.seconds, 2)} s — import / that: ${fmt(s / indexed.seconds, 2)}×`,
        `  phases: ${imported.phases.join("; ")}`,
        `  peak RSS: huzhu ${Math.round(imported.peakRssMiB)} MiB, PostgreSQL processes ${Math.round(imported.pgPeakMiB)} MiB`,
        "",
      ].join("\n"),
    );
  } finally {
    await db.close();
  }
}
