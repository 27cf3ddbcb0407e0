import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSumTree, sumLeaf, sumProof, sumRoot, verifySumProof } from "../../src/domain/merkle-sum.ts";
import { signTreeHead, verifyTreeHead } from "../../src/domain/tree-head.ts";

const leaves = (shares: number[]) =>
  shares.map((shareFen, i) => ({ member: `m${String(i).padStart(4, "0")}`, shareFen }));

describe("the per-cycle Merkle-sum tree", () => {
  it("commits to the member count and the total", () => {
    const l = leaves([4629, 4629, 2315, 4629, 0]);
    const root = sumRoot(buildSumTree(l.map(sumLeaf)));
    expect(root.count).toBe(5);
    expect(root.sumFen).toBe(16_202); // 4629 × 3 + 2315 + 0
  });

  it("every member's proof verifies; an inflated count or total, or a changed share, does not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (shares, pick) => {
          const l = leaves(shares);
          const levels = buildSumTree(l.map(sumLeaf));
          const r = sumRoot(levels);
          const root = { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };
          const i = pick % l.length;
          const proof = sumProof(levels, i);
          return (
            verifySumProof(l[i]!, proof, root) &&
            !verifySumProof(l[i]!, proof, { ...root, count: root.count + 1 }) &&
            !verifySumProof(l[i]!, proof, { ...root, sumFen: root.sumFen + 1 }) &&
            !verifySumProof({ ...l[i]!, shareFen: l[i]!.shareFen + 1 }, proof, root)
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("signed tree heads", () => {
  it("verify with the published key and fail when any field changes", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const head = signTreeHead(
      {
        size: 8,
        rootHash: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        timestampMs: 1_600_000_000_000,
      },
      privateKey,
    );
    expect(verifyTreeHead(head, publicKey)).toBe(true);
    expect(verifyTreeHead({ ...head, size: 9 }, publicKey)).toBe(false);
    expect(verifyTreeHead({ ...head, rootHash: "00".repeat(32) }, publicKey)).toBe(false);
    expect(verifyTreeHead(head, generateKeyPairSync("ed25519").publicKey)).toBe(false);
  });
});

describe("the compact Merkle-sum tree", () => {
  it("gives the same root as the object tree, for every size up to 70", async () => {
    const { buildCompactSumTree, compactSumRoot } = await import("../../src/domain/merkle-sum.ts");
    for (let n = 1; n <= 70; n++) {
      const l = leaves(Array.from({ length: n }, (_, i) => (i * 37) % 500));
      const a = sumRoot(buildSumTree(l.map(sumLeaf)));
      const b = compactSumRoot(
        buildCompactSumTree(
          l.map((x) => x.member),
          l.map((x) => x.shareFen),
        ),
      );
      expect([b.hash.toString("hex"), b.count, b.sumFen]).toEqual([
        a.hash.toString("hex"),
        a.count,
        a.sumFen,
      ]);
    }
  });
});

describe("the parallel leaf hashing", () => {
  it("gives the same root as the single-thread build", async () => {
    const { buildSumTreeParallel } = await import("../../src/cycles/sum-tree-parallel.ts");
    const { buildCompactSumTree, compactSumRoot } = await import("../../src/domain/merkle-sum.ts");
    const n = 200_001;
    const ids = Array.from({ length: n }, (_, i) => i.toString(16).padStart(32, "0"));
    const shares = Float64Array.from({ length: n }, (_, i) => (i * 7) % 1000);
    const a = compactSumRoot(buildCompactSumTree(ids, shares));
    const b = compactSumRoot(await buildSumTreeParallel(ids, shares, 2));
    expect([b.hash.toString("hex"), b.count, b.sumFen]).toEqual([a.hash.toString("hex"), a.count, a.sumFen]);
  });
});

describe("the streaming root (O(log n) memory)", () => {
  it("gives the tree's root for every size up to 130 and any shares", async () => {
    const { SumRootBuilder } = await import("../../src/domain/merkle-sum.ts");
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 130 }),
        (shares) => {
          const l = leaves(shares);
          const b = new SumRootBuilder();
          for (const x of l) {
            const leaf = sumLeaf(x);
            b.push(leaf.hash, leaf.sumFen);
          }
          const a = sumRoot(buildSumTree(l.map(sumLeaf)));
          const r = b.root();
          expect([r.hash.toString("hex"), r.count, r.sumFen]).toEqual([
            a.hash.toString("hex"),
            a.count,
            a.sumFen,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the chunked proof (stored chunks, O(chunk + chunks))", () => {
  it("is the tree's proof for every leaf, any size up to 150 and any power-of-two chunk", async () => {
    const { chunkedSumProof, compactSumTreeFromLeaves, SumRootBuilder } = await import(
      "../../src/domain/merkle-sum.ts"
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 150 }),
        fc.nat(),
        fc.integer({ min: 0, max: 6 }),
        (shares, pick, log2Chunk) => {
          const chunkLeaves = 2 ** log2Chunk;
          const l = leaves(shares).map(sumLeaf);
          const index = pick % l.length;
          // each chunk's root, folded from its leaves as the store does
          const roots = [];
          for (let c = 0; c * chunkLeaves < l.length; c++) {
            const b = new SumRootBuilder();
            for (const x of l.slice(c * chunkLeaves, (c + 1) * chunkLeaves)) b.push(x.hash, x.sumFen);
            roots.push(b.root());
          }
          const mine = Math.floor(index / chunkLeaves);
          const inChunk = l.slice(mine * chunkLeaves, (mine + 1) * chunkLeaves);
          const memberChunk = compactSumTreeFromLeaves(
            Buffer.concat(inChunk.map((x) => x.hash)),
            inChunk.map((x) => x.sumFen),
          );
          const expected = sumProof(buildSumTree(l), index);
          expect(chunkedSumProof(l.length, index, chunkLeaves, roots, memberChunk)).toEqual(expected);
          // with the nodes over runs of chunks kept (as a server keeps them per cycle): first filled by
          // another leaf's proof, from another chunk where there is one, then asked twice
          const ranges = new Map();
          const other = (index + chunkLeaves) % l.length;
          const otherChunk = Math.floor(other / chunkLeaves);
          const otherLeaves = l.slice(otherChunk * chunkLeaves, (otherChunk + 1) * chunkLeaves);
          const otherTree = compactSumTreeFromLeaves(
            Buffer.concat(otherLeaves.map((x) => x.hash)),
            otherLeaves.map((x) => x.sumFen),
          );
          expect(chunkedSumProof(l.length, other, chunkLeaves, roots, otherTree, ranges)).toEqual(
            sumProof(buildSumTree(l), other),
          );
          expect(chunkedSumProof(l.length, index, chunkLeaves, roots, memberChunk, ranges)).toEqual(expected);
          expect(chunkedSumProof(l.length, index, chunkLeaves, roots, memberChunk, ranges)).toEqual(expected);
          if (l.length > chunkLeaves) expect(ranges.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
