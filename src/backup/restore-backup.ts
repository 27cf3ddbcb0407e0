import { once } from "node:events";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import type { Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { entryOf, type KeyringManifest, MANIFEST_FILE } from "../keys/keyring.ts";
import { limits } from "../limits.ts";
import { latestHead } from "../log/heads.ts";
import type { WitnessEndpoint } from "../log/witnessing.ts";
import { logKeyFile } from "../log-keys.ts";
import type { Db, Tx } from "../store/db.ts";
import { listMigrations } from "../store/migrate.ts";
import { backupRepository as repo, type TableShape } from "./backup.repository.ts";
import {
  BackupFileError,
  decryptingStream,
  parseHeader,
  type Unlock,
  unwrapDataKey,
} from "./backup-cipher.ts";
import { existingTargets, restorePath, stagedWriter } from "./backup-files.ts";
import { type BackupContent, readBackup, type Sink } from "./backup-records.ts";
import { RowDigest, type TableSummary, tableDifferences } from "./manifest.ts";
import { type FetchText, freshnessRefusal } from "./restore-freshness.ts";

type Places = Parameters<typeof existingTargets>[0];
/** The target holds data already: a restore goes only into an empty database and data dir. */
export class TargetNotEmpty extends Error {}
/** The backup's log is older than what the log published (or is not the log the witnesses know). */
export class StaleBackup extends Error {}

export type OpenedBackup = { readonly file: string; readonly headerLine: string; readonly dataKey: Buffer };

/** Reads the header line and unwraps the data key: a wrong passphrase or key stops here. */
export function openBackup(file: string, unlock: Unlock): OpenedBackup {
  let head: Buffer;
  try {
    const fd = openSync(file, "r");
    head = Buffer.alloc(limits.backup.headerBytesMax);
    head = head.subarray(0, readSync(fd, head));
    closeSync(fd);
  } catch {
    throw new BackupFileError(`cannot read ${file}`);
  }
  const nl = head.indexOf(10);
  if (nl === -1) throw new BackupFileError("not a huzhu backup file (no header)");
  const headerLine = head.subarray(0, nl).toString("utf8");
  return { file, headerLine, dataKey: unwrapDataKey(parseHeader(headerLine), unlock) };
}

/** One pass over the content: decrypted frame by frame, decompressed, read and checked by readBackup. */
export async function passOver(b: OpenedBackup, sink: Sink = {}): Promise<BackupContent> {
  let content: BackupContent | undefined;
  try {
    await pipeline(
      createReadStream(b.file, { start: Buffer.byteLength(b.headerLine) + 1 }),
      decryptingStream(b.headerLine, b.dataKey),
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        content = await readBackup(source, sink);
      },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith("Z_"))
      throw new BackupFileError("the backup file is corrupt: its content does not decompress");
    throw e;
  }
  return content!;
}

/** The migrations to run: those the backup was at, each known here by the same name. */
function migrationsFor(content: BackupContent) {
  const here = new Map(listMigrations().map((m) => [m.version, m]));
  return content.begin.migrations.map((m) => {
    const mine = here.get(m.version);
    if (!mine || mine.name !== m.name)
      throw new BackupFileError(
        `the backup is at migration ${m.version}_${m.name}, which this huzhu does not have: restore with the version that made it (or newer)`,
      );
    return mine;
  });
}

/** The loading sink: each table's rows into a COPY FROM, each file staged beside its place. */
function loader(tx: Tx, shapes: readonly TableShape[], files: ReturnType<typeof stagedWriter>): Sink {
  let copy: Writable | undefined;
  // a COPY refused by the server errors its stream between writes: kept, and thrown at the next one
  let refused: Error | undefined;
  return {
    async tableStart(t) {
      const mine = shapes.find((s) => s.name === t.name);
      if (!mine || mine.columns.join() !== t.columns.join())
        throw new BackupFileError(`the backup's table ${t.name} does not match this schema`);
      copy = repo.copyIn(tx, t);
      copy.on("error", (e: Error) => {
        refused = e;
      });
    },
    async rows(bytes) {
      if (refused) throw refused;
      if (!copy!.write(bytes)) await once(copy!, "drain");
    },
    async tableEnd() {
      copy!.end();
      await finished(copy!);
      copy = undefined;
    },
    fileStart(place, path) {
      const target = restorePath(files.places, place, path);
      if (!target) throw new BackupFileError(`the backup names a file outside its place: ${path}`);
      files.open(place, path, target);
    },
    fileBytes: (bytes) => files.write(bytes),
    fileEnd: () => files.close(),
  };
}

