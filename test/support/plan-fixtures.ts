import { loadPlan, type Plan, type PlanDocumentInput } from "../../src/domain/plan/document.ts";
import type { RulesInput } from "../../src/domain/plan/schema.ts";

/** A plan shaped like 相互宝's critical-illness plan (domain.md §8), for tests that need one inline. */
export function mutualRules(overrides: Partial<RulesInput> = {}): RulesInput {
  return {
    eventClasses: [
      { id: "cancer", name: "恶性肿瘤" },
      { id: "major", name: "重大疾病" },
    ],
    tiers: [
      { id: "standard", name: "标准版" },
      { id: "basic", name: "入门版" },
    ],
    eligibility: { ageAtJoining: { minDays: 30, maxYears: 59 } },
    waiting: [{ days: 90 }],
    benefits: {
      ageBasis: "joining",
      schedule: [
        { event: "cancer", ages: { to: 39 }, tier: "standard", benefit: { kind: "fixed", amount: 300000 } },
        { event: "cancer", ages: { to: 39 }, tier: "basic", benefit: { kind: "fixed", amount: 100000 } },
        {
          event: "cancer",
          ages: { from: 40, to: 59 },
          tier: "standard",
          benefit: { kind: "fixed", amount: 100000 },
        },
        {
          event: "cancer",
          ages: { from: 40, to: 59 },
          tier: "basic",
          benefit: { kind: "fixed", amount: 50000 },
        },
        { event: "major", ages: { to: 39 }, benefit: { kind: "fixed", amount: 300000 } },
        { event: "major", ages: { from: 40, to: 59 }, benefit: { kind: "fixed", amount: 100000 } },
      ],
    },
    fees: [{ kind: "percentOfBenefit", percent: 8 }],
    apportionment: {
      calendar: { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] },
      caps: {
        perCase: { amount: "0.10", excessBorneBy: "benefit" },
        perYear: { amount: 188, excessBorneBy: "sponsor" },
      },
    },
    funding: { mode: "postPaid" },
    claims: { jury: { overturnAbovePercent: 50 } },
    closure: { minimumMembers: 3_240_000 },
    ...overrides,
  };
}

export function planDoc(rules: RulesInput, more: Partial<PlanDocumentInput> = {}): PlanDocumentInput {
  return { id: "test-plan", name: "测试计划", versions: [{ effective: "2018-10-16", rules }], ...more };
}

export function mustLoad(doc: unknown): Plan {
  const r = loadPlan(doc);
  if (!r.ok) throw new Error(r.error.map((p) => `${p.field}: ${p.message}`).join("\n"));
  return r.value;
}
