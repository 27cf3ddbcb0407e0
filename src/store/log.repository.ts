import { createPublicKey, type KeyObject } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json.ts";
import type { Clock } from "../domain/clock.ts";
import {
  consistencyProof,
  type Hash,
  inclusionProof,
  leafHash,
  MemoryTree,
  type NodeSource,
  nodeHash,
  rootHash,
} from "../domain/merkle.ts";
import { type SignedTreeHead, signTreeHead, verifyTreeHead } from "../domain/tree-head.ts";
import type { LogKeys } from "../log-keys.ts";
import { type Db, type Queryable, withTransaction } from "./db.ts";

/** The kinds of fact the log records (docs/transparency.md). */
export type LogKind =
  | "join"
  | "exit"
  | "suspension"
  | "resumption"
  | "lapse"
  | "transfer"
  | "rule_version"
  | "topup"
  | "refund"
  | "claim_decision"
  | "announcement"
  | "cycle_result"
  | "cycle_share_root"
  | "payout"
  | "ballot"
  | "proposal"
  | "plan_status";

/**
 * Records a fact for the log in the caller's transaction: it commits or rolls back with the fact, and
 * the sequencer cannot skip it (it drains every committed outbox row). Members appear by pseudonym only.
 */
export async function appendLogEntry(
  q: Queryable,
  kind: LogKind,
  entry: Record<string, unknown>,
): Promise<void> {
  canonicalJson(entry); // refuse floats and the like now, in the fact's transaction
  await q.query("INSERT INTO log_outbox (kind, entry) VALUES ($1, $2)", [kind, JSON.stringify(entry)]);
}

const key = (level: number, idx: number) => `${level}:${idx}`;

/** The perfect nodes on the right edge of a tree of `size` leaves: what appending needs. */
async function frontier(q: Queryable, size: number): Promise<Map<number, Hash>> {
  const wanted: Array<[number, number]> = [];
  for (let level = 0; 2 ** level <= size; level++)
    if (Math.floor(size / 2 ** level) % 2 === 1) wanted.push([level, Math.floor(size / 2 ** level) - 1]);
  const out = new Map<number, Hash>();
  if (wanted.length === 0) return out;
  const { rows } = await q.query<{ level: number; hash: Buffer }>(
    "SELECT level, hash FROM log_nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))",
    [wanted.map((w) => w[0]), wanted.map((w) => w[1])],
  );
  for (const r of rows) out.set(r.level, r.hash);
  return out;
}

/**
 * Drains the outbox into the log: contiguous indexes, leaf hashes, every completed perfect subtree, and
 * one signed tree head per batch. Safe to run from several processes (the state row serialises them).
 */