/** Every table read back from the restored database into its digest, as the export digested it. */
async function digestsOf(tx: Tx, shapes: readonly TableShape[]): Promise<TableSummary[]> {
  const out: TableSummary[] = [];
  for (const t of shapes) {
    const d = new RowDigest();
    let rest: Buffer = Buffer.alloc(0);
    for await (const chunk of repo.copyOut(tx, t)) {
      const all = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      rest = all.subarray(d.addLines(all));
    }
    out.push({ name: t.name, rows: d.rows, digest: d.hex() });
  }
  return out;
}

export type RestoreSummary = {
  readonly lastMigration: number;
  readonly tables: number;
  readonly rows: number;
  readonly files: number;
  readonly logHead: BackupContent["manifest"]["logHead"];
  readonly witnessed: readonly string[];
  readonly logOrigin: string;
};

/** Schema, rows, sequences, checks and the log's freshness in one transaction; files placed after it commits. */
async function load(
  tx: Tx,
  b: OpenedBackup,
  content: BackupContent,
  o: RestoreOptions,
): Promise<RestoreSummary> {
  await repo.beginRestore(tx);
  for (const m of migrationsFor(content)) await repo.applyMigration(tx, m);
  const shapes = await repo.tables(tx);
  const names = shapes.map((s) => s.name);
  // triggers off first: an append-only table (personal_data_reads) refuses even the seeds' TRUNCATE
  await repo.setUserTriggers(tx, names, false);
  await repo.truncate(tx, names);
  const keys = await repo.foreignKeys(tx);
  await repo.dropForeignKeys(tx, keys);
  const files = stagedWriter(o.places);
  try {
    await passOver(b, loader(tx, shapes, files));
    await repo.addForeignKeys(tx, keys);
    await repo.setUserTriggers(tx, names, true);
    for (const s of content.sequences) await repo.setSequence(tx, s);
    const differences = tableDifferences(content.manifest.tables, await digestsOf(tx, shapes));
    if (differences.length > 0)
      throw new Error(`the restored database differs from the backup: ${differences[0]}`);
    const head = await latestHead(tx);
    const restoredHead = head ? { size: head.size, rootHash: head.rootHash } : null;
    if (JSON.stringify(restoredHead) !== JSON.stringify(content.manifest.logHead))
      throw new Error("invariant violated: the restored log head is not the manifest's");
    const fresh = await freshnessRefusal(tx, {
      head: restoredHead,
      origin: content.begin.logOrigin,
      logKeyPem: currentLogKeyPem(content.smallFiles),
      witnesses: o.witnesses,
      ...(o.get ? { get: o.get } : {}),
    });
    if (fresh.refusal) throw new StaleBackup(fresh.refusal);
    await repo.commit(tx);
    return {
      lastMigration: content.begin.migrations.at(-1)?.version ?? 0,
      tables: shapes.length,
      rows: content.manifest.tables.reduce((n, t) => n + t.rows, 0),
      files: files.commit(),
      logHead: restoredHead,
      witnessed: fresh.witnessed,
      logOrigin: content.begin.logOrigin,
    };
  } catch (e) {
    files.discard();
    throw e;
  }
}

export type RestoreOptions = {
  readonly places: Places;
  readonly witnesses: readonly WitnessEndpoint[];
  readonly get?: FetchText;
};

/** Refuses a target that holds data: any table in its schema, any of the app's files in its data dir. */
export async function refuseNonEmpty(pool: Db | undefined, places: Places): Promise<void> {
  const files = existingTargets(places);
  if (files.length > 0)
    throw new TargetNotEmpty(`the target is not empty: ${files[0]} exists (restore into a fresh data dir)`);
  if (pool && (await repo.publicTableCount(pool)) > 0)
    throw new TargetNotEmpty(
      "the target database is not empty: it has tables (restore into an empty database)",
    );
}

/**
 * `huzhu restore FILE`: the backup is read whole once and checked against its manifest before anything is
 * written; then loaded into the empty target in one transaction that commits only when the rows read
 * back give the manifest's digests and no witness holds a newer checkpoint of the log.
 */
export async function restoreBackup(pool: Db, b: OpenedBackup, content: BackupContent, o: RestoreOptions) {
  await refuseNonEmpty(pool, o.places);
  const tx = await pool.connect();
  try {
    return await load(tx, b, content, o);
  } catch (e) {
    await repo.rollback(tx).catch(() => {});
    throw e;
  } finally {
    tx.release();
  }
}

/** The log key that signs now, as the backed-up keyring names it (a rotation's hand-over moves it). */
function currentLogKeyPem(files: ReadonlyMap<string, Buffer>): Buffer | undefined {
  const manifest = files.get(`keys/${MANIFEST_FILE}`);
  const m: KeyringManifest = manifest ? JSON.parse(manifest.toString("utf8")) : {};
  const v = entryOf(m, "log-signing").current;
  return files.get(`data/${basename(logKeyFile("", v))}`);
}
