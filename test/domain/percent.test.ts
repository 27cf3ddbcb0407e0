import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPercent } from "../../src/domain/percent.ts";

describe("formatPercent", () => {
  it("rounds half up in integer arithmetic", () => {
    expect(formatPercent(347, 500, 1)).toBe("69.4"); // 69.4 exactly
    expect(formatPercent(2, 3, 2)).toBe("66.67"); // 66.666… up
    expect(formatPercent(1, 3, 2)).toBe("33.33"); // 33.333… down
    expect(formatPercent(1, 32, 2)).toBe("3.13"); // 3.125: the half goes up
    expect(formatPercent(1, 8, 1)).toBe("12.5");
    expect(formatPercent(3, 4, 0)).toBe("75");
    expect(formatPercent(5, 5, 2)).toBe("100.00");
    expect(formatPercent(0, 7, 1)).toBe("0.0");
    expect(formatPercent(0, 0, 2)).toBe("0");
  });

  it("never differs from the exact value by more than half a unit of the last place", () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, d) => {
          const part = Math.min(a, b);
          const shown = Number(formatPercent(part, b, d));
          expect(Math.abs(shown - (part * 100) / b)).toBeLessThanOrEqual(0.5 / 10 ** d + 1e-9);
        },
      ),
    );
  });
});
