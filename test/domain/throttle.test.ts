import { describe, expect, it } from "vitest";
import { mobileDormant, sameName } from "../../src/domain/mobile.ts";
import { throttleWaitSeconds } from "../../src/domain/throttle.ts";

const rule = { freeAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600 };

describe("throttle delays", () => {
  it("waits nothing within the allowance, then doubles from the base, capped", () => {
    expect([0, 4].map((n) => throttleWaitSeconds(rule, n, 0))).toEqual([0, 0]);
    // 5 attempts made: the 6th waits 1 s after the 5th; 7th 2 s; 8th 4 s … at most 900 s
    expect([5, 6, 7, 14, 15, 60].map((n) => throttleWaitSeconds(rule, n, 0))).toEqual([
      1, 2, 4, 512, 900, 900,
    ]);
  });
  it("counts the time since the last attempt, rounding up to whole seconds", () => {
    expect(throttleWaitSeconds(rule, 7, 1.5)).toBe(3); // 4 − 1.5 = 2.5 → 3
    expect(throttleWaitSeconds(rule, 7, 4)).toBe(0);
    expect(throttleWaitSeconds(rule, 7, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe("recycled numbers and names", () => {
  it("a number is dormant only strictly past the named days", () => {
    const day = 86_400_000;
    expect(mobileDormant(0, 180 * day, 180)).toBe(false);
    expect(mobileDormant(0, 180 * day + 1, 180)).toBe(true);
  });
  it("names compare in NFC, ignoring surrounding spaces, and nothing else", () => {
    expect(sameName(" 张伟 ", "张伟")).toBe(true);
    expect(sameName("e\u0301", "\u00e9")).toBe(true);
    expect(sameName("张伟", "张玮")).toBe(false);
  });
});
