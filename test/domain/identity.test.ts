import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import {
  maskMobile,
  maskName,
  maskResidentId,
  parseResidentId,
  residentIdCheckChar,
} from "../../src/domain/identity.ts";

const today = civilDate("2026-11-24");

describe("GB 11643 resident ID", () => {
  it("computes the check character", () => {
    // The standard's example 11010519491231002X: Σ(digit × weight) = 167 (worked: 1×7+1×9+0×10+1×5+0×8+5×4
    // +1×2+9×1+4×6+9×3+1×7+2×9+3×10+1×5+0×8+0×4+2×2 = 167); 167 mod 11 = 2 → "X"
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    // 440524188001010014: Σ = 4×7+4×9+0×10+5×5+2×8+4×4+1×2+8×1+8×6+0×3+0×7+1×9+0×10+1×5+0×8+0×4+1×2 = 195;
    // 195 mod 11 = 8 → "4"
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
  });

  it("derives birth date and sex", () => {
    const r = parseResidentId("11010519491231002X", today);
    expect(r.ok && r.value).toMatchObject({ birthDate: "1949-12-31", sex: "female", regionCode: "110105" }); // 17th digit 2: even
    const lower = parseResidentId("11010519491231002x", today);
    expect(lower.ok && lower.value.id).toBe("11010519491231002X");
  });

  it("refuses a wrong checksum, a date that does not exist, a future birth and bad shapes, without echoing the ID", () => {
    const wrong = parseResidentId("110105194912310021", today);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.message).toMatch(/check digit/);
      expect(wrong.error.message).not.toContain("110105194912310021");
      expect(wrong.error.field).toBe("residentId");
    }
    // 1990-02-30 does not exist; the check char is made valid so only the date is wrong
    const bad = `11010519900230001`;
    expect(parseResidentId(bad + residentIdCheckChar(bad), today).ok).toBe(false);
    const future = `11010520300101001`;
    expect(parseResidentId(future + residentIdCheckChar(future), today).ok).toBe(false);
    expect(parseResidentId("1234", today).ok).toBe(false);
    expect(parseResidentId(11010519491231002, today).ok).toBe(false);
  });
});

describe("masking", () => {
  it("masks IDs, names and mobiles as announcements show them", () => {
    expect(maskResidentId("11010519491231002X")).toBe("1101**********002X");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("李小龙")).toBe("李**");
    expect(maskName("欧阳娜娜")).toBe("欧阳**");
    expect(maskMobile("13812345678")).toBe("138****5678");
  });
});
