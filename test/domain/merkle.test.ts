import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  MemoryTree,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from "../../src/domain/merkle.ts";

const hex = (b: Buffer) => b.toString("hex");
const h = (s: string) => Buffer.from(s, "hex");

/*
 * Test vectors of RFC 6962, as published with Certificate Transparency's reference implementation
 * (google/certificate-transparency, python/ct/crypto/merkle_test.py: TreeHasherTest and
 * MerkleVerifierTest, "lifted from the C++ branch"; the inclusion paths for the 8-leaf tree are those of
 * the C++ merkle_tree_test.cc, repeated by transparency-dev/merkle).
 */
const LEAVES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map(h);
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

function tree(n: number): MemoryTree {
  const t = new MemoryTree();
  for (const l of LEAVES.slice(0, n)) t.append(leafHash(l));
  return t;
}

describe("RFC 6962 test vectors", () => {
  it("hashes the empty tree, leaves and nodes", () => {
    expect(hex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(leafHash(h("")))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    expect(hex(leafHash(h("101112131415161718191a1b1c1d1e1f")))).toBe(
      "3bfb960453ebaebf33727da7a1f4db38acc051d381b6da20d6d4e88f0eabfd7a",
    );
    expect(
      hex(
        nodeHash(
          h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
          h("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"),
        ),
      ),
    ).toBe("1a378704c17da31e2d05b6d121c2bb2c7d76f6ee6fa8f983e596c2d034963c57");
  });

  it("gives the published roots for 1 to 8 leaves", () => {
    const t = tree(8);
    expect(ROOTS.map((_, i) => hex(t.root(i + 1)))).toEqual(ROOTS);
  });

  it("gives the published inclusion proofs in the 8-leaf tree", () => {
    const t = tree(8);
    expect(inclusionProof(t.nodes, 0, 8).map(hex)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
    expect(inclusionProof(t.nodes, 5, 8).map(hex)).toEqual([
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]);
  });

  it("gives and verifies the published consistency proofs (1→8, 6→8, 2→5)", () => {
    const t = tree(8);
    const vectors: Array<[number, number, string[]]> = [
      [
        1,
        8,
        [
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
      ],
      [
        6,
        8,
        [
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
      ],
      [
        2,
        5,
        [
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
      ],
    ];
    for (const [m, n, proof] of vectors) {
      expect(consistencyProof(t.nodes, m, n).map(hex)).toEqual(proof);
      expect(verifyConsistency(m, n, h(ROOTS[m - 1]!), h(ROOTS[n - 1]!), proof.map(h))).toBe(true);
    }
    // a proof one hash short fails (the reference's test_verify_tree_consistency_proof_too_short)
    expect(verifyConsistency(6, 8, h(ROOTS[5]!), h(ROOTS[7]!), vectors[1]![2].slice(0, 2).map(h))).toBe(
      false,
    );
  });
});

describe("proof properties", () => {
  const sizes = fc
    .integer({ min: 1, max: 300 })
    .chain((n) =>
      fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 0, max: n - 1 })),
    );

  it("every inclusion and consistency proof verifies, for random sizes m ≤ n", () => {
    fc.assert(
      fc.property(sizes, ([n, m, i]) => {
        const t = new MemoryTree();
        for (let k = 0; k < n; k++) t.append(leafHash(Buffer.from(`entry ${k}`)));
        const root = t.root(n);
        const leafOk = verifyInclusion(
          leafHash(Buffer.from(`entry ${i}`)),
          i,
          n,
          inclusionProof(t.nodes, i, n),
          root,
        );
        const consOk = verifyConsistency(m, n, t.root(m), root, consistencyProof(t.nodes, m, n));
        return leafOk && consOk;
      }),
      { numRuns: 150 },
    );
  });

  it("a proof for a changed leaf does not verify, nor one against another root", () => {
    fc.assert(
      fc.property(sizes, ([n, m, i]) => {
        const t = new MemoryTree();
        for (let k = 0; k < n; k++) t.append(leafHash(Buffer.from(`entry ${k}`)));
        const proof = inclusionProof(t.nodes, i, n);
        const forged = verifyInclusion(leafHash(Buffer.from(`entry ${i} changed`)), i, n, proof, t.root(n));
        const otherRoot =
          m < n &&
          verifyConsistency(
            m,
            n,
            leafHash(Buffer.from("not the root")),
            t.root(n),
            consistencyProof(t.nodes, m, n),
          );
        return !forged && !otherRoot;
      }),
      { numRuns: 150 },
    );
  });
});

describe("canonical JSON", () => {
  it("sorts keys, drops whitespace and refuses floats", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "中"], c: { z: 0, y: "x" } })).toBe(
      '{"a":[true,null,"中"],"b":1,"c":{"y":"x","z":0}}',
    );
    expect(() => canonicalJson({ shareFen: 46.29 })).toThrow(/safe integers/);
  });
});
