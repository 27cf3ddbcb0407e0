import { createHash } from "node:crypto";
import { splitPoint } from "./merkle.ts";
import { type SumLeaf, sumLeafJson } from "./proof-check.ts";
import { nodeProofChecks, sha256 } from "./sha256.ts";

/*
 * The per-cycle Merkle-sum tree: every node commits to the count of its leaves and the sum of their
 * shares, so the published root binds the member count and the cycle total — neither can be inflated
 * without changing the root — and a member's proof shows their share is inside the total.
 *
 *   leaf  = SHA-256(0x00 ‖ canonical JSON of the leaf (sumLeafJson))                 count 1, sum n
 *   node  = SHA-256(0x01 ‖ left.hash ‖ right.hash ‖ u64be(count) ‖ u64be(sumFen))
 * Leaves are ordered by pseudonym; the shape is RFC 6962's (split at the largest power of two).
 * Format 2 leaves (cycles announced since migration 165, their root entry says `leaf: 2`) also commit to
 * the participation whose logged join the share stands for and to its weight; format 1 leaves, of the
 * cycles before, are {member, shareFen} and still verify.
 */

export type SumNode = { readonly hash: Buffer; readonly count: number; readonly sumFen: number };
export type { SumLeaf } from "./proof-check.ts";
export { SUM_LEAF_VERSION, sumLeafJson } from "./proof-check.ts";

const LEAF_PREFIX = Buffer.from([0]);

export function sumLeaf(leaf: SumLeaf): SumNode {
  const canonical = sumLeafJson(leaf);
  return {
    hash: createHash("sha256").update(LEAF_PREFIX).update(canonical).digest(),
    count: 1,
    sumFen: leaf.shareFen,
  };
}

// One buffer for the node preimage 0x01 ‖ left ‖ right ‖ u64 count ‖ u64 sum, reused (hashing is synchronous).
const preimage = Buffer.alloc(1 + 32 + 32 + 8 + 8);
preimage[0] = 1;

export function sumParent(left: SumNode, right: SumNode): SumNode {
  const count = left.count + right.count;
  const sumFen = left.sumFen + right.sumFen;
  left.hash.copy(preimage, 1);
  right.hash.copy(preimage, 33);
  writeU64(preimage, count, 65);
  writeU64(preimage, sumFen, 73);
  return { hash: sha256(preimage), count, sumFen };
}

/** Builds the tree level by level (perfect subtrees), keeping every level for proofs. */
export function buildSumTree(leaves: readonly SumNode[]): SumNode[][] {
  const levels: SumNode[][] = [leaves.slice()];
  while (levels[levels.length - 1]!.length > 1) {
    const row = levels[levels.length - 1]!;
    const up: SumNode[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) up.push(sumParent(row[i]!, row[i + 1]!));
    levels.push(up);
    if (up.length === 0) break;
  }
  return levels;
}

function perfect(levels: SumNode[][], level: number, index: number): SumNode {
  return levels[level]![index]!;
}

function rangeNode(levels: SumNode[][], start: number, size: number): SumNode {
  if (Number.isInteger(Math.log2(size)) && start % size === 0)
    return perfect(levels, Math.log2(size), start / size);
  const k = splitPoint(size);
  return sumParent(rangeNode(levels, start, k), rangeNode(levels, start + k, size - k));
}

export function sumRoot(levels: SumNode[][]): SumNode {
  const n = levels[0]!.length;
  if (n === 0) return { hash: createHash("sha256").digest(), count: 0, sumFen: 0 };
  return rangeNode(levels, 0, n);
}

/** A member's proof: the sibling nodes from the leaf up, each with its side. */
export type SumProofStep = {
  readonly side: "left" | "right";
  readonly hash: string;
  readonly count: number;
  readonly sumFen: number;
};

export function sumProof(levels: SumNode[][], index: number): SumProofStep[] {
  return proofRanges(levels[0]!.length, index).map((r) => {
    const s = rangeNode(levels, r.start, r.size);
    return { side: r.side, hash: s.hash.toString("hex"), count: s.count, sumFen: s.sumFen };
  });
}

/**
 * The ranges of leaves whose roots are a member's proof, from the leaf up: at each split of RFC 6962's
 * shape, the half the member is not in.
 */
function proofRanges(
  n: number,
  index: number,
): Array<{ side: "left" | "right"; start: number; size: number }> {
  if (index < 0 || index >= n) throw new RangeError(`leaf ${index} is not in a tree of ${n}`);
  const ranges: Array<{ side: "left" | "right"; start: number; size: number }> = [];
  let start = 0;
  let size = n;
  let m = index;
  while (size > 1) {
    const k = splitPoint(size);
    if (m < k) {
      ranges.push({ side: "right", start: start + k, size: size - k });
      size = k;
    } else {
      ranges.push({ side: "left", start, size: k });
      start += k;
      m -= k;
      size -= k;
    }
  }
  return ranges.reverse();
}

