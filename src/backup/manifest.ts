import { sha256 } from "../domain/sha256.ts";

/**
 * A table's content digest that does not depend on row order: the sum, lane by lane (eight 32-bit lanes,
 * each mod 2^32), of every row's SHA-256 over its COPY text line. The export needs no ORDER BY (a million
 * rows are not sorted for it), and the restored table, read back in whatever order, gives the same sum.
 * The file's own integrity is AES-GCM's; this checks that the rows loaded are the rows exported.
 */
export class RowDigest {
  private readonly lanes = new Uint32Array(8);
  rows = 0;

  add(line: Buffer): void {
    const h = sha256(line);
    for (let i = 0; i < 8; i++) this.lanes[i] = (this.lanes[i]! + h.readUInt32BE(i * 4)) >>> 0;
    this.rows++;
  }

  /** Every complete line of `chunk` from `from` (a line ends with \n); returns where the rest starts. */
  addLines(chunk: Buffer, from = 0): number {
    let at = from;
    for (let nl = chunk.indexOf(10, at); nl !== -1; nl = chunk.indexOf(10, at)) {
      this.add(chunk.subarray(at, nl));
      at = nl + 1;
    }
    return at;
  }

  hex(): string {
    return Array.from(this.lanes, (x) => x.toString(16).padStart(8, "0")).join("");
  }
}

export type TableSummary = { readonly name: string; readonly rows: number; readonly digest: string };
export type FileSummary = {
  readonly place: FilePlace;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
};
/** Where a file of the data dir goes back: the keys dir, the data dir, or the older single key file. */
export type FilePlace = "keys" | "data" | "secret";

export type Manifest = {
  readonly tables: readonly TableSummary[];
  readonly files: readonly FileSummary[];
  /** The log's newest signed head in the backup (what a restore would serve), or null before the first. */
  readonly logHead: { readonly size: number; readonly rootHash: string } | null;
};

/** What differs between two lists of table summaries, in one sentence each (empty: the same). */
export function tableDifferences(want: readonly TableSummary[], got: readonly TableSummary[]): string[] {
  const byName = new Map(got.map((t) => [t.name, t]));
  const out: string[] = [];
  for (const w of want) {
    const g = byName.get(w.name);
    if (!g) out.push(`table ${w.name} is missing`);
    else if (g.rows !== w.rows) out.push(`table ${w.name} has ${g.rows} rows, the backup ${w.rows}`);
    else if (g.digest !== w.digest) out.push(`table ${w.name}'s rows differ from the backup's (digest)`);
  }
  for (const g of got)
    if (!want.some((w) => w.name === g.name)) out.push(`table ${g.name} is not in the manifest`);
  return out;
}

/**
 * The tables in an order that puts each after those it references (foreign keys). `huzhu restore` adds
 * the keys back after the rows anyway; in this order a loader that keeps them (a table restored by hand)
 * finds every referenced row already there. A cycle between tables is an invariant the schema keeps (none).
 */
export function loadOrder(
  tables: readonly string[],
  references: ReadonlyArray<readonly [string, string]>,
): string[] {
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const [from, to] of references)
    if (from !== to && deps.has(from) && deps.has(to)) deps.get(from)!.add(to);
  const out: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new Error(`invariant violated: foreign keys form a cycle through ${t}`);
    visiting.add(t);
    for (const d of [...deps.get(t)!].sort()) visit(d);
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}
