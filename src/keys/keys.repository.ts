import type { Queryable } from "../store/db.ts";
import type { KeyPurpose } from "./keyring.ts";
import type { CipherTarget, LookupTarget, PrimaryKey } from "./targets.ts";

/*
 * Table key_rotations, and the batches of a rotation over the tables named in targets.ts (their names
 * and columns are constants of that file, never input). A ciphertext names its key version in its first
 * bytes (secrets.ts: 0x01 is version 1; 0x02 ‖ N is version N); a lookup hash is 32 bytes under version 1,
 * N ‖ 32 bytes under version N.
 */

export type RotationProgress = { target: number; cursor: string[] | null; pass: number };
export type RotationRow = {
  rotationId: number;
  purpose: KeyPurpose;
  fromVersion: number;
  toVersion: number;
  state: "running" | "retired";
  progress: RotationProgress;
  rowsDone: number;
  batchesDone: number;
  startedAt: Date;
  retiredAt: Date | null;
};

const ROTATION = `rotation_id AS "rotationId", purpose, from_version AS "fromVersion", to_version AS "toVersion",
  state, progress, rows_done AS "rowsDone", batches_done AS "batchesDone", started_at AS "startedAt",
  retired_at AS "retiredAt"`;

/** A ciphertext column not under key version $1 (the current one). */
const cipherStale = (c: string) =>
  `(${c} IS NOT NULL AND NOT (get_byte(${c}, 0) = 2 AND get_byte(${c}, 1) = $1))`;
/** A lookup hash not under key version $1 (≥ 2). */
const lookupStale = (c: string) =>
  `(${c} IS NOT NULL AND NOT (length(${c}) = 33 AND get_byte(${c}, 0) = $1))`;

const keyList = (k: PrimaryKey) => k.map((c) => c.column).join(", ");
/** `(a, b) > ($2::t, $3::t)`, the cursor's parameters starting at $2. */
const after = (k: PrimaryKey) => `(${keyList(k)}) > (${k.map((c, i) => `$${i + 2}::${c.type}`).join(", ")})`;
const keyText = (k: PrimaryKey) => k.map((c) => `${c.column}::text AS "k_${c.column}"`).join(", ");

type BatchRow = { key: string[]; values: (Buffer | null)[] };

