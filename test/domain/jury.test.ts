import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  candidatesDigest,
  candidatesText,
  checkSorted,
  drawJurors,
  jurySeed,
  tallyJury,
} from "../../src/domain/jury.ts";

const seed = jurySeed({ claimId: 7, logSize: 120, logRootHex: "ab".repeat(32) });

describe("the jury draw", () => {
  it("is determined by its published inputs", () => {
    expect(drawJurors(seed, 1000, 25)).toEqual(drawJurors(seed, 1000, 25));
    const other = jurySeed({ claimId: 8, logSize: 120, logRootHex: "ab".repeat(32) });
    expect(drawJurors(other, 1000, 25)).not.toEqual(drawJurors(seed, 1000, 25));
  });

  it("draws distinct candidates within range, all of them when the jury is larger", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 600 }), (n, k) => {
        const picked = drawJurors(seed, n, k);
        expect(picked.length).toBe(Math.min(n, k));
        expect(new Set(picked).size).toBe(picked.length);
        for (const i of picked) expect(i >= 0 && i < n).toBe(true);
      }),
    );
  });

  it("is not biased toward the front of the list", () => {
    // 2,000 draws of 1 from 10 candidates: each expected 200 times; 4 standard deviations ≈ ±54
    const counts = new Array(10).fill(0);
    for (let c = 0; c < 2000; c++) {
      const s = jurySeed({ claimId: c, logSize: 1, logRootHex: "00".repeat(32) });
      counts[drawJurors(s, 10, 1)[0]!]++;
    }
    for (const n of counts) expect(Math.abs(n - 200)).toBeLessThan(60);
  });

  it("the candidate digest covers the published text exactly", async () => {
    const { createHash } = await import("node:crypto");
    const names = ["a1", "b2", "c3"];
    expect(candidatesDigest(names)).toBe(createHash("sha256").update(candidatesText(names)).digest("hex"));
    expect(candidatesDigest(names)).not.toBe(candidatesDigest(["a1", "b2", "c4"]));
    expect(checkSorted(names)).toBe(true);
    expect(checkSorted(["b", "a"])).toBe(false);
    expect(checkSorted(["a", "a"])).toBe(false);
  });
});

describe("the jury tally", () => {
  const rule = { overturnAboveBp: 5000, quorum: 10 };

  it("69.4% in favour overturns (347 of 500)", () => {
    // 347 / 500 = 0.694 > 0.5
    const t = tallyJury({ inFavour: 347, against: 153 }, rule);
    expect(t.outcome).toBe("overturned");
    expect(t.explanation).toContain("69.4%");
  });

  it("exactly 50% does not overturn (250 of 500); one vote more does (251 of 501)", () => {
    expect(tallyJury({ inFavour: 250, against: 250 }, rule).outcome).toBe("upheld");
    expect(tallyJury({ inFavour: 251, against: 250 }, rule).outcome).toBe("overturned");
  });

  it("below the quorum the decision stands", () => {
    // 9 votes, all in favour, quorum 10
    expect(tallyJury({ inFavour: 9, against: 0 }, rule).outcome).toBe("no_quorum");
    expect(tallyJury({ inFavour: 10, against: 0 }, rule).outcome).toBe("overturned");
  });

  it("a 66.67% rule: 2 of 3 (66.666…%) upholds, 3 of 4 (75%) overturns", () => {
    const twoThirds = { overturnAboveBp: 6667, quorum: 1 };
    expect(tallyJury({ inFavour: 2, against: 1 }, twoThirds).outcome).toBe("upheld");
    expect(tallyJury({ inFavour: 3, against: 1 }, twoThirds).outcome).toBe("overturned");
  });
});
