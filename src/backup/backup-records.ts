import { createHash, type Hash } from "node:crypto";
import type { SequenceValue, TableShape } from "./backup.repository.ts";
import { BackupFileError } from "./backup-cipher.ts";
import {
  type FilePlace,
  type FileSummary,
  type Manifest,
  RowDigest,
  type TableSummary,
  tableDifferences,
} from "./manifest.ts";

/*
 * The plaintext inside a backup (gzip, then the frames of backup-cipher.ts): lines. A record is a letter,
 * a space and JSON — B begin (migrations, the log's origin), F a file (base64 lines follow), T a table
 * (its COPY text rows follow), S the sequences, M the manifest (row counts and digests, files, the log
 * head) — and a file's or a table's lines end with `\.` alone, which no COPY text row can be (a
 * backslash in a value is written `\\`).
 */

export type BeginRecord = {
  readonly createdAtMs: number;
  readonly migrations: readonly { readonly version: number; readonly name: string }[];
  readonly logOrigin: string;
};

export const END = "\\.\n";
export const record = (kind: "B" | "F" | "T" | "S" | "M", body: unknown) =>
  `${kind} ${JSON.stringify(body)}\n`;

/** What a reader does with the content as it arrives; the verifying pass does nothing. */
export type Sink = {
  tableStart?(t: TableShape): Promise<void>;
  /** Complete rows, each ending with \n, as COPY FROM takes them. */
  rows?(bytes: Buffer): Promise<void>;
  tableEnd?(t: TableShape): Promise<void>;
  fileStart?(place: FilePlace, path: string): void;
  fileBytes?(bytes: Buffer): void;
  fileEnd?(): void;
};

export type BackupContent = {
  readonly begin: BeginRecord;
  readonly sequences: readonly SequenceValue[];
  readonly manifest: Manifest;
  /** The key files' bytes by place and path: the restore needs the log's key before it writes anything. */
  readonly smallFiles: ReadonlyMap<string, Buffer>;
};

const corrupt = (what: string) => new BackupFileError(`the backup file is corrupt: ${what}`);
const SMALL_FILE_BYTES = 64 * 1024;

type State = {
  begin?: BeginRecord;
  sequences?: SequenceValue[];
  manifest?: Manifest;
  table?: { shape: TableShape; digest: RowDigest };
  file?: { place: FilePlace; path: string; hash: Hash; bytes: number; keep: boolean; kept: Buffer[] };
  tables: TableSummary[];
  files: FileSummary[];
  small: Map<string, Buffer>;
};

function parseRecord(line: Buffer): { kind: string; body: unknown } {
  const text = line.toString("utf8");
  if (text[1] !== " ") throw corrupt("a record is not a letter and JSON");
  try {
    return { kind: text[0]!, body: JSON.parse(text.slice(2)) };
  } catch {
    throw corrupt("a record is not JSON");
  }
}

async function onRecord(s: State, line: Buffer, sink: Sink): Promise<void> {
  const { kind, body } = parseRecord(line);
  if (s.manifest) throw corrupt("content after the manifest");
  if (kind !== "B" && !s.begin) throw corrupt("no begin record");
  if (kind === "B") s.begin = body as BeginRecord;
  else if (kind === "F") {
    const f = body as { place: FilePlace; path: string };
    // the keys are kept in memory (the log's key checks the witnesses' answers), the documents are not
    const keep = f.place !== "data" || f.path.endsWith(".pem");
    s.file = { place: f.place, path: f.path, hash: createHash("sha256"), bytes: 0, keep, kept: [] };
    sink.fileStart?.(f.place, f.path);
  } else if (kind === "T") {
    const t = body as TableShape;
    s.table = { shape: t, digest: new RowDigest() };
    await sink.tableStart?.(t);
  } else if (kind === "S") s.sequences = body as SequenceValue[];
  else if (kind === "M") s.manifest = body as Manifest;
  else throw corrupt(`an unknown record "${kind}"`);
}