/**
 * Verifies that a member's share is in a published cycle root: the recomputed root must equal the
 * published hash, count and total. Shares are non-negative, so no sibling can hide a negative amount.
 */
export function verifySumProof(
  leaf: SumLeaf,
  proof: readonly SumProofStep[],
  root: { hash: string; count: number; sumFen: number },
): boolean {
  // the member app runs the same check in the browser (proof-check.ts)
  return nodeProofChecks.verifySumProof(leaf, proof, root);
}

/**
 * The same tree in flat arrays (32-byte hashes in one buffer per level, counts and sums in typed
 * arrays): a 10-million-leaf cycle fits in about a gigabyte, where objects would not.
 */
export type CompactSumTree = { hashes: Buffer[]; counts: Float64Array[]; sums: Float64Array[] };

/** Format 2 leaves' other columns, index for index with the members (absent: format 1 leaves). */
export type LeafColumns = { participations: ArrayLike<number>; weightsUnits: ArrayLike<number> };

export function buildCompactSumTree(
  members: readonly string[],
  sharesFen: ArrayLike<number>,
  v2?: LeafColumns,
): CompactSumTree {
  return compactSumTreeFromLeaves(sumLeafHashes(members, sharesFen, 0, members.length, v2), sharesFen);
}

/** The leaf hashes of members [from, to), 32 bytes each: the part that can run in parallel. */
export function sumLeafHashes(
  members: readonly string[],
  sharesFen: ArrayLike<number>,
  from: number,
  to: number,
  v2?: LeafColumns,
): Buffer {
  const out = Buffer.allocUnsafe((to - from) * 32);
  for (let i = from; i < to; i++) {
    const member = members[i]!;
    const shareFen = sharesFen[i]!;
    const leaf = v2
      ? { member, shareFen, participation: v2.participations[i]!, weightUnits: v2.weightsUnits[i]! }
      : { member, shareFen };
    // Written directly where nothing needs escaping (pseudonyms are hex): the same bytes as sumLeafJson.
    const plain =
      /^[0-9a-f]+$/.test(member) &&
      Number.isSafeInteger(shareFen) &&
      (!v2 || (Number.isSafeInteger(v2.participations[i]) && Number.isSafeInteger(v2.weightsUnits[i])));
    const canonical = !plain
      ? sumLeafJson(leaf)
      : v2
        ? `{"member":"${member}","participation":${v2.participations[i]},"shareFen":${shareFen},"v":2,"weightUnits":${v2.weightsUnits[i]}}`
        : `{"member":"${member}","shareFen":${shareFen}}`;
    sha256(`\u0000${canonical}`).copy(out, (i - from) * 32);
  }
  return out;
}

/** Builds every level above the leaves (perfect subtrees, level by level). */
export function compactSumTreeFromLeaves(leafHashes: Buffer, sharesFen: ArrayLike<number>): CompactSumTree {
  const n = leafHashes.length / 32;
  const hashes = [leafHashes];
  const counts = [new Float64Array(n).fill(1)];
  const sums = [Float64Array.from(sharesFen)];
  for (let level = 0; counts[level]!.length > 1; level++) {
    const m = Math.floor(counts[level]!.length / 2);
    const h = Buffer.allocUnsafe(m * 32);
    const c = new Float64Array(m);
    const s = new Float64Array(m);
    const below = hashes[level]!;
    for (let i = 0; i < m; i++) {
      c[i] = counts[level]![2 * i]! + counts[level]![2 * i + 1]!;
      s[i] = sums[level]![2 * i]! + sums[level]![2 * i + 1]!;
      below.copy(preimage, 1, 64 * i, 64 * i + 64);
      writeU64(preimage, c[i]!, 65);
      writeU64(preimage, s[i]!, 73);
      sha256(preimage).copy(h, i * 32);
    }
    hashes.push(h);
    counts.push(c);
    sums.push(s);
  }
  return { hashes, counts, sums };
}

/** A safe integer as 8 bytes big-endian, without BigInt. */
function writeU64(buf: Buffer, n: number, offset: number): void {
  buf.writeUInt32BE(Math.floor(n / 4_294_967_296), offset);
  buf.writeUInt32BE(n % 4_294_967_296, offset + 4);
}

function compactNode(t: CompactSumTree, level: number, index: number): SumNode {
  return {
    hash: t.hashes[level]!.subarray(index * 32, index * 32 + 32),
    count: t.counts[level]![index]!,
    sumFen: t.sums[level]![index]!,
  };
}

function compactRange(t: CompactSumTree, start: number, size: number): SumNode {
  if (Number.isInteger(Math.log2(size)) && start % size === 0)
    return compactNode(t, Math.log2(size), start / size);
  const k = splitPoint(size);
  return sumParent(compactRange(t, start, k), compactRange(t, start + k, size - k));
}

