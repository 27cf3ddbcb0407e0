import fc from "fast-check";
import { describe, it } from "vitest";
import { addDays, civilDate } from "../../../src/domain/calendar.ts";
import { parseScenario } from "../../../src/sim/scenario/input.ts";
import { runScenario } from "../../../src/sim/scenario/run.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

const start = civilDate("2020-01-01");
const day = (n: number) => addDays(start, n);

const arbPlan = fc
  .record({
    prepaid: fc.boolean(),
    perCycle: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    perYear: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
    calendar: fc.constantFrom("semiMonthly", "monthly", "perEvent"),
    exitAfterFailures: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    kangai: fc.boolean(),
  })
  .map((p) =>
    mustLoad(
      planDoc(
        mutualRules({
          apportionment: {
            calendar:
              p.calendar === "semiMonthly"
                ? { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] }
                : p.calendar === "monthly"
                  ? { kind: "monthly", announceDay: 1, collectAfterDays: 10 }
                  : { kind: "perEvent", collectAfterDays: 0 },
            denominator: p.kangai
              ? { kind: "previousMonthEnd", factorPercent: 80 }
              : { kind: "sharingMembers" },
            weights: [{ ages: { to: 17 }, weight: "0.5" }],
            caps: {
              ...(p.perCycle
                ? { perCycle: { amount: (p.perCycle / 100).toFixed(2), excessBorneBy: "sponsor" as const } }
                : {}),
              ...(p.perYear
                ? { perYear: { amount: (p.perYear / 100).toFixed(2), excessBorneBy: "benefit" as const } }
                : {}),
            },
          },
          funding: p.prepaid
            ? { mode: "prepaid", initialDeposit: 9, floor: 1, graceDays: 15 }
            : { mode: "postPaid" },
          failurePolicy: p.exitAfterFailures ? { exitAfterFailures: p.exitAfterFailures } : {},
        }),
      ),
    ),
  );

const arbScenario = fc
  .array(
    fc.record({
      count: fc.integer({ min: 1, max: 2_000_000 }),
      bornYear: fc.integer({ min: 1962, max: 2015 }),
      joinedDay: fc.integer({ min: -500, max: 200 }),
      failures: fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 4 }),
      claims: fc.array(
        fc.record({
          count: fc.integer({ min: 1, max: 50 }),
          diagnosed: fc.integer({ min: 0, max: 300 }),
          delay: fc.integer({ min: 0, max: 40 }),
        }),
        { maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((cohorts) => ({
    plan: "inline",
    from: day(0),
    to: day(365),
    cohorts: cohorts.map((c, i) => ({
      name: `c${i}`,
      count: c.count + c.claims.reduce((n, k) => n + k.count, 0),
      born: `${c.bornYear}-05-20`,
      joined: day(c.joinedDay),
      failures: c.failures.map(day),
      topUps: [{ on: day(100), amount: "20.00" }],
    })),
    claims: cohorts.flatMap((c, i) =>
      c.claims.map((k) => ({
        cohort: `c${i}`,
        count: k.count,
        event: "cancer",
        diagnosed: day(k.diagnosed),
        decided: day(k.diagnosed + k.delay),
      })),
    ),
  }));

describe("scenario runner properties", () => {
  it("every cycle of every random scenario conserves exactly and respects the caps", () => {
    fc.assert(
      fc.property(arbPlan, arbScenario, (plan, input) => {
        const s = parseScenario(input);
        if (!s.ok) throw new Error(JSON.stringify(s.error));
        const report = runScenario(s.value, plan);
        const caps = plan.versions[0]!.rules.apportionment.caps;
        return report.cycles.every(
          (c) =>
            c.collectedFen + c.failedFen + c.sponsorFen ===
              c.benefitsFen + c.feesFen - c.surplusInFen + c.surplusOutFen &&
            c.shares.every((sh) => !caps.perCycle || sh.shareFen <= caps.perCycle.amount),
        );
      }),
      { numRuns: 150 },
    );
  });
});
