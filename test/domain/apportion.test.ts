import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportionCycle, conserves, type ShareGroup } from "../../src/domain/apportion.ts";
import { fen } from "../../src/domain/money.ts";
import type { RulesInput } from "../../src/domain/plan/schema.ts";
import { mustLoad, mutualRules, planDoc } from "../support/plan-fixtures.ts";

const yuanText = (f: number) => `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, "0")}`;

/** Random plans: fee percent, optional caps with random bearers, optional minors' weight. */
const arbRules = fc
  .record({
    feePercent: fc.integer({ min: 0, max: 15 }),
    perCaseFen: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    perCycleFen: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    perYearFen: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    bearers: fc.array(fc.constantFrom("sponsor" as const, "benefit" as const), {
      minLength: 3,
      maxLength: 3,
    }),
  })
  .map(({ feePercent, perCaseFen, perCycleFen, perYearFen, bearers }) => {
    const caps: NonNullable<RulesInput["apportionment"]["caps"]> = {};
    if (perCaseFen) caps.perCase = { amount: yuanText(perCaseFen), excessBorneBy: bearers[0]! };
    if (perCycleFen) caps.perCycle = { amount: yuanText(perCycleFen), excessBorneBy: bearers[1]! };
    if (perYearFen) caps.perYear = { amount: yuanText(perYearFen), excessBorneBy: bearers[2]! };
    const rules = mutualRules({
      fees: [{ kind: "percentOfBenefit", percent: feePercent }],
      apportionment: { calendar: { kind: "perEvent" }, caps },
    });
    return mustLoad(planDoc(rules)).versions[0]!.rules;
  });

