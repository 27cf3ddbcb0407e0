import type { Hash } from "../domain/merkle.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

/** A signed tree head as stored: the root as bytes. */
export type HeadRow = {
  size: number;
  rootHash: Buffer;
  timestampMs: number;
  signature: string;
  /** The C2SP checkpoint note (issue 19); null on heads written before. */
  checkpoint: string | null;
};
/** A sequenced entry: its index, kind, canonical text and leaf hash. */
export type EntryRow = { idx: number; kind: string; canonical: string; leafHash: Buffer };
export type OutboxRow = { outboxId: number; kind: string; entry: Record<string, unknown> };
export type NodeRow = { level: number; idx: number; hash: Hash };
/** Entries and nodes as columns, for one `unnest` insert each. */
export type EntryColumns = {
  idx: number[];
  kind: string[];
  member: (string | null)[];
  canonical: string[];
  leaf: Buffer[];
};
export type NodeColumns = { level: number[]; idx: number[]; hash: Buffer[] };

const HEAD = `size, root_hash AS "rootHash", timestamp_ms AS "timestampMs", signature, checkpoint`;
const ENTRY = `idx, kind, canonical, leaf_hash AS "leafHash"`;

async function insertOutbox(q: Queryable, kind: string, entry: Record<string, unknown>): Promise<void> {
  await q.query("INSERT INTO log_outbox (kind, entry) VALUES ($1, $2)", [kind, JSON.stringify(entry)]);
}

/** Locks the log's state row: it serialises sequencers, in whatever process they run. */
async function lockSize(tx: Tx): Promise<number> {
  const r = await tx.query<{ size: number }>("SELECT size FROM log_state WHERE id = 1 FOR UPDATE");
  return oneRow(r, "the log state").size;
}

async function size(q: Queryable): Promise<number> {
  const r = await q.query<{ size: number }>("SELECT size FROM log_state WHERE id = 1");
  return oneRow(r, "the log state").size;
}

async function outboxBatch(tx: Tx, limit: number): Promise<OutboxRow[]> {
  const { rows } = await tx.query<OutboxRow>(
    `SELECT outbox_id AS "outboxId", kind, entry FROM log_outbox ORDER BY outbox_id LIMIT $1`,
    [limit],
  );
  return rows;
}

/** The stored nodes among `wanted` ([level, idx] pairs), in one query. */
async function nodesAt(q: Queryable, wanted: ReadonlyArray<readonly [number, number]>): Promise<NodeRow[]> {
  const { rows } = await q.query<NodeRow>(
    "SELECT level, idx, hash FROM log_nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))",
    [wanted.map((w) => w[0]), wanted.map((w) => w[1])],
  );
  return rows;
}

async function allNodes(q: Queryable): Promise<NodeRow[]> {
  return (await q.query<NodeRow>("SELECT level, idx, hash FROM log_nodes")).rows;
}

/** Writes a sequenced batch: its entries and nodes, the outbox rows it drained and the new size. */
async function writeBatch(
  tx: Tx,
  b: { entries: EntryColumns; nodes: NodeColumns; outboxIds: number[]; size: number; at: Date },
): Promise<void> {
  const { entries: e, nodes: n } = b;
  await tx.query(
    `INSERT INTO log_entries (idx, kind, member, canonical, leaf_hash, created_at)
     SELECT *, $6::timestamptz FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bytea[])`,
    [e.idx, e.kind, e.member, e.canonical, e.leaf, b.at],
  );
  await tx.query(
    "INSERT INTO log_nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])",
    [n.level, n.idx, n.hash],
  );
  await tx.query("DELETE FROM log_outbox WHERE outbox_id = ANY($1)", [b.outboxIds]);
  await tx.query("UPDATE log_state SET size = $1 WHERE id = 1", [b.size]);
}

async function insertHead(tx: Tx, h: HeadRow): Promise<void> {
  await tx.query(
    "INSERT INTO log_heads (size, root_hash, timestamp_ms, signature, checkpoint) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    [h.size, h.rootHash, h.timestampMs, h.signature, h.checkpoint],
  );
}

async function latestHead(q: Queryable): Promise<HeadRow | undefined> {
  const { rows } = await q.query<HeadRow>(`SELECT ${HEAD} FROM log_heads ORDER BY size DESC LIMIT 1`);
  return rows[0];
}

