import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ceilToFen,
  fen,
  formatYuan,
  parseNonNegativeYuan,
  parseYuan,
  percentOfFen,
} from "../../src/domain/money.ts";

describe("parseYuan", () => {
  it("parses two-decimal yuan exactly into fen", () => {
    expect(parseYuan("0.10")).toEqual({ ok: true, value: 10 });
    expect(parseYuan(300000)).toEqual({ ok: true, value: 30_000_000 }); // 300,000 yuan × 100
    expect(parseYuan(0.1)).toEqual({ ok: true, value: 10 }); // the float 0.1 is read as its decimal text
    expect(parseYuan("9.5")).toEqual({ ok: true, value: 950 });
    expect(parseYuan("-3.00")).toEqual({ ok: true, value: -300 });
  });

  it("refuses three decimals, naming the field", () => {
    const r = parseYuan("0.105", "cohorts[0].deposit");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe("cohorts[0].deposit");
      expect(r.error.message).toMatch(/more than two decimals/);
    }
  });

  it("refuses text, NaN and exponent notation", () => {
    expect(parseYuan("abc").ok).toBe(false);
    expect(parseYuan(Number.NaN).ok).toBe(false);
    expect(parseYuan(1e21).ok).toBe(false);
    expect(parseYuan(undefined).ok).toBe(false);
  });

  it("refuses a negative amount where one is not allowed", () => {
    const r = parseNonNegativeYuan("-0.01", "deposit");
    expect(r.ok || r.error.code).toBe("negative_amount");
  });

  it("round-trips every amount through formatYuan", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const r = parseYuan(formatYuan(fen(n)));
        return r.ok && r.value === n;
      }),
    );
  });
});

describe("rounding", () => {
  it("rounds shares up to the fen", () => {
    // 32,400,000,000 fen ÷ 7,000,000 members = 4628.57… → 4629
    expect(ceilToFen(fen(32_400_000_000), 1n, 7_000_000n)).toBe(4629);
    expect(ceilToFen(fen(700), 1n, 7n)).toBe(100); // exact division is not rounded up
  });

  it("takes a percentage half up", () => {
    expect(percentOfFen(fen(30_000_000), 800)).toBe(2_400_000); // 8% of 300,000 yuan = 24,000 yuan
    expect(percentOfFen(fen(6), 5000)).toBe(3); // 50% of 6 fen = 3
    expect(percentOfFen(fen(5), 5000)).toBe(3); // 2.5 fen rounds half up to 3
    expect(percentOfFen(fen(1), 4999)).toBe(0); // 0.4999 fen rounds down
  });
});
