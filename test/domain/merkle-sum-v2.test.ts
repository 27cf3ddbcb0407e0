import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSumTreeParallel } from "../../src/cycles/sum-tree-parallel.ts";
import {
  buildCompactSumTree,
  buildSumTree,
  compactSumRoot,
  sumLeaf,
  sumLeafJson,
  sumProof,
  sumRoot,
  verifySumProof,
} from "../../src/domain/merkle-sum.ts";

const runs = Number(process.env.HUZHU_FUZZ_RUNS ?? 200);

const v2Leaves = (rows: Array<{ shareFen: number; weightUnits: number }>) =>
  rows.map((r, i) => ({ member: i.toString(16).padStart(8, "0"), participation: i + 1, ...r }));

describe("format 2 Merkle-sum leaves (participation and weight)", () => {
  it("are these exact bytes; format 1 leaves keep theirs", () => {
    const v2 = { member: "0a1b", participation: 42, shareFen: 4629, weightUnits: 15_000 };
    expect(sumLeafJson(v2)).toBe(
      '{"member":"0a1b","participation":42,"shareFen":4629,"v":2,"weightUnits":15000}',
    );
    expect(sumLeafJson({ member: "0a1b", shareFen: 4629 })).toBe('{"member":"0a1b","shareFen":4629}');
    const expected = createHash("sha256")
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(sumLeafJson(v2))]))
      .digest("hex");
    expect(sumLeaf(v2).hash.toString("hex")).toBe(expected);
  });

  it("every proof verifies; another participation, weight or share, a stripped leaf, a bad field do not", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            shareFen: fc.integer({ min: 0, max: 20_000 }),
            weightUnits: fc.integer({ min: 1, max: 30_000 }),
          }),
          { minLength: 1, maxLength: 150 },
        ),
        fc.nat(),
        (rows, pick) => {
          const l = v2Leaves(rows);
          const levels = buildSumTree(l.map(sumLeaf));
          const r = sumRoot(levels);
          const root = { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };
          const i = pick % l.length;
          const leaf = l[i]!;
          const proof = sumProof(levels, i);
          return (
            verifySumProof(leaf, proof, root) &&
            !verifySumProof({ ...leaf, participation: leaf.participation + 1 }, proof, root) &&
            !verifySumProof({ ...leaf, weightUnits: leaf.weightUnits + 1 }, proof, root) &&
            !verifySumProof({ ...leaf, shareFen: leaf.shareFen + 1 }, proof, root) &&
            !verifySumProof({ member: leaf.member, shareFen: leaf.shareFen }, proof, root) &&
            !verifySumProof({ ...leaf, participation: 0 }, proof, root) &&
            !verifySumProof({ ...leaf, weightUnits: 1.5 }, proof, root)
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("no format 1 leaf hashes as a format 2 one of the same member and share", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{1,32}$/), fc.nat(), fc.nat(), (member, shareFen, p) => {
        const one = sumLeaf({ member: member, shareFen }).hash;
        const two = sumLeaf({
          member: member,
          shareFen,
          participation: p + 1,
          weightUnits: 10_000,
        }).hash;
        return !one.equals(two);
      }),
      { numRuns: runs },
    );
  });

  it("the compact builder and the worker threads hash the same format 2 leaves as sumLeaf", async () => {
    const l = v2Leaves(Array.from({ length: 9 }, (_, i) => ({ shareFen: 100 * i, weightUnits: 10_000 + i })));
    const cols = { participations: l.map((x) => x.participation), weightsUnits: l.map((x) => x.weightUnits) };
    const shares = Float64Array.from(l, (x) => x.shareFen);
    const compact = compactSumRoot(
      buildCompactSumTree(
        l.map((x) => x.member),
        shares,
        cols,
      ),
    );
    expect(compact.hash.equals(sumRoot(buildSumTree(l.map(sumLeaf))).hash)).toBe(true);
    expect(compact.sumFen).toBe(3_600); // 100 × (0 + 1 + … + 8)
    // past the threshold where the work is split over two threads (200,000 leaves)
    const n = 200_001;
    const ids = Array.from({ length: n }, (_, i) => i.toString(16).padStart(8, "0"));
    const big = new Float64Array(n).fill(7);
    const bigCols = {
      participations: Float64Array.from({ length: n }, (_, i) => i + 1),
      weightsUnits: new Float64Array(n).fill(10_000),
    };
    const a = compactSumRoot(buildCompactSumTree(ids, big, bigCols));
    const b = compactSumRoot(await buildSumTreeParallel(ids, big, 2, bigCols));
    expect(b.hash.equals(a.hash)).toBe(true);
    expect(b.sumFen).toBe(1_400_007); // 200,001 × 7
    expect(a.hash.equals(compactSumRoot(buildCompactSumTree(ids, big)).hash)).toBe(false);
  });
});
