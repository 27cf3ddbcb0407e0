import { createHash } from "node:crypto";
import {
  closeSync,
  createWriteStream,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { limits } from "../limits.ts";
import { latestHead } from "../log/heads.ts";
import type { Db, Tx } from "../store/db.ts";
import { backupRepository as repo } from "./backup.repository.ts";
import { encryptingStream, type Lock, newHeader } from "./backup-cipher.ts";
import { type BackupFile, backupFiles } from "./backup-files.ts";
import { type BeginRecord, END, record } from "./backup-records.ts";
import { type FileSummary, loadOrder, type Manifest, RowDigest, type TableSummary } from "./manifest.ts";

const BATCH_BYTES = 65_536;

export type BackupSummary = Manifest & { readonly lastMigration: number; readonly fileBytes: number };

/** A file's bytes as base64 lines, read a slice at a time (a jury list of a hundred million names is GBs). */
async function* fileRecord(f: BackupFile, out: FileSummary[]): AsyncGenerator<string> {
  const fd = openSync(f.absolute, "r");
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    yield record("F", { place: f.place, path: f.path });
    const buf = Buffer.alloc(limits.backup.fileLineBytes);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      hash.update(buf.subarray(0, n));
      bytes += n;
      yield `${buf.subarray(0, n).toString("base64")}\n`;
    }
  } finally {
    closeSync(fd);
  }
  yield END;
  out.push({ place: f.place, path: f.path, bytes, sha256: hash.digest("hex") });
}

/** A table's COPY text as it streams from the server, each row counted into its digest on the way. */
async function* tableRecord(tx: Tx, t: { name: string; columns: readonly string[] }, out: TableSummary[]) {
  yield record("T", t);
  const digest = new RowDigest();
  let rest: Buffer = Buffer.alloc(0);
  // the server sends a row per message: passed on 64 KiB at a time, not a stream write per row
  let batch: Buffer[] = [];
  let batchBytes = 0;
  for await (const chunk of repo.copyOut(tx, t)) {
    const all = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    rest = all.subarray(digest.addLines(all));
    batch.push(chunk as Buffer);
    batchBytes += (chunk as Buffer).length;
    if (batchBytes >= BATCH_BYTES) {
      yield Buffer.concat(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (rest.length > 0) throw new Error(`invariant violated: COPY of ${t.name} ended inside a row`);
  if (batch.length > 0) yield Buffer.concat(batch);
  yield END;
  out.push({ name: t.name, rows: digest.rows, digest: digest.hex() });
}

/** Everything the backup holds, in order: begin, files, tables, sequences, manifest. */
async function* plaintext(
  tx: Tx,
  files: readonly BackupFile[],
  begin: BeginRecord,
  done: (m: Manifest) => void,
) {
  yield record("B", begin);
  const fileSummaries: FileSummary[] = [];
  for (const f of files) yield* fileRecord(f, fileSummaries);
  const shapes = await repo.tables(tx);
  const order = loadOrder(
    shapes.map((s) => s.name),
    await repo.references(tx),
  );
  const tableSummaries: TableSummary[] = [];
  for (const name of order) yield* tableRecord(tx, shapes.find((s) => s.name === name)!, tableSummaries);
  yield record("S", await repo.sequences(tx));
  const head = await latestHead(tx);
  const manifest: Manifest = {
    tables: tableSummaries,
    files: fileSummaries,
    logHead: head ? { size: head.size, rootHash: head.rootHash } : null,
  };
  yield record("M", manifest);
  done(manifest);
}

/**
 * `huzhu backup FILE`: the database as of one snapshot (every table of our schema, COPY text streamed,
 * never held whole), the migrations it is at, the data dir's keys and files, compressed and encrypted
 * to the lock; written beside FILE and renamed onto it when whole and flushed.
 */
export async function createBackup(
  pool: Db,
  o: {
    file: string;
    lock: Lock;
    places: Parameters<typeof backupFiles>[0];
    logOrigin: string;
    nowMs: number;
  },
): Promise<BackupSummary> {
  const { header, dataKey } = newHeader(o.lock);
  const headerLine = JSON.stringify(header);
  const tmp = `${o.file}.partial`;
  const tx = await pool.connect();
  let manifest: Manifest | undefined;
  try {
    await repo.beginSnapshot(tx);
    const migrations = await repo.appliedMigrations(tx);
    const begin: BeginRecord = { createdAtMs: o.nowMs, migrations, logOrigin: o.logOrigin };
    await pipeline(
      Readable.from(
        plaintext(tx, backupFiles(o.places), begin, (m) => {
          manifest = m;
        }),
      ),
      // level 1: most of level 6's size on COPY text (22 vs 85 MiB at 100,000 members) for less CPU
      createGzip({ level: 1 }),
      encryptingStream(headerLine, dataKey),
      createWriteStream(tmp, { mode: 0o600 }),
    );
    await repo.commit(tx);
    const fd = openSync(tmp, "r");
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, o.file);
    return { ...manifest!, lastMigration: migrations.at(-1)?.version ?? 0, fileBytes: statSync(o.file).size };
  } catch (e) {
    await repo.rollback(tx).catch(() => {});
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    tx.release();
  }
}
