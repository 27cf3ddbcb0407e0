import { describe, expect, it } from "vitest";
import { ageOn, civilDate } from "../../../src/domain/calendar.ts";
import { membershipStanding, transferDueOn } from "../../../src/domain/plan/closure.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

describe("minimum membership", () => {
  const rules = mustLoad(
    planDoc(mutualRules({ closure: { minimumMembers: 3_240_000, warnAbovePercent: 10 } })),
  ).versions[0]!.rules;

  it("is below the minimum one member under it, and not at it", () => {
    expect(membershipStanding(rules, 3_239_999)).toBe("below_minimum");
    expect(membershipStanding(rules, 3_240_000)).toBe("warning");
  });

  it("warns within 10% above the minimum: 3,564,000 is the first healthy count", () => {
    // 3,240,000 × 1.10 = 3,564,000
    expect(membershipStanding(rules, 3_563_999)).toBe("warning");
    expect(membershipStanding(rules, 3_564_000)).toBe("healthy");
  });
});

describe("transfer at an age", () => {
  it("moves a member to the parents' plan on the 65th birthday (抗癌公社)", () => {
    const rules = mustLoad(planDoc(mutualRules({ transferAtAge: { age: 65, toPlan: "kangai-parents" } })))
      .versions[0]!.rules;
    // 2025 is a common year: a 29 February birthday is reached on 1 March, as ageOn counts it
    expect(transferDueOn(rules, civilDate("1960-02-29"))).toEqual({
      on: "2025-03-01",
      toPlan: "kangai-parents",
    });
    expect(ageOn(civilDate("1960-02-29"), civilDate("2025-03-01"))).toBe(65);
    expect(ageOn(civilDate("1960-02-29"), civilDate("2025-02-28"))).toBe(64);
    expect(transferDueOn(rules, civilDate("1960-07-01"))).toEqual({
      on: "2025-07-01",
      toPlan: "kangai-parents",
    });
  });
});
