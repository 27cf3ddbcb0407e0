import { canonicalJson } from "./canonical-json.ts";

/*
 * The checks a member runs on a proof, written once over plain bytes with SHA-256 passed in, so the
 * same code runs in `huzhu verify` (node:crypto) and in the member app (@noble/hashes in the browser).
 * Only verification lives here: building trees stays in merkle.ts / merkle-sum.ts on node:crypto.
 *
 *   log leaf = SHA-256(0x00 ‖ entry), log node = SHA-256(0x01 ‖ left ‖ right)          (RFC 6962)
 *   sum leaf = SHA-256(0x00 ‖ sumLeafJson(leaf)), sum node = SHA-256(0x01 ‖ l ‖ r ‖ u64 count ‖ u64 sum)
 */

export type SumLeafV1 = { readonly member: string; readonly shareFen: number };
/** Format 2 (issue 19): the leaf also commits to the participation whose logged join it is, and its weight. */
export type SumLeafV2 = SumLeafV1 & { readonly participation: number; readonly weightUnits: number };
export type SumLeaf = SumLeafV1 | SumLeafV2;

/** The leaf format new cycles use: the `leaf` of their cycle_share_root entry (absent: format 1). */
export const SUM_LEAF_VERSION = 2;

/** A leaf's format: 2 when it names a participation. */
export const sumLeafVersion = (leaf: SumLeaf): 1 | 2 => ("participation" in leaf ? 2 : 1);

/**
 * The leaf's bytes, canonical JSON: format 1 {member, shareFen}; format 2 adds participation, weightUnits
 * and `"v":2`, so that no format 1 leaf has the same bytes as a format 2 one.
 */
export function sumLeafJson(leaf: SumLeaf): string {
  if (!("participation" in leaf)) return canonicalJson({ member: leaf.member, shareFen: leaf.shareFen });
  return canonicalJson({
    member: leaf.member,
    participation: leaf.participation,
    shareFen: leaf.shareFen,
    v: 2,
    weightUnits: leaf.weightUnits,
  });
}

export type Sha256 = (data: Uint8Array) => Uint8Array;
export type SumRoot = { hash: string; count: number; sumFen: number };
export type SumStep = { side: "left" | "right"; hash: string; count: number; sumFen: number };
export type HeadFields = { size: number; rootHash: string; timestampMs: number };

const utf8 = new TextEncoder();

export const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** Hex to bytes; null for anything that is not an even run of hex digits. */
export function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A safe integer as 8 bytes big-endian, without BigInt. */
function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(n / 4_294_967_296));
  view.setUint32(4, n % 4_294_967_296);
  return out;
}

/** The bytes a tree head's signature is over: canonical JSON of the head. */
export const treeHeadMessage = (h: HeadFields): Uint8Array =>
  utf8.encode(canonicalJson({ rootHash: h.rootHash, size: h.size, timestampMs: h.timestampMs }));

const lsb = (x: number) => x % 2 === 1;
const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/**
 * RFC 9162 §2.1.4.2: a consistency proof that the tree of size `second` with `secondRoot` extends the
 * tree of size `first` with `firstRoot` (every entry of the first kept, in order); `logNode` hashes two children.
 */
function consistencyHolds(
  logNode: (l: Uint8Array, r: Uint8Array) => Uint8Array,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = logNode(c, fr);
      sr = logNode(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else sr = logNode(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

/** The proof checks over a given SHA-256. */
export function proofChecks(sha256: Sha256) {
  const logLeaf = (entry: Uint8Array) => sha256(concat(Uint8Array.of(0), entry));
  const logNode = (l: Uint8Array, r: Uint8Array) => sha256(concat(Uint8Array.of(1), l, r));

  /** RFC 9162 §2.1.3.2: an inclusion proof of `leaf` at `index` in a tree of `size` with `root`. */
  function verifyInclusion(
    leaf: Uint8Array,
    index: number,
    size: number,
    proof: readonly Uint8Array[],
    root: Uint8Array,
  ): boolean {
    // A leaf hash is a SHA-256 digest: an empty or short one would otherwise verify (merkle vectors).
    if (index < 0 || index >= size || leaf.length !== 32) return false;
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    for (const p of proof) {
      if (sn === 0) return false;
      if (lsb(fn) || fn === sn) {
        r = logNode(p, r);
        while (!lsb(fn) && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else r = logNode(r, p);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && equal(r, root);
  }

  /**
   * A member's share is in a published cycle root: the recomputed root must equal the published hash,
   * count and total. Shares are non-negative, so no sibling can hide a negative amount.
   */
  function verifySumProof(leaf: SumLeaf, proof: readonly SumStep[], root: SumRoot) {
    if (!Number.isSafeInteger(leaf.shareFen) || leaf.shareFen < 0) return false;
    if (
      "participation" in leaf &&
      !(
        Number.isSafeInteger(leaf.participation) &&
        leaf.participation > 0 &&
        Number.isSafeInteger(leaf.weightUnits) &&
        leaf.weightUnits >= 0
      )
    )
      return false;
    let hash = sha256(concat(Uint8Array.of(0), utf8.encode(sumLeafJson(leaf))));
    let count = 1;
    let sumFen = leaf.shareFen;
    for (const step of proof) {
      const sibling = fromHex(step.hash);
      if (!sibling || sibling.length !== 32 || !Number.isSafeInteger(step.count) || step.count < 1)
        return false;
      if (!Number.isSafeInteger(step.sumFen) || step.sumFen < 0) return false;
      count += step.count;
      sumFen += step.sumFen;
      const [l, r] = step.side === "left" ? [sibling, hash] : [hash, sibling];
      hash = sha256(concat(Uint8Array.of(1), l, r, u64(count), u64(sumFen)));
    }
    return toHex(hash) === root.hash && count === root.count && sumFen === root.sumFen;
  }

  /** RFC 9162 §2.1.4.2 (consistencyHolds): the tree of `second` extends the tree of `first`. */
  const verifyConsistency = (
    first: number,
    second: number,
    firstRoot: Uint8Array,
    secondRoot: Uint8Array,
    proof: readonly Uint8Array[],
  ) => consistencyHolds(logNode, first, second, firstRoot, secondRoot, proof);

  return { logLeaf, logNode, verifyInclusion, verifyConsistency, verifySumProof };
}
