import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import { splitPoint } from "./merkle.ts";

/*
 * The per-cycle Merkle-sum tree: every node commits to the count of its leaves and the sum of their
 * shares, so the published root binds the member count and the cycle total — neither can be inflated
 * without changing the root — and a member's proof shows their share is inside the total.
 *
 *   leaf  = SHA-256(0x00 ‖ canonical JSON {"member": pseudonym, "shareFen": n})   count 1, sum n
 *   node  = SHA-256(0x01 ‖ left.hash ‖ right.hash ‖ u64be(count) ‖ u64be(sumFen))
 * Leaves are ordered by pseudonym; the shape is RFC 6962's (split at the largest power of two).
 */

export type SumNode = { readonly hash: Buffer; readonly count: number; readonly sumFen: number };
export type SumLeaf = { readonly member: string; readonly shareFen: number };

const LEAF_PREFIX = Buffer.from([0]);

export function sumLeaf(leaf: SumLeaf): SumNode {
  const canonical = canonicalJson({ member: leaf.member, shareFen: leaf.shareFen });
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
  preimage.writeBigUInt64BE(BigInt(count), 65);
  preimage.writeBigUInt64BE(BigInt(sumFen), 73);
  return { hash: createHash("sha256").update(preimage).digest(), count, sumFen };
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
  const n = levels[0]!.length;
  if (index < 0 || index >= n) throw new RangeError(`leaf ${index} is not in a tree of ${n}`);
  const stack: SumProofStep[] = [];
  let start = 0;
  let size = n;
  let m = index;
  while (size > 1) {
    const k = splitPoint(size);
    if (m < k) {
      const s = rangeNode(levels, start + k, size - k);
      stack.push({ side: "right", hash: s.hash.toString("hex"), count: s.count, sumFen: s.sumFen });
      size = k;
    } else {
      const s = rangeNode(levels, start, k);
      stack.push({ side: "left", hash: s.hash.toString("hex"), count: s.count, sumFen: s.sumFen });
      start += k;
      m -= k;
      size -= k;
    }
  }
  return stack.reverse();
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
  if (!Number.isSafeInteger(leaf.shareFen) || leaf.shareFen < 0) return false;
  let node = sumLeaf(leaf);
  for (const step of proof) {
    if (step.count < 1 || step.sumFen < 0) return false;
    const sibling: SumNode = { hash: Buffer.from(step.hash, "hex"), count: step.count, sumFen: step.sumFen };
    node = step.side === "left" ? sumParent(sibling, node) : sumParent(node, sibling);
  }
  return node.hash.toString("hex") === root.hash && node.count === root.count && node.sumFen === root.sumFen;
}
