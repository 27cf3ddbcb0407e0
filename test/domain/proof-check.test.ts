import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { inclusionProof, leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { buildSumTree, sumLeaf, sumProof, sumRoot } from "../../src/domain/merkle-sum.ts";
import { proofChecks, toHex } from "../../src/domain/proof-check.ts";
import { nodeProofChecks } from "../../src/domain/sha256.ts";

// The member app runs these checks with @noble/hashes; the server with node:crypto. Both must agree.
const browser = proofChecks((d) => nobleSha256(d));
const hex = (n: number) => n.toString(16).padStart(64, "0");

describe("proof checks with SHA-256 injected", () => {
  const leaves = [3, 0, 12, 7, 5].map((shareFen, i) => ({ member: hex(i + 1), shareFen }));
  const levels = buildSumTree(leaves.map(sumLeaf));
  const r = sumRoot(levels);
  const root = { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };

  it("a share's sum proof holds with either hash, and the root binds 5 members and 27 fen (3+0+12+7+5)", () => {
    expect(root.count).toBe(5);
    expect(root.sumFen).toBe(27);
    for (const [i, leaf] of leaves.entries()) {
      expect(browser.verifySumProof(leaf, sumProof(levels, i), root)).toBe(true);
      expect(nodeProofChecks.verifySumProof(leaf, sumProof(levels, i), root)).toBe(true);
    }
  });

  it("a tampered share, sibling sum or sibling hash is rejected", () => {
    const proof = sumProof(levels, 2);
    expect(browser.verifySumProof({ ...leaves[2]!, shareFen: 11 }, proof, root)).toBe(false);
    const lowered = proof.map((s, k) => (k === 0 ? { ...s, sumFen: s.sumFen - 1 } : s));
    expect(browser.verifySumProof(leaves[2]!, lowered, root)).toBe(false);
    const badHash = proof.map((s, k) => (k === 0 ? { ...s, hash: "zz" } : s));
    expect(browser.verifySumProof(leaves[2]!, badHash, root)).toBe(false);
    expect(browser.verifySumProof({ ...leaves[2]!, shareFen: -1 }, proof, root)).toBe(false);
  });

  it("an RFC 9162 inclusion proof holds with either hash and fails on the wrong index", () => {
    const tree = new MemoryTree();
    const entries = ["a", "b", "c", "d", "e", "f", "g"].map((s) => Buffer.from(s));
    for (const e of entries) tree.append(leafHash(e));
    const proof = inclusionProof(tree.nodes, 4, 7);
    const rootHash = tree.root(7);
    expect(toHex(browser.logLeaf(entries[4]!))).toBe(leafHash(entries[4]!).toString("hex"));
    expect(browser.verifyInclusion(browser.logLeaf(entries[4]!), 4, 7, proof, rootHash)).toBe(true);
    expect(browser.verifyInclusion(browser.logLeaf(entries[4]!), 3, 7, proof, rootHash)).toBe(false);
    expect(browser.verifyInclusion(browser.logLeaf(entries[4]!), 7, 7, proof, rootHash)).toBe(false);
  });
});