async function headAt(q: Queryable, size: number): Promise<HeadRow | undefined> {
  const { rows } = await q.query<HeadRow>(`SELECT ${HEAD} FROM log_heads WHERE size = $1`, [size]);
  return rows[0];
}

async function allHeads(q: Queryable): Promise<HeadRow[]> {
  return (await q.query<HeadRow>(`SELECT ${HEAD} FROM log_heads ORDER BY size`)).rows;
}

async function entryAt(q: Queryable, idx: number): Promise<EntryRow | undefined> {
  const { rows } = await q.query<EntryRow>(`SELECT ${ENTRY} FROM log_entries WHERE idx = $1`, [idx]);
  return rows[0];
}

async function memberEntries(q: Queryable, pseudonym: string, limit: number): Promise<EntryRow[]> {
  const { rows } = await q.query<EntryRow>(
    `SELECT ${ENTRY} FROM log_entries WHERE member = $1 ORDER BY idx LIMIT $2`,
    [pseudonym, limit],
  );
  return rows;
}

/** The latest entry of each of `members` (those with one): index and leaf hash, one query. */
async function latestOfMembers(
  q: Queryable,
  members: readonly string[],
): Promise<Array<{ member: string; index: number; leafHash: Buffer }>> {
  if (members.length === 0) return [];
  const { rows } = await q.query<{ member: string; index: number; leafHash: Buffer }>(
    `SELECT m.member, e.idx AS "index", e.leaf_hash AS "leafHash"
     FROM unnest($1::text[]) AS m(member)
     CROSS JOIN LATERAL (SELECT idx, leaf_hash FROM log_entries WHERE member = m.member ORDER BY idx DESC LIMIT 1) e`,
    [members],
  );
  return rows;
}

/** Every entry in order (the audit and the export read the whole log). */
async function allEntries(q: Queryable): Promise<EntryRow[]> {
  return (await q.query<EntryRow>(`SELECT ${ENTRY} FROM log_entries ORDER BY idx`)).rows;
}

/**
 * Entries whose unhashed `member` column (what a member's entries are served by) is not the member the
 * hashed entry names: cleared, it hides the entry from that member's history.
 */
async function memberColumnMismatches(
  q: Queryable,
): Promise<Array<{ idx: number; member: string | null; hashed: string | null }>> {
  const { rows } = await q.query(
    `SELECT idx::int, member, hashed FROM (
       SELECT idx, member, CASE WHEN jsonb_typeof(canonical::jsonb -> 'member') = 'string'
         THEN canonical::jsonb ->> 'member' END AS hashed FROM log_entries) e
     WHERE member IS DISTINCT FROM hashed ORDER BY idx LIMIT 20`,
  );
  return rows;
}

/**
 * Participations whose logged join disagrees with the records: a join date, plan or coverage date
 * changed after the fact, or a participation with no logged join (its entry not still in the outbox).
 */
async function joinMismatches(q: Queryable): Promise<Array<{ participationId: number; problem: string }>> {
  const { rows } = await q.query<{ participationId: number; problem: string }>(
    `SELECT p.participation_id AS "participationId",
            CASE WHEN e.idx IS NULL THEN 'has no join entry in the log'
                 ELSE 'was joined on ' || (e.canonical::jsonb ->> 'joinedOn') || ' by the log, ' || p.joined_on || ' by the records' END AS problem
     FROM participations p
     JOIN members m USING (member_id)
     LEFT JOIN log_entries e ON e.kind = 'join' AND e.member = m.pseudonym AND (e.canonical::jsonb ->> 'participation')::bigint = p.participation_id
     WHERE NOT EXISTS (SELECT 1 FROM log_outbox o WHERE o.kind = 'join' AND (o.entry ->> 'participation')::bigint = p.participation_id)
       AND (e.idx IS NULL OR (e.canonical::jsonb ->> 'joinedOn') <> p.joined_on::text OR (e.canonical::jsonb ->> 'coveredFrom') <> p.covered_from::text)
     ORDER BY p.participation_id LIMIT 20`,
  );
  return rows;
}

/** The ledger's kinds of member money fact, each logged by the same kind of entry with its `ledgerTxn`. */
const MONEY_KINDS = ["topup", "refund", "withdrawal", "dispute_refund"];

/**
 * Member money facts of the ledger (top-ups, refunds, withdrawals, dispute refunds) whose log entry is
 * missing or names another amount, the amount being the transaction's debit side; an entry still in
 * the outbox counts as logged.
 */
