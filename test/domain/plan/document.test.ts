import { describe, expect, it } from "vitest";
import { civilDate } from "../../../src/domain/calendar.ts";
import { eventClassName, loadPlan, mergeRules, ruleVersionOn } from "../../../src/domain/plan/document.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

function problemsOf(doc: unknown) {
  const r = loadPlan(doc);
  return r.ok ? [] : r.error;
}

describe("plan document validation", () => {
  it("accepts the 相互宝-shaped fixture and parses amounts exactly", () => {
    const plan = mustLoad(planDoc(mutualRules()));
    const caps = plan.versions[0]!.rules.apportionment.caps;
    expect(caps.perCase?.amount).toBe(10); // "0.10" yuan = 10 fen
    expect(caps.perYear?.amount).toBe(18_800); // 188 yuan
    expect(plan.versions[0]!.rules.fees).toEqual([{ kind: "percentOfBenefit", percent: 800 }]); // 8% = 800 bp
  });

  it("names an unknown field", () => {
    const rules = { ...mutualRules(), colour: "red" };
    expect(problemsOf(planDoc(rules as never))).toEqual([
      { code: "invalid_plan", message: "unknown field: colour", field: "versions[0].rules" },
    ]);
  });

  it("names a negative amount and a three-decimal amount", () => {
    const neg = mutualRules({
      apportionment: {
        calendar: { kind: "perEvent" },
        caps: { perCase: { amount: "-1", excessBorneBy: "sponsor" } },
      },
    });
    expect(problemsOf(planDoc(neg))[0]).toMatchObject({
      field: "versions[0].rules.apportionment.caps.perCase.amount",
    });
    const dec = mutualRules({
      apportionment: {
        calendar: { kind: "perEvent" },
        caps: { perCase: { amount: "0.105", excessBorneBy: "sponsor" } },
      },
    });
    const p = problemsOf(planDoc(dec))[0]!;
    expect(p.field).toBe("versions[0].rules.apportionment.caps.perCase.amount");
    expect(p.message).toMatch(/more than two decimals/);
  });

  it("names a date that does not exist", () => {
    const doc = { ...planDoc(mutualRules()), versions: [{ effective: "2019-02-29", rules: mutualRules() }] };
    expect(problemsOf(doc)[0]).toMatchObject({ field: "versions[0].effective" });
  });

  it("refuses references to event classes and tiers that do not exist", () => {
    const rules = mutualRules();
    rules.benefits.schedule = [{ event: "flu", tier: "gold", benefit: { kind: "fixed", amount: 1 } }];
    const fields = problemsOf(planDoc(rules)).map((p) => p.field);
    expect(fields).toEqual([
      "versions[0].rules.benefits.schedule[0].event",
      "versions[0].rules.benefits.schedule[0].tier",
    ]);
  });

  it("refuses versions out of order", () => {
    const doc = planDoc(mutualRules(), {
      versions: [
        { effective: "2020-01-01", rules: mutualRules() },
        { effective: "2019-05-01", changes: { waiting: [{ days: 180 }] } },
      ],
    });
    expect(problemsOf(doc)[0]).toMatchObject({ field: "versions[1].effective" });
  });
});

describe("rule versions", () => {
  const plan = mustLoad(
    planDoc(mutualRules(), {
      versions: [
        { effective: "2018-10-16", rules: mutualRules() },
        { effective: "2019-05-01", summary: "健康要求V2", changes: { waiting: [{ days: 180 }] } },
      ],
    }),
  );

  it("chooses the version in force on a stated date: the day before and the day of a change", () => {
    expect(ruleVersionOn(plan, civilDate("2019-04-30"))?.rules.waiting).toEqual([{ days: 90 }]);
    expect(ruleVersionOn(plan, civilDate("2019-05-01"))?.rules.waiting).toEqual([{ days: 180 }]);
    expect(ruleVersionOn(plan, civilDate("2018-10-15"))).toBeUndefined();
  });

  it("merges changes onto the previous version: objects merge, arrays replace, null deletes", () => {
    expect(mergeRules({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3 }, d: [9] })).toEqual({
      a: { b: 1, c: 3 },
      d: [9],
    });
    expect(mergeRules({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
    // the second version kept everything else of the first
    expect(plan.versions[1]!.rules.fees).toEqual(plan.versions[0]!.rules.fees);
  });
});

describe("an event class's name", () => {
  // the second version renames cancer and drops major (its benefit rows with it)
  const cancerOnly = {
    ageBasis: "joining" as const,
    schedule: mutualRules().benefits.schedule.filter((r) => r.event === "cancer"),
  };
  const plan = mustLoad(
    planDoc(mutualRules(), {
      versions: [
        { effective: "2018-10-16", rules: mutualRules() },
        {
          effective: "2019-05-01",
          changes: { eventClasses: [{ id: "cancer", name: "恶性肿瘤（含原位癌）" }], benefits: cancerOnly },
        },
      ],
    }),
  );

  it("is the name in the version in force, one dropped since is named by an older version, else the code", () => {
    expect(eventClassName(plan, civilDate("2019-04-30"), "cancer")).toBe("恶性肿瘤");
    expect(eventClassName(plan, civilDate("2019-05-01"), "cancer")).toBe("恶性肿瘤（含原位癌）");
    expect(eventClassName(plan, civilDate("2019-05-01"), "major")).toBe("重大疾病");
    expect(eventClassName(plan, civilDate("2018-10-15"), "cancer")).toBe("恶性肿瘤");
    expect(eventClassName(plan, civilDate("2019-05-01"), "nosuch")).toBe("nosuch");
  });
});
