import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { backupRepository } from "../src/backup/backup.repository.ts";
import { createBackup } from "../src/backup/create-backup.ts";
import { openBackup, passOver, restoreBackup } from "../src/backup/restore-backup.ts";
import { civilDate } from "../src/domain/calendar.ts";
import { importMembers } from "../src/import/import.ts";
import { installPresets } from "../src/plans/presets.ts";
import { secretsFromMaster } from "../src/secrets.ts";
import { createPool, type Db } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { writeCsv } from "./import.bench.ts";
import { fmt, timed, withPeakRss } from "./support.ts";
import { benchDatabase } from "./support-db.ts";

/** The floor of a logical export: every table COPYed out in one snapshot, the bytes thrown away. */
async function plainExport(pool: Db) {
  const tx = await pool.connect();
  let bytes = 0;
  try {
    return await timed(async () => {
      await backupRepository.beginSnapshot(tx);
      for (const t of await backupRepository.tables(tx))
        await pipeline(
          backupRepository.copyOut(tx, t),
          new Writable({
            write(chunk: Buffer, _e, cb) {
              bytes += chunk.length;
              cb();
            },
          }),
        );
      await backupRepository.commit(tx);
      return bytes;
    });
  } finally {
    tx.release();
  }
}

/**
 * The floor of a load: the same rows piped table by table from the source into a freshly migrated
 * database, in one transaction, with our triggers off and the foreign keys added back after, as the
 * restore does — without reading a file, decrypting, checking or reading back.
 */
async function plainLoad(source: Db, url: string) {
  await source.query("CREATE DATABASE floor TEMPLATE template0");
  const target = createPool(url.replace(/\/[^/]+$/, "/floor"), 2);
  await migrate(target);
  const [from, to] = [await source.connect(), await target.connect()];
  try {
    return await timed(async () => {
      await backupRepository.beginSnapshot(from);
      await backupRepository.beginRestore(to);
      const shapes = await backupRepository.tables(to);
      await backupRepository.truncate(
        to,
        shapes.map((t) => t.name),
      );
      await backupRepository.setUserTriggers(
        to,
        shapes.map((t) => t.name),
        false,
      );
      const keys = await backupRepository.foreignKeys(to);
      await backupRepository.dropForeignKeys(to, keys);
      for (const t of shapes)
        await pipeline(backupRepository.copyOut(from, t), backupRepository.copyIn(to, t));
      await backupRepository.addForeignKeys(to, keys);
      await backupRepository.commit(to);
      await backupRepository.commit(from);
    });
  } finally {
    from.release();
    to.release();
    await target.end();
  }
}

/**
 * Issue 20: `huzhu backup` and `huzhu restore` of a database of N imported members (default 100,000),
 * beside the floor of a logical export (every table COPYed out to nowhere) and of a load (the same rows
 * piped into a migrated database) in the same run.
 * `npm run bench -- backup [N]`.
 */
export async function run(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), "huzhu-backup-bench-"));
  const db = await benchDatabase();
  try {
    await installPresets(db.pool, ["xianghubao"]);
    writeCsv(n, join(dir, "members.csv"));
    const secrets = secretsFromMaster(randomBytes(32));
    await importMembers(db.pool, secrets, join(dir, "members.csv"), civilDate("2020-03-01"));
    const floor = await plainExport(db.pool);
    const places = {
      dataDir: join(dir, "src"),
      keysDir: join(dir, "src", "keys"),
      secretKeyFile: join(dir, "none"),
    };
    const lock = { passphrase: "benchmark passphrase" };
    const file = join(dir, "b.huzhu");
    const made = await withPeakRss(() =>
      timed(() => createBackup(db.pool, { file, lock, places, logOrigin: "bench", nowMs: Date.now() })),
    );
    const url = (db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await db.pool.query("CREATE DATABASE restored TEMPLATE template0");
    const target = createPool(url.replace(/\/[^/]+$/, "/restored"), 2);
    const restored = await withPeakRss(() =>
      timed(async () => {
        const b = openBackup(file, lock);
        const content = await passOver(b);
        const into = {
          dataDir: join(dir, "dst"),
          keysDir: join(dir, "dst", "keys"),
          secretKeyFile: join(dir, "none"),
        };
        return restoreBackup(target, b, content, { places: into, witnesses: [] });
      }),
    );
    await target.end();
    const load = await plainLoad(db.pool, url);
    const s = made.value.value;
    process.stdout.write(
      [
        `backup and restore of ${n.toLocaleString("en-US")} imported members (${s.tables.reduce((x, t) => x + t.rows, 0).toLocaleString("en-US")} rows in ${s.tables.length} tables)`,
        `  every table COPYed out to nowhere (baseline): ${fmt(floor.seconds, 2)} s, ${(floor.value / 1_048_576).toFixed(1)} MiB of COPY text`,
        `  huzhu backup:  ${fmt(made.value.seconds, 2)} s (${fmt(made.value.seconds / floor.seconds, 2)}× the baseline), file ${(s.fileBytes / 1_048_576).toFixed(1)} MiB, peak RSS ${made.peakRssMiB.toFixed(0)} MiB`,
        `  the same rows piped into a migrated database, keys added after (second baseline): ${fmt(load.seconds, 2)} s`,
        `  huzhu restore: ${fmt(restored.value.seconds, 2)} s (${fmt(restored.value.seconds / load.seconds, 2)}× the second baseline; file read and checked, migrated, loaded, read back), peak RSS ${restored.peakRssMiB.toFixed(0)} MiB`,
        "",
      ].join("\n"),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
