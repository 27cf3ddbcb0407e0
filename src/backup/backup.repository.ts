import type { Readable, Writable } from "node:stream";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Queryable, Tx } from "../store/db.ts";
import type { Migration } from "../store/migrate.ts";

export type TableShape = { readonly name: string; readonly columns: readonly string[] };
export type SequenceValue = { readonly name: string; readonly lastValue: number; readonly isCalled: boolean };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const columnList = (t: TableShape) => t.columns.map(ident).join(", ");

/**
 * The session settings under which a row's COPY text is the same on the exporting and the restoring
 * server: timestamps in UTC and ISO, intervals and floats spelt one way, bytea in hex.
 */
async function dumpSettings(tx: Tx): Promise<void> {
  await tx.query(
    "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'",
  );
}

/** One snapshot for the whole export: every table read as of the same instant, nothing written. */
async function beginSnapshot(tx: Tx): Promise<void> {
  await tx.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  await dumpSettings(tx);
}

/** The restore's one transaction: schema, rows, checks, all or nothing. */
async function beginRestore(tx: Tx): Promise<void> {
  await tx.query("BEGIN");
  await dumpSettings(tx);
}

async function commit(tx: Tx): Promise<void> {
  await tx.query("COMMIT");
}

async function rollback(tx: Tx): Promise<void> {
  await tx.query("ROLLBACK");
}

async function appliedMigrations(q: Queryable): Promise<{ version: number; name: string }[]> {
  return (await q.query("SELECT version, name FROM schema_migrations ORDER BY version")).rows;
}

/** Our tables (schema public; pg-boss's queue is its own schema, see docs/operations.md) and their stored columns; a partitioned table would be read through its partitions. */
async function tables(q: Queryable): Promise<TableShape[]> {
  const { rows } = await q.query<{ name: string; columns: string[] }>(
    `SELECT c.relname::text AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
      GROUP BY c.relname ORDER BY c.relname`,
  );
  return rows;
}

/** Each foreign key as [referencing table, referenced table]. */
async function references(q: Queryable): Promise<[string, string][]> {
  const { rows } = await q.query<{ from: string; to: string }>(
    `SELECT f.relname AS "from", t.relname AS "to" FROM pg_constraint k
       JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = f.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  return rows.map((r) => [r.from, r.to]);
}

/** Sequences are not transactional: read in the snapshot, each is at least what the rows used. */
async function sequences(q: Queryable): Promise<SequenceValue[]> {
  const { rows: names } = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const out: SequenceValue[] = [];
  for (const { name } of names) {
    const { rows } = await q.query<{ last_value: number; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${ident(name)}`,
    );
    out.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return out;
}

function copyOut(tx: Tx, t: TableShape): Readable {
  return tx.query(copyTo(`COPY ${ident(t.name)} (${columnList(t)}) TO STDOUT`));
}

function copyIn(tx: Tx, t: TableShape): Writable {
  return tx.query(copyFrom(`COPY ${ident(t.name)} (${columnList(t)}) FROM STDIN`));
}

/** How many tables the target's schema public holds: a restore goes only into none. */
async function publicTableCount(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`,
  );
  return rows[0]!.n;
}

/** A migration applied inside the restore's transaction, recorded as src/store/migrate.ts records it. */
async function applyMigration(tx: Tx, m: Migration): Promise<void> {
  await tx.query(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  await tx.query(m.sql);
  await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
}

/** Rows the migrations seeded (log_state's first row …) give way to the backup's. */
async function truncate(tx: Tx, names: readonly string[]): Promise<void> {
  if (names.length > 0) await tx.query(`TRUNCATE ${names.map(ident).join(", ")}`);
}

/**
 * Our own triggers (append-only guards, balances applied from postings) off while rows are loaded as
 * they were — the balances are rows of the backup too; the foreign keys are added back after the rows. The
 * table owner may do this: no superuser needed on an external PostgreSQL.
 */
async function setUserTriggers(tx: Tx, names: readonly string[], enabled: boolean): Promise<void> {
  for (const name of names)
    await tx.query(`ALTER TABLE ${ident(name)} ${enabled ? "ENABLE" : "DISABLE"} TRIGGER USER`);
}

export type ForeignKey = { readonly table: string; readonly name: string; readonly definition: string };

/** Our foreign keys as the catalog spells them, to be dropped for the load and added back after it. */
async function foreignKeys(q: Queryable): Promise<ForeignKey[]> {
  const { rows } = await q.query<ForeignKey>(
    `SELECT c.relname::text AS table, k.conname::text AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' ORDER BY c.relname, k.conname`,
  );
  return rows;
}

/**
 * As pg_restore does: rows first, foreign keys after. A key checked per row as it arrives is a query per
 * row; added back afterwards, PostgreSQL checks each key over the whole table in one join.
 */
async function dropForeignKeys(tx: Tx, keys: readonly ForeignKey[]): Promise<void> {
  for (const k of keys) await tx.query(`ALTER TABLE ${ident(k.table)} DROP CONSTRAINT ${ident(k.name)}`);
}

async function addForeignKeys(tx: Tx, keys: readonly ForeignKey[]): Promise<void> {
  for (const k of keys)
    await tx.query(`ALTER TABLE ${ident(k.table)} ADD CONSTRAINT ${ident(k.name)} ${k.definition}`);
}

async function setSequence(tx: Tx, s: SequenceValue): Promise<void> {
  await tx.query("SELECT setval($1::regclass, $2, $3)", [ident(s.name), s.lastValue, s.isCalled]);
}

/** The log's entries (its sequenced size), to hold against its newest head. */
async function logEntryCount(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>("SELECT count(*)::bigint AS n FROM log_entries")).rows[0]!.n;
}

export const backupRepository = Object.freeze({
  beginSnapshot,
  beginRestore,
  commit,
  rollback,
  appliedMigrations,
  tables,
  references,
  sequences,
  copyOut,
  copyIn,
  publicTableCount,
  applyMigration,
  truncate,
  setUserTriggers,
  foreignKeys,
  dropForeignKeys,
  addForeignKeys,
  setSequence,
  logEntryCount,
});