async function moneyFactMismatches(q: Queryable): Promise<Array<{ txnId: number; problem: string }>> {
  const { rows } = await q.query<{ txnId: number; problem: string }>(
    `WITH facts AS (
       SELECT t.txn_id, t.kind, (SELECT sum(p.amount_fen) FROM ledger_postings p WHERE p.txn_id = t.txn_id AND p.amount_fen > 0) AS amount
       FROM ledger_transactions t WHERE t.kind = ANY($1)
     ), logged AS (
       SELECT kind, (canonical::jsonb ->> 'ledgerTxn')::bigint AS txn_id, (canonical::jsonb ->> 'amountFen')::bigint AS amount
       FROM log_entries WHERE kind = ANY($1) AND canonical::jsonb ? 'ledgerTxn'
       UNION ALL
       SELECT kind, (entry ->> 'ledgerTxn')::bigint, (entry ->> 'amountFen')::bigint
       FROM log_outbox WHERE kind = ANY($1) AND entry ? 'ledgerTxn'
     )
     SELECT f.txn_id AS "txnId",
            CASE WHEN l.txn_id IS NULL THEN 'has no ' || f.kind || ' entry in the log'
                 ELSE 'moved ' || f.amount || ' fen by the ledger, ' || l.amount || ' by the log' END AS problem
     FROM facts f LEFT JOIN logged l ON l.txn_id = f.txn_id AND l.kind = f.kind
     WHERE l.txn_id IS NULL OR l.amount <> f.amount
     ORDER BY f.txn_id LIMIT 20`,
    [MONEY_KINDS],
  );
  return rows;
}

export type CosignatureRow = {
  size: number;
  witness: string;
  signatureLine: string;
  timestampSeconds: number;
  /** When the log received it, on the application's clock (null: received before migration 156). */
  receivedAtMs: number | null;
};

/** A witness's cosignature on a checkpoint; a newer one of the same witness and size replaces it. */
async function upsertCosignature(q: Queryable, c: CosignatureRow): Promise<void> {
  await q.query(
    `INSERT INTO log_cosignatures (size, witness, signature_line, timestamp_seconds, received_at_ms)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (size, witness) DO UPDATE SET signature_line = EXCLUDED.signature_line,
       timestamp_seconds = EXCLUDED.timestamp_seconds, received_at_ms = EXCLUDED.received_at_ms
     WHERE log_cosignatures.timestamp_seconds <= EXCLUDED.timestamp_seconds`,
    [c.size, c.witness, c.signatureLine, c.timestampSeconds, c.receivedAtMs],
  );
}

async function cosignaturesAt(q: Queryable, size: number): Promise<CosignatureRow[]> {
  const { rows } = await q.query<CosignatureRow>(
    `SELECT size, witness, signature_line AS "signatureLine", timestamp_seconds AS "timestampSeconds",
            received_at_ms AS "receivedAtMs"
     FROM log_cosignatures WHERE size = $1 ORDER BY witness`,
    [size],
  );
  return rows;
}

/** The largest size any witness has cosigned. */
async function latestCosignedSize(q: Queryable): Promise<number | undefined> {
  const { rows } = await q.query<{ size: number }>("SELECT max(size) AS size FROM log_cosignatures");
  return rows[0]?.size ?? undefined;
}

/** The largest size a witness has cosigned: the `old` size of the next submission to it (0 for none). */
async function witnessSize(q: Queryable, witness: string): Promise<number> {
  const { rows } = await q.query<{ size: number }>(
    "SELECT coalesce(max(size), 0) AS size FROM log_cosignatures WHERE witness = $1",
    [witness],
  );
  return rows[0]?.size ?? 0;
}

/** Every statement on the log's tables (`log_outbox`, `log_state`, `log_entries`, `log_nodes`, `log_heads`, `log_cosignatures`). */
export const logRepository = Object.freeze({
  insertOutbox,
  lockSize,
  size,
  outboxBatch,
  nodesAt,
  allNodes,
  writeBatch,
  insertHead,
  latestHead,
  headAt,
  allHeads,
  entryAt,
  memberEntries,
  latestOfMembers,
  allEntries,
  memberColumnMismatches,
  joinMismatches,
  moneyFactMismatches,
  upsertCosignature,
  cosignaturesAt,
  latestCosignedSize,
  witnessSize,
});