export function compactSumRoot(t: CompactSumTree): SumNode {
  const n = t.counts[0]!.length;
  if (n === 0) return { hash: createHash("sha256").digest(), count: 0, sumFen: 0 };
  return compactRange(t, 0, n);
}

/**
 * The root of a Merkle-sum tree from its leaf hashes in order, in O(log n) memory: a stack of perfect
 * subtrees, merged as they fill (two of equal size make one), folded right to left at the end — which
 * is RFC 6962's shape, since a tree of n leaves is the largest perfect subtree beside the tree of the
 * rest. A cycle's root over tens of millions of shares needs no more memory than over a thousand.
 */
export class SumRootBuilder {
  private readonly stack: SumNode[] = [];

  /** Adds the next leaf: its hash (SHA-256 of 0x00 ‖ canonical JSON, as `sumLeaf`) and its share. */
  push(leafHash: Buffer, shareFen: number): void {
    this.pushNode({ hash: Buffer.from(leafHash), count: 1, sumFen: shareFen });
  }

  /**
   * Adds the next node: a leaf, or the root of the next aligned perfect subtree (a whole stored chunk)
   * — or, last, of the leaves left over, whose fold right to left is the same as theirs one by one.
   */
  pushNode(next: SumNode): void {
    let node = next;
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top || top.count !== node.count) break;
      this.stack.pop();
      node = sumParent(top, node);
    }
    this.stack.push(node);
  }

  root(): SumNode {
    if (this.stack.length === 0) return { hash: createHash("sha256").digest(), count: 0, sumFen: 0 };
    let node = this.stack[this.stack.length - 1]!;
    for (let i = this.stack.length - 2; i >= 0; i--) node = sumParent(this.stack[i]!, node);
    return node;
  }
}

/**
 * A member's proof from a cycle's stored chunks (docs/transparency.md): the leaves are cut into chunks
 * of `chunkLeaves` in order, each stored with its root. The proof's ranges outside the member's chunk
 * are made of whole chunks (chunks are aligned perfect subtrees of RFC 6962's shape, the last one the
 * rest), so they fold from chunk roots; the ranges inside it are nodes of the chunk's compact tree
 * (built once per chunk and kept: proof-cache.ts). O(log chunk + chunks) hashes per proof instead of a
 * pass over every leaf; the same proof as `sumProof` (property-tested).
 */
export function chunkedSumProof(
  n: number,
  index: number,
  chunkLeaves: number,
  chunkRoots: readonly SumNode[],
  memberChunk: CompactSumTree,
  chunkRanges?: Map<string, SumNode>,
): SumProofStep[] {
  const base = Math.floor(index / chunkLeaves) * chunkLeaves;
  return proofRanges(n, index).map((r) => {
    // a range inside the member's chunk is a subtree of it; any other is made of whole chunks
    const node =
      r.start >= base && r.start + r.size <= base + chunkLeaves
        ? compactRange(memberChunk, r.start - base, r.size)
        : keptChunksRange(chunkRanges, chunkRoots, chunkLeaves, r.start, r.size);
    return { side: r.side, hash: node.hash.toString("hex"), count: node.count, sumFen: node.sumFen };
  });
}

/**
 * `chunksRange`, remembered in `kept` when given (the caller's, one per cycle's chunk roots). Why: the
 * ranges over other chunks are the same few for every member of a cycle (about two per chunk), so with
 * them kept a proof costs O(log chunks) hashes, not a fold of every other chunk's root (245 at a
 * million members: 6% of the server's CPU while a cycle was new, load benchmark).
 */
function keptChunksRange(
  kept: Map<string, SumNode> | undefined,
  roots: readonly SumNode[],
  chunkLeaves: number,
  start: number,
  size: number,
): SumNode {
  const key = `${start}:${size}`;
  const node = kept?.get(key) ?? chunksRange(roots, chunkLeaves, start, size);
  kept?.set(key, node);
  return node;
}

/** The node over leaves [start, start + size) from the roots of the chunks that make it up exactly. */
function chunksRange(roots: readonly SumNode[], chunkLeaves: number, start: number, size: number): SumNode {
  if (start % chunkLeaves !== 0)
    throw new Error(`invariant violated: a proof range at ${start} is not on a chunk boundary`);
  const b = new SumRootBuilder();
  let count = 0;
  for (let c = start / chunkLeaves; count < size; c++) {
    const root = roots[c];
    if (!root) throw new Error(`invariant violated: no chunk ${c} for a proof range at ${start}`);
    b.pushNode(root);
    count += root.count;
  }
  if (count !== size) throw new Error(`invariant violated: a chunk straddles the proof range at ${start}`);
  return b.root();
}
