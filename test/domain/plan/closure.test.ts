import { describe, expect, it } from "vitest";
import { ageOn, civilDate } from "../../../src/domain/calendar.ts";
import { membershipStanding, membershipThresholds, transferDueOn } from "../../../src/domain/plan/closure.ts";
import { loadPlanFrom, presetIds } from "../../../src/plans/registry.ts";
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

  it("the warning line is the first healthy count; without a margin it is the minimum itself", () => {
    expect(membershipThresholds(rules)).toEqual({ minimum: 3_240_000, warnAt: 3_564_000 });
    const bare = mustLoad(planDoc(mutualRules({ closure: { minimumMembers: 500_000 } }))).versions[0]!.rules;
    expect(membershipThresholds(bare)).toEqual({ minimum: 500_000, warnAt: 500_000 });
    expect(membershipStanding(bare, 499_999)).toBe("below_minimum");
    expect(membershipStanding(bare, 500_000)).toBe("healthy");
    const none = mustLoad(planDoc(mutualRules({ closure: {} }))).versions[0]!.rules;
    expect(membershipThresholds(none)).toBeUndefined();
    expect(membershipStanding(none, 0)).toBe("healthy");
  });

  it("a line that is not a whole member is rounded up: 7 members and 10% warn at 7, are healthy from 8", () => {
    // 7 × 1.10 = 7.7: 7 is under it, 8 is the first whole member at or above it
    const odd = mustLoad(planDoc(mutualRules({ closure: { minimumMembers: 7, warnAbovePercent: 10 } })))
      .versions[0]!.rules;
    expect(membershipThresholds(odd)).toEqual({ minimum: 7, warnAt: 8 });
    expect(membershipStanding(odd, 7)).toBe("warning");
    expect(membershipStanding(odd, 8)).toBe("healthy");
  });

  it("every preset's warning line is the one the membership watch drew before (min + ⌊min × bp / 10,000⌋)", () => {
    // issue 16: the watch rounded the line down, the domain compares exactly; no preset tells them apart
    for (const id of presetIds()) {
      const plan = loadPlanFrom(id);
      if (!plan.ok) throw new Error(id);
      for (const v of plan.value.versions) {
        const min = v.rules.closure.minimumMembers;
        const t = membershipThresholds(v.rules);
        if (min === undefined) expect(t).toBeUndefined();
        else
          expect(t?.warnAt).toBe(min + Math.floor((min * (v.rules.closure.warnAbovePercent ?? 0)) / 10_000));
      }
    }
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
