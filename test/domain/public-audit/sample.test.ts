import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { detectionProbability, drawSample } from "../../../src/domain/public-audit/sample.ts";

const population = Array.from({ length: 36 }, (_, i) =>
  createHash("sha256").update(`m${i}`).digest("hex").slice(0, 32),
);
const fakes = new Set(population.slice(0, 4));

describe("the sampling audit's draw", () => {
  it("is a function of the seed: the same seed draws the same pseudonyms, in any input order", () => {
    const seed = "ab".repeat(32);
    const a = drawSample(seed, population, 10);
    expect(drawSample(seed, [...population].reverse(), 10)).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(drawSample("cd".repeat(32), population, 10)).not.toEqual(a);
  });

  it("draws the whole population when asked for more, and nothing from nobody", () => {
    expect(drawSample("00", population, 100).sort()).toEqual([...population].sort());
    expect(drawSample("00", [], 5)).toEqual([]);
  });

  it("catches k fake among n with the stated probability 1 − C(n−k, N)/C(n, N)", () => {
    // n = 36, k = 4, N = 10: 1 − (26·25·24·23)/(36·35·34·33) = 1 − 358800/1413720 ≈ 0.7462
    const p = detectionProbability(36, 4, 10);
    expect(p).toBeCloseTo(0.7462, 4);
    // over 4,000 fixed seeds the share of samples holding a fake is that probability (± 0.03)
    let hits = 0;
    for (let i = 0; i < 4000; i++) {
      const seed = createHash("sha256").update(`seed ${i}`).digest("hex");
      if (drawSample(seed, population, 10).some((x) => fakes.has(x))) hits++;
    }
    expect(Math.abs(hits / 4000 - p)).toBeLessThan(0.03);
  });

  it("states the bounds: no fakes are never caught, a sample of everyone always is", () => {
    expect(detectionProbability(36, 0, 10)).toBe(0);
    expect(detectionProbability(36, 1, 36)).toBe(1);
    // 1% fake among a million, 300 drawn: 1 − 0.99^300 ≈ 0.951
    expect(detectionProbability(1_000_000, 10_000, 300)).toBeCloseTo(0.951, 2);
  });
});