const arbGroups = fc.array(
  fc.record({
    members: fc.integer({ min: 0, max: 5_000_000 }),
    weightUnits: fc.constantFrom(5_000, 10_000, 12_500, 7_321),
    yearRemainingFen: fc.option(fc.integer({ min: 0, max: 100_000 }).map(fen), { nil: undefined }),
    memberFeeFen: fc.option(fc.integer({ min: 0, max: 300 }).map(fen), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 6 },
);
const arbCases = fc.array(
  fc.integer({ min: 0, max: 50_000_000 }).map((b) => ({ benefitFen: fen(b) })),
  { maxLength: 40 },
);
const arbSurplus = fc.integer({ min: 0, max: 10_000_000 }).map(fen);

const withKeys = (gs: Array<Omit<ShareGroup, "key">>): ShareGroup[] =>
  gs.map((g, i) => ({ ...g, key: `g${i}` }));

describe("apportionCycle", () => {
  it("conserves exactly in every cycle", () => {
    fc.assert(
      fc.property(arbRules, arbGroups, arbCases, arbSurplus, (rules, groups, cases, surplusInFen) => {
        const r = apportionCycle({ rules, groups: withKeys(groups), cases, surplusInFen });
        return conserves(r) && r.surplusOutFen >= 0 && r.sponsorFen >= 0 && r.benefitCutFen >= 0;
      }),
      { numRuns: 400 },
    );
  });

  it("charges no member more than any cap", () => {
    fc.assert(
      fc.property(arbRules, arbGroups, arbCases, arbSurplus, (rules, groups, cases, surplusInFen) => {
        const r = apportionCycle({ rules, groups: withKeys(groups), cases, surplusInFen });
        const caps = rules.apportionment.caps;
        return r.shares.every((s, i) => {
          const g = groups[i]!;
          return (
            (!caps.perCase || s.costShareFen <= caps.perCase.amount * cases.length) &&
            (!caps.perCycle || s.costShareFen <= caps.perCycle.amount) &&
            (!caps.perYear || g.yearRemainingFen === undefined || s.costShareFen <= g.yearRemainingFen)
          );
        });
      }),
      { numRuns: 400 },
    );
  });

  it("keeps a cycle's surplus under one fen per sharing member", () => {
    const rules = mustLoad(planDoc(mutualRules({ apportionment: { calendar: { kind: "perEvent" } } })))
      .versions[0]!.rules;
    fc.assert(
      fc.property(arbGroups, arbCases, (groups, cases) => {
        const r = apportionCycle({ rules, groups: withKeys(groups), cases, surplusInFen: fen(0) });
        return r.sharingMembers === 0 || r.surplusOutFen < r.sharingMembers;
      }),
      { numRuns: 400 },
    );
  });

  it("never raises a member's share when members are added", () => {
    fc.assert(
      fc.property(
        arbRules,
        arbGroups,
        arbCases,
        fc.integer({ min: 1, max: 1_000_000 }),
        (rules, groups, cases, extra) => {
          const before = apportionCycle({ rules, groups: withKeys(groups), cases, surplusInFen: fen(0) });
          const grown = groups.map((g, i) => (i === 0 ? { ...g, members: g.members + extra } : g));
          const after = apportionCycle({ rules, groups: withKeys(grown), cases, surplusInFen: fen(0) });
          // Only members who were there before have a share to compare (an empty plan charges nobody).
          return after.shares.every(
            (s, i) => before.shares[i]!.members === 0 || s.shareFen <= before.shares[i]!.shareFen,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("weighs a minor at half: 3 adults and 2 minors share 400 fen as 100 and 50", () => {
    // Σ weights = 3 × 1 + 2 × 0.5 = 4; 400 fen ÷ 4 = 100 per weight unit → adults 100, minors 50
    const rules = mustLoad(
      planDoc(mutualRules({ fees: [], apportionment: { calendar: { kind: "perEvent" } } })),
    ).versions[0]!.rules;
    const r = apportionCycle({
      rules,
      cases: [{ benefitFen: fen(400) }],
      groups: [
        { key: "adults", members: 3, weightUnits: 10_000 },
        { key: "minors", members: 2, weightUnits: 5_000 },
      ],
      surplusInFen: fen(0),
    });
    expect(r.shares.map((s) => [s.weight, s.shareFen])).toEqual([
      ["1", 100],
      ["0.5", 50],
    ]);
    expect(r.surplusOutFen).toBe(0);
  });

  it("lets the sponsor pay what the annual cap cuts off (相互宝 188 a year)", () => {
    // one case of 300,000 + 8% = 32,400,000 fen among 100 members = 324,000 fen each; each has
    // 500 fen of the annual cap left, so pays 500; the sponsor pays 32,400,000 − 50,000 = 32,350,000
    const rules = mustLoad(planDoc(mutualRules())).versions[0]!.rules;
    const r = apportionCycle({
      rules: {
        ...rules,
        apportionment: { ...rules.apportionment, caps: { perYear: rules.apportionment.caps.perYear } },
      },
      cases: [{ benefitFen: fen(30_000_000) }],
      groups: [{ key: "m", members: 100, weightUnits: 10_000, yearRemainingFen: fen(500) }],
      surplusInFen: fen(0),
    });
    expect(r.shares[0]).toMatchObject({ shareFen: 500, capped: "perYear" });
    expect(r.sponsorFen).toBe(32_350_000);
    expect(r.benefitsFen).toBe(30_000_000);
  });

  it("has the sponsor pay everything in a wind-down cycle", () => {
    const rules = mustLoad(planDoc(mutualRules())).versions[0]!.rules;
    const r = apportionCycle({
      rules,
      cases: [{ benefitFen: fen(1_000_000) }],
      groups: [{ key: "m", members: 10, weightUnits: 10_000 }],
      surplusInFen: fen(1_000),
      sponsorPaysAll: true,
    });
    // 10,000 yuan + 8% = 1,080,000 fen, less 1,000 surplus carried in = 1,079,000 from the sponsor
    expect(r.sponsorFen).toBe(1_079_000);
    expect(r.chargedFen).toBe(0);
  });
});
