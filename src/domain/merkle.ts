import { createHash } from "node:crypto";
import { nodeProofChecks, sha256 } from "./sha256.ts";

/*
 * RFC 6962 / RFC 9162 Merkle trees: leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right),
 * the empty tree = SHA-256(""). Trees of any size split at the largest power of two below the size.
 * Pure computation (hashing is arithmetic, not I/O).
 */

export type Hash = Buffer;

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const emptyRoot = (): Hash => createHash("sha256").digest();
export const leafHash = (entry: Uint8Array): Hash => createHash("sha256").update(LEAF).update(entry).digest();
/** One-shot over the 65 bytes: a hash object per node cost 18% of a witness's cosigning (bench/witness). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Hash =>
  sha256(Buffer.concat([NODE, left, right]));

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/**
 * Where proofs read subtree hashes from: the hash of the perfect subtree at (level, index), covering
 * leaves [index·2^level, (index+1)·2^level). The store keeps these, so a proof is O(log n) reads.
 */
export type NodeSource = (level: number, index: number) => Hash;

/** MTH(D[start : start+size]) from perfect subtrees: O(log n) node reads for any range of a tree. */
export function subtreeHash(nodes: NodeSource, start: number, size: number): Hash {
  if (size === 0) return emptyRoot();
  if (isPowerOfTwo(size) && start % size === 0) return nodes(Math.log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(subtreeHash(nodes, start, k), subtreeHash(nodes, start + k, size - k));
}

export const rootHash = (nodes: NodeSource, size: number): Hash => subtreeHash(nodes, 0, size);

/** RFC 6962 §2.1.1 PATH(m, D[n]): the audit path of leaf m in a tree of n leaves. */
export function inclusionProof(nodes: NodeSource, index: number, size: number): Hash[] {
  if (index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Hash[] = [];
  let start = 0;
  let n = size;
  let m = index;
  const stack: Hash[] = [];
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      stack.push(subtreeHash(nodes, start + k, n - k));
      n = k;
    } else {
      stack.push(subtreeHash(nodes, start, k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  // PATH lists the siblings from the leaf upwards.
  for (let i = stack.length - 1; i >= 0; i--) path.push(stack[i]!);
  return path;
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): that the tree of size m is a prefix of the tree of size n. */
export function consistencyProof(nodes: NodeSource, m: number, n: number): Hash[] {
  if (m < 0 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const out: Hash[] = [];
  subproof(nodes, m, 0, n, true, out);
  return out;
}

function subproof(
  nodes: NodeSource,
  m: number,
  start: number,
  n: number,
  complete: boolean,
  out: Hash[],
): void {
  if (m === n) {
    if (!complete) out.push(subtreeHash(nodes, start, n));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(nodes, m, start, k, complete, out);
    out.push(subtreeHash(nodes, start + k, n - k));
  } else {
    subproof(nodes, m - k, start + k, n - k, false, out);
    out.push(subtreeHash(nodes, start, k));
  }
}

/** RFC 9162 §2.1.3.2: verifies an inclusion proof (the one check the member app runs too: proof-check.ts). */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  return nodeProofChecks.verifyInclusion(leaf, index, size, proof, root);
}

/** RFC 9162 §2.1.4.2: verifies that `second` extends `first` (proof-check.ts, as the member app runs it). */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean {
  return nodeProofChecks.verifyConsistency(first, second, firstRoot, secondRoot, proof);
}

/** An in-memory tree: every perfect subtree stored by level, as the database stores them. */
export class MemoryTree {
  readonly levels: Hash[][] = [[]];

  append(leaf: Hash): void {
    this.levels[0]!.push(leaf);
    let level = 0;
    let index = this.levels[0]!.length - 1;
    while (index % 2 === 1) {
      const row = this.levels[level]!;
      const parent = nodeHash(row[index - 1]!, row[index]!);
      level++;
      if (!this.levels[level]) this.levels[level] = [];
      this.levels[level]!.push(parent);
      index = this.levels[level]!.length - 1;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  readonly nodes: NodeSource = (level, index) => {
    const h = this.levels[level]?.[index];
    if (!h) throw new RangeError(`no node (${level}, ${index})`);
    return h;
  };

  root(size = this.size): Hash {
    return rootHash(this.nodes, size);
  }
}
