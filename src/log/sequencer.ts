import { canonicalJson } from "../domain/canonical-json.ts";
import type { Clock } from "../domain/clock.ts";
import { type Hash, leafHash, nodeHash } from "../domain/merkle.ts";
import { signTreeHead } from "../domain/tree-head.ts";
import { limits } from "../limits.ts";
import type { LogKeys } from "../log-keys.ts";
import { type Db, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { signedCheckpoint } from "./heads.ts";
import { type EntryColumns, logRepository, type NodeColumns, type OutboxRow } from "./log.repository.ts";

/** The perfect nodes on the right edge of a tree of `size` leaves: what appending needs. */
async function frontier(q: Queryable, size: number): Promise<Map<number, Hash>> {
  const wanted: Array<[number, number]> = [];
  for (let level = 0; 2 ** level <= size; level++)
    if (Math.floor(size / 2 ** level) % 2 === 1) wanted.push([level, Math.floor(size / 2 ** level) - 1]);
  const out = new Map<number, Hash>();
  if (wanted.length === 0) return out;
  for (const r of await logRepository.nodesAt(q, wanted)) out.set(r.level, r.hash);
  return out;
}

/** A member's latest entry: what their next entry links to. */
export type MemberLink = { index: number; leafHash: Hash };

/**
 * The entry as hashed. An entry that names a member carries `prev`, the index and leaf hash of that
 * member's previous entry (null for their first), so a member's entries form a hash chain that a
 * verifier walks: an entry left out of what the server shows breaks it (docs/verify.md).
 */
function canonicalOf(r: OutboxRow, member: string | null, last: Map<string, MemberLink>): string {
  if (member === null) return canonicalJson({ kind: r.kind, ...r.entry });
  const before = last.get(member);
  const prev = before ? { index: before.index, leafHash: before.leafHash.toString("hex") } : null;
  return canonicalJson({ kind: r.kind, ...r.entry, prev });
}

/**
 * Appends outbox rows to a tree of `size` leaves whose right edge is `edge` (updated in place): their
 * entries in order, and every node that completes. `last` holds the latest entry of (at least) every
 * member the rows name, and is updated in place. Pure: the caller writes what it returns.
 */
export function appendToEdge(
  size: number,
  edge: Map<number, Hash>,
  rows: readonly OutboxRow[],
  last: Map<string, MemberLink> = new Map(),
): { entries: EntryColumns; nodes: NodeColumns; size: number } {
  const entries: EntryColumns = { idx: [], kind: [], member: [], canonical: [], leaf: [] };
  const nodes: NodeColumns = { level: [], idx: [], hash: [] };
  for (const r of rows) {
    const member = typeof r.entry.member === "string" ? r.entry.member : null;
    const canonical = canonicalOf(r, member, last);
    const leaf = leafHash(Buffer.from(canonical));
    if (member !== null) last.set(member, { index: size, leafHash: leaf });
    entries.idx.push(size);
    entries.kind.push(r.kind);
    entries.member.push(member);
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
  return { entries, nodes, size };
}

/** The root of a non-empty tree from its right edge, folded from the smallest subtree up. */
function rootOfEdge(edge: ReadonlyMap<number, Hash>): Hash {
  let root: Hash | undefined;
  for (const level of [...edge.keys()].sort((a, b) => a - b))
    root = root ? nodeHash(edge.get(level)!, root) : edge.get(level)!;
  return root!;
}

/**
 * Signs and stores the head of the new size: the JSON head verifiers before issue 19 check, and the same
 * size and root as a C2SP checkpoint (origin, size, base64 root), the log's note signature under it.
 */
async function signHead(tx: Tx, keys: LogKeys, clock: Clock, size: number, edge: ReadonlyMap<number, Hash>) {
  const root = rootOfEdge(edge);
  const head = signTreeHead(
    { size, rootHash: root.toString("hex"), timestampMs: clock.now() },
    keys.privateKey,
  );
  await logRepository.insertHead(tx, {
    size,
    rootHash: root,
    timestampMs: head.timestampMs,
    signature: head.signature,
    checkpoint: signedCheckpoint(keys, size, root),
  });
}

/** One batch: claim the outbox rows under the state lock, append them, sign the head. */
async function sequenceBatch(tx: Tx, keys: LogKeys, clock: Clock, batchSize: number): Promise<number> {
  const size = await logRepository.lockSize(tx);
  const rows = await logRepository.outboxBatch(tx, batchSize);
  if (rows.length === 0) return 0;
  const edge = await frontier(tx, size);
  const named = [
    ...new Set(rows.flatMap((r) => (typeof r.entry.member === "string" ? [r.entry.member] : []))),
  ];
  const last = new Map<string, MemberLink>();
  for (const l of await logRepository.latestOfMembers(tx, named)) last.set(l.member, l);
  const appended = appendToEdge(size, edge, rows, last);
  await logRepository.writeBatch(tx, {
    ...appended,
    outboxIds: rows.map((r) => r.outboxId),
    at: new Date(clock.now()),
  });
  await signHead(tx, keys, clock, appended.size, edge);
  return rows.length;
}

/**
 * Drains the outbox into the log: contiguous indexes, leaf hashes, every completed perfect subtree, and
 * one signed tree head per batch. Safe to run from several processes (the state row serialises them).
 */
export async function sequenceLog(
  pool: Db,
  keys: LogKeys,
  clock: Clock,
  batchSize: number = limits.logSequenceBatchMax,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await withTransaction(pool, (tx) => sequenceBatch(tx, keys, clock, batchSize));
    total += n;
    if (n < batchSize) return total;
  }
}