async function batch(
  q: Queryable,
  table: string,
  key: PrimaryKey,
  stale: string,
  columns: readonly string[],
  o: { version: number; cursor: string[] | null; limit: number },
): Promise<BatchRow[]> {
  const where = o.cursor ? `${after(key)} AND (${stale})` : stale;
  const limitAt = o.cursor ? key.length + 2 : 2;
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${keyText(key)}, ${columns.join(", ")} FROM ${table} WHERE ${where}
     ORDER BY ${keyList(key)} LIMIT $${limitAt} FOR UPDATE`,
    [o.version, ...(o.cursor ?? []), o.limit],
  );
  return rows.map((r) => ({
    key: key.map((c) => String(r[`k_${c.column}`])),
    values: columns.map((c) => (r[c] as Buffer | null) ?? null),
  }));
}

/** Sets the given columns of one row (null: left as it is). */
async function setColumns(
  q: Queryable,
  table: string,
  key: PrimaryKey,
  columns: readonly string[],
  row: BatchRow,
): Promise<void> {
  const sets = columns.map((c, i) => `${c} = coalesce($${i + 1}::bytea, ${c})`).join(", ");
  const where = key.map((c, i) => `${c.column} = $${columns.length + i + 1}::${c.type}`).join(" AND ");
  await q.query(`UPDATE ${table} SET ${sets} WHERE ${where}`, [...row.values, ...row.key]);
}

async function count(q: Queryable, table: string, where: string, params: unknown[]): Promise<number> {
  const { rows } = await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(rows[0]!.n);
}

export const keysRepository = Object.freeze({
  async insertRotation(
    q: Queryable,
    r: { purpose: KeyPurpose; fromVersion: number; toVersion: number; at: Date },
  ): Promise<RotationRow> {
    const { rows } = await q.query<RotationRow>(
      `INSERT INTO key_rotations (purpose, from_version, to_version, state, progress, started_at)
       VALUES ($1, $2, $3, 'running', '{"target": 0, "cursor": null, "pass": 1}', $4) RETURNING ${ROTATION}`,
      [r.purpose, r.fromVersion, r.toVersion, r.at],
    );
    return rows[0]!;
  },

  /** The purpose's rotation in progress, locked for its batch when `lock`. */
  async running(q: Queryable, purpose: KeyPurpose, lock = false): Promise<RotationRow | undefined> {
    const { rows } = await q.query<RotationRow>(
      `SELECT ${ROTATION} FROM key_rotations WHERE purpose = $1 AND state = 'running'${lock ? " FOR UPDATE" : ""}`,
      [purpose],
    );
    return rows[0];
  },

  async all(q: Queryable): Promise<RotationRow[]> {
    const { rows } = await q.query<RotationRow>(`SELECT ${ROTATION} FROM key_rotations ORDER BY rotation_id`);
    return rows;
  },

  async saveProgress(q: Queryable, rotationId: number, p: RotationProgress, rows: number): Promise<void> {
    await q.query(
      `UPDATE key_rotations SET progress = $2, rows_done = rows_done + $3, batches_done = batches_done + 1
       WHERE rotation_id = $1`,
      [rotationId, JSON.stringify(p), rows],
    );
  },

  async markRetired(q: Queryable, rotationId: number, at: Date): Promise<void> {
    await q.query("UPDATE key_rotations SET state = 'retired', retired_at = $2 WHERE rotation_id = $1", [
      rotationId,
      at,
    ]);
  },

  /** Rows with a ciphertext not under `version`, after the cursor, locked. */
  cipherBatch: (
    q: Queryable,
    t: CipherTarget,
    o: { version: number; cursor: string[] | null; limit: number },
  ) => batch(q, t.table, t.key, t.columns.map(cipherStale).join(" OR "), t.columns, o),

  setCiphers: (q: Queryable, t: CipherTarget, row: BatchRow) => setColumns(q, t.table, t.key, t.columns, row),

  cipherStaleCount: (q: Queryable, t: CipherTarget, version: number) =>
    count(q, t.table, t.columns.map(cipherStale).join(" OR "), [version]),

  /** Rows with a lookup hash not under `version`, after the cursor, locked: the hashes, then their sources. */
  lookupBatch(q: Queryable, t: LookupTarget, o: { version: number; cursor: string[] | null; limit: number }) {
    return batch(
      q,
      t.table,
      t.key,
      t.lookups.map((l) => lookupStale(l.column)).join(" OR "),
      lookupColumns(t),
      o,
    );
  },

  setLookups: (q: Queryable, t: LookupTarget, row: BatchRow) =>
    setColumns(
      q,
      t.table,
      t.key,
      t.lookups.map((l) => l.column),
      row,
    ),

  lookupStaleCount: (q: Queryable, t: LookupTarget, version: number) =>
    count(q, t.table, t.lookups.map((l) => lookupStale(l.column)).join(" OR "), [version]),

  /** The log's `log_key` entries (key hand-overs), their canonical text in log order. */
  async logKeyEntries(q: Queryable): Promise<string[]> {
    const { rows } = await q.query<{ canonical: string }>(
      "SELECT canonical FROM log_entries WHERE kind = 'log_key' ORDER BY idx",
    );
    return rows.map((r) => r.canonical);
  },

  /**
   * Live one-time codes keyed under another lookup-key version than `version` (they cannot be recomputed:
   * the code is not kept; they expire within minutes).
   */
  async liveCodesNotUnder(q: Queryable, version: number, now: Date): Promise<number> {
    const otp = await count(
      q,
      "otp_codes",
      `${lookupStale("mobile_lookup")} AND expires_at > $2 AND NOT used`,
      [version, now],
    );
    const dependants = await count(
      q,
      "dependant_requests",
      `${lookupStale("code_hash")} AND state = 'awaiting_code' AND code_expires_at > $2`,
      [version, now],
    );
    return otp + dependants;
  },
});

/** A lookup batch's columns: the hashes, then personal_cipher when a field comes from it, then the value ciphers. */
export function lookupColumns(t: LookupTarget): string[] {
  const sources = [
    ...(t.lookups.some((l) => l.recordField) ? ["personal_cipher"] : []),
    ...t.lookups.flatMap((l) => (l.valueCipher ? [l.valueCipher] : [])),
  ];
  return [...t.lookups.map((l) => l.column), ...sources];
}