export async function sequenceLog(
  pool: Db,
  keys: LogKeys,
  clock: Clock,
  batchSize = 20_000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await withTransaction(pool, async (tx) => {
      const state = await tx.query<{ size: number }>("SELECT size FROM log_state WHERE id = 1 FOR UPDATE");
      let size = state.rows[0]!.size;
      const { rows } = await tx.query<{ outbox_id: number; kind: string; entry: Record<string, unknown> }>(
        "SELECT outbox_id, kind, entry FROM log_outbox ORDER BY outbox_id LIMIT $1",
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const edge = await frontier(tx, size);
      const entries: {
        idx: number[];
        kind: string[];
        member: (string | null)[];
        canonical: string[];
        leaf: Buffer[];
      } = {
        idx: [],
        kind: [],
        member: [],
        canonical: [],
        leaf: [],
      };
      const nodes: { level: number[]; idx: number[]; hash: Buffer[] } = { level: [], idx: [], hash: [] };
      for (const r of rows) {
        const canonical = canonicalJson({ kind: r.kind, ...r.entry });
        const leaf = leafHash(Buffer.from(canonical));
        entries.idx.push(size);
        entries.kind.push(r.kind);
        entries.member.push(typeof r.entry.member === "string" ? r.entry.member : null);
        entries.canonical.push(canonical);
        entries.leaf.push(leaf);
        // Append to the right edge: each completed pair of perfect subtrees becomes their parent.
        let carry = leaf;
        let level = 0;
        let index = size;
        nodes.level.push(0);
        nodes.idx.push(index);
        nodes.hash.push(leaf);
        while (edge.has(level)) {
          carry = nodeHash(edge.get(level)!, carry);
          edge.delete(level);
          level++;
          index = Math.floor(index / 2);
          nodes.level.push(level);
          nodes.idx.push(index);
          nodes.hash.push(carry);
        }
        edge.set(level, carry);
        size++;
      }
      const at = new Date(clock.now());
      await tx.query(
        `INSERT INTO log_entries (idx, kind, member, canonical, leaf_hash, created_at)
         SELECT *, $6::timestamptz FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bytea[])`,
        [entries.idx, entries.kind, entries.member, entries.canonical, entries.leaf, at],
      );
      await tx.query(
        "INSERT INTO log_nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])",
        [nodes.level, nodes.idx, nodes.hash],
      );
      await tx.query("DELETE FROM log_outbox WHERE outbox_id = ANY($1)", [rows.map((r) => r.outbox_id)]);
      await tx.query("UPDATE log_state SET size = $1 WHERE id = 1", [size]);
      // The root of the new size folds the right edge from the smallest subtree up.
      let root: Hash | undefined;
      for (const level of [...edge.keys()].sort((a, b) => a - b))
        root = root ? nodeHash(edge.get(level)!, root) : edge.get(level)!;
      const head = signTreeHead(
        { size, rootHash: root!.toString("hex"), timestampMs: clock.now() },
        keys.privateKey,
      );
      await tx.query(
        "INSERT INTO log_heads (size, root_hash, timestamp_ms, signature) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [size, root!, head.timestampMs, head.signature],
      );
      return rows.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}

type HeadRow = { size: number; root_hash: Buffer; timestamp_ms: number; signature: string };
const toHead = (r: HeadRow): SignedTreeHead => ({
  size: r.size,
  rootHash: r.root_hash.toString("hex"),
  timestampMs: r.timestamp_ms,
  signature: r.signature,
});

export async function latestHead(q: Queryable): Promise<SignedTreeHead | undefined> {
  const { rows } = await q.query<HeadRow>(
    "SELECT size, root_hash, timestamp_ms, signature FROM log_heads ORDER BY size DESC LIMIT 1",
  );
  return rows[0] ? toHead(rows[0]) : undefined;
}

export async function headAt(q: Queryable, size: number): Promise<SignedTreeHead | undefined> {
  const { rows } = await q.query<HeadRow>(
    "SELECT size, root_hash, timestamp_ms, signature FROM log_heads WHERE size = $1",
    [size],
  );
  return rows[0] ? toHead(rows[0]) : undefined;
}

/**
 * Runs a proof computation against stored nodes: a first pass records which perfect subtrees it needs
 * (the shape does not depend on hash values), one query fetches them, a second pass computes.
 */
async function withStoredNodes<T>(q: Queryable, compute: (nodes: NodeSource) => T): Promise<T> {
  const wanted = new Map<string, [number, number]>();
  const zero = Buffer.alloc(32);
  compute((level, idx) => {
    wanted.set(key(level, idx), [level, idx]);
    return zero;
  });
  const list = [...wanted.values()];
  const { rows } = await q.query<{ level: number; idx: number; hash: Buffer }>(
    "SELECT level, idx, hash FROM log_nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))",
    [list.map((w) => w[0]), list.map((w) => w[1])],
  );
  const found = new Map(rows.map((r) => [key(r.level, r.idx), r.hash]));
  return compute((level, idx) => {
    const h = found.get(key(level, idx));
    if (!h) throw new Error(`log node (${level}, ${idx}) is missing`);
    return h;
  });
}

export const storedInclusionProof = (q: Queryable, index: number, size: number) =>
  withStoredNodes(q, (n) => inclusionProof(n, index, size));
export const storedConsistencyProof = (q: Queryable, from: number, to: number) =>
  withStoredNodes(q, (n) => consistencyProof(n, from, to));
export const storedRoot = (q: Queryable, size: number) => withStoredNodes(q, (n) => rootHash(n, size));

export async function logEntry(q: Queryable, idx: number) {
  const { rows } = await q.query<{ idx: number; kind: string; canonical: string; leaf_hash: Buffer }>(
    "SELECT idx, kind, canonical, leaf_hash FROM log_entries WHERE idx = $1",
    [idx],
  );
  return rows[0]
    ? {
        index: rows[0].idx,
        kind: rows[0].kind,
        entry: rows[0].canonical,
        leafHash: rows[0].leaf_hash.toString("hex"),
      }
    : undefined;
}

export async function memberEntries(q: Queryable, pseudonym: string, limit = 500) {
  const { rows } = await q.query<{ idx: number; kind: string; canonical: string; leaf_hash: Buffer }>(
    "SELECT idx, kind, canonical, leaf_hash FROM log_entries WHERE member = $1 ORDER BY idx LIMIT $2",
    [pseudonym, limit],
  );
  return rows.map((r) => ({
    index: r.idx,
    kind: r.kind,
    entry: r.canonical,
    leafHash: r.leaf_hash.toString("hex"),
  }));
}

/**
 * Recomputes the log from its entries and compares: leaf hashes, every stored node, every tree head's
 * root and signature, contiguous indexes. Returns the discrepancies (empty when the log is intact).
 */
export async function auditLog(q: Queryable, publicKey: KeyObject | string): Promise<string[]> {
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const problems: string[] = [];
  const tree = new MemoryTree();
  const { rows } = await q.query<{ idx: number; canonical: string; leaf_hash: Buffer }>(
    "SELECT idx, canonical, leaf_hash FROM log_entries ORDER BY idx",
  );
  for (const r of rows) {
    if (r.idx !== tree.size) {
      problems.push(`log entry ${tree.size} is missing (next stored index is ${r.idx})`);
      break;
    }
    const leaf = leafHash(Buffer.from(r.canonical));
    if (!leaf.equals(r.leaf_hash))
      problems.push(`log entry ${r.idx}: its content does not hash to its stored leaf hash`);
    tree.append(leaf);
  }
  const state = await q.query<{ size: number }>("SELECT size FROM log_state WHERE id = 1");
  if (state.rows[0]!.size !== tree.size)
    problems.push(`the log state says ${state.rows[0]!.size} entries, ${tree.size} are stored`);
  const nodes = await q.query<{ level: number; idx: number; hash: Buffer }>(
    "SELECT level, idx, hash FROM log_nodes",
  );
  for (const n of nodes.rows) {
    const expected = tree.levels[n.level]?.[n.idx];
    if (!expected?.equals(n.hash)) {
      problems.push(`log node (${n.level}, ${n.idx}) does not match the entries`);
      if (problems.length > 20) break;
    }
  }
  const heads = await q.query<HeadRow>(
    "SELECT size, root_hash, timestamp_ms, signature FROM log_heads ORDER BY size",
  );
  for (const h of heads.rows) {
    const head = toHead(h);
    if (!verifyTreeHead(head, key))
      problems.push(`tree head of size ${h.size}: the signature does not verify`);
    if (h.size > tree.size)
      problems.push(`tree head of size ${h.size} is beyond the ${tree.size} stored entries`);
    else if (!tree.root(h.size).equals(h.root_hash))
      problems.push(`tree head of size ${h.size}: the entries give another root`);
  }
  return problems;
}