const isEnd = (b: Buffer, from: number, to: number) =>
  to - from === 2 && b[from] === 92 && b[from + 1] === 46;

function onFileLine(s: State, line: Buffer, sink: Sink): void {
  const f = s.file!;
  const bytes = Buffer.from(line.toString("latin1"), "base64");
  f.hash.update(bytes);
  f.bytes += bytes.length;
  if (f.keep && f.bytes <= SMALL_FILE_BYTES) f.kept.push(bytes);
  sink.fileBytes?.(bytes);
}

function endFile(s: State, sink: Sink): void {
  const f = s.file!;
  s.files.push({ place: f.place, path: f.path, bytes: f.bytes, sha256: f.hash.digest("hex") });
  if (f.keep && f.bytes <= SMALL_FILE_BYTES) s.small.set(`${f.place}/${f.path}`, Buffer.concat(f.kept));
  sink.fileEnd?.();
  s.file = undefined;
}

/** The rows of one chunk while a table is open: digested, passed on in one slice; returns where it stopped. */
async function onTableLines(s: State, chunk: Buffer, from: number, sink: Sink): Promise<number> {
  const t = s.table!;
  let at = from;
  for (let nl = chunk.indexOf(10, at); nl !== -1; nl = chunk.indexOf(10, at)) {
    if (isEnd(chunk, at, nl)) {
      if (at > from) await sink.rows?.(chunk.subarray(from, at));
      s.tables.push({ name: t.shape.name, rows: t.digest.rows, digest: t.digest.hex() });
      await sink.tableEnd?.(t.shape);
      s.table = undefined;
      return nl + 1;
    }
    t.digest.add(chunk.subarray(at, nl));
    at = nl + 1;
  }
  if (at > from) await sink.rows?.(chunk.subarray(from, at));
  return at;
}

/** Every complete line of the chunk; returns where the incomplete rest starts. */
async function onChunk(s: State, chunk: Buffer, sink: Sink): Promise<number> {
  let at = 0;
  while (at < chunk.length) {
    if (s.table) {
      const next = await onTableLines(s, chunk, at, sink);
      if (next === at || s.table) return next;
      at = next;
      continue;
    }
    const nl = chunk.indexOf(10, at);
    if (nl === -1) return at;
    if (s.file) {
      if (isEnd(chunk, at, nl)) endFile(s, sink);
      else onFileLine(s, chunk.subarray(at, nl), sink);
    } else await onRecord(s, chunk.subarray(at, nl), sink);
    at = nl + 1;
  }
  return at;
}

/**
 * Reads a backup's plaintext to its end, passing its content to `sink`, and checks it against its own
 * manifest: every table's row count and digest, every file's size and hash. Anything else is corrupt.
 */
export async function readBackup(source: AsyncIterable<Buffer>, sink: Sink = {}): Promise<BackupContent> {
  const s: State = { tables: [], files: [], small: new Map() };
  let rest: Buffer = Buffer.alloc(0);
  for await (const piece of source) {
    const chunk = rest.length > 0 ? Buffer.concat([rest, piece]) : piece;
    rest = chunk.subarray(await onChunk(s, chunk, sink));
    if (rest.length > 64 * 1024 * 1024) throw corrupt("a line longer than 64 MiB");
  }
  if (rest.length > 0 || s.table || s.file || !s.begin || !s.sequences || !s.manifest)
    throw corrupt("it ends before its manifest");
  const differences = tableDifferences(s.manifest.tables, s.tables);
  const files = JSON.stringify(s.files) === JSON.stringify(s.manifest.files);
  if (differences.length > 0 || !files)
    throw corrupt(differences[0] ?? "a file differs from the manifest's size or hash");
  return { begin: s.begin, sequences: s.sequences, manifest: s.manifest, smallFiles: s.small };
}
