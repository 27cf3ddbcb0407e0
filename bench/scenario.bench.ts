import { addDays, civilDate } from "../src/domain/calendar.ts";
import { loadPlan } from "../src/domain/plan/document.ts";
import { parseScenario } from "../src/sim/scenario/input.ts";
import { runScenario } from "../src/sim/scenario/run.ts";
import { fmt, median, timed } from "./support.ts";

/**
 * Issue 3's benchmark: a scenario of 100 million members in 10 cohorts over 24 cycles (a year of a
 * semi-monthly plan), target under 1 second. Baseline in the same run: the same scenario with one
 * cohort of 1,000 members, so the ratio shows the cost does not grow with the member count.
 */
export async function run(args: string[]): Promise<void> {
  const repeats = Number(args[0] ?? 5);
  const plan = loadPlan({
    id: "bench",
    name: "bench",
    versions: [
      {
        effective: "2018-01-01",
        rules: {
          eventClasses: [{ id: "cancer", name: "cancer" }],
          eligibility: { ageAtJoining: { maxYears: 59 } },
          waiting: [{ days: 90 }],
          benefits: {
            ageBasis: "joining",
            schedule: [{ event: "cancer", benefit: { kind: "fixed", amount: 300000 } }],
          },
          fees: [{ kind: "percentOfBenefit", percent: 8 }],
          apportionment: {
            calendar: { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] },
            weights: [{ ages: { to: 17 }, weight: "0.5" }],
            caps: {
              perCase: { amount: "0.10", excessBorneBy: "benefit" },
              perYear: { amount: 188, excessBorneBy: "sponsor" },
            },
          },
          funding: { mode: "postPaid" },
        },
      },
    ],
  });
  if (!plan.ok) throw new Error(JSON.stringify(plan.error));
  const scenario = (members: number) => {
    const cohorts = Array.from({ length: 10 }, (_, i) => ({
      name: `c${i}`,
      count: Math.floor(members / 10),
      born: `${1960 + i * 5}-03-01`,
      joined: "2019-01-01",
      failures: i === 3 ? ["2020-03-14"] : [],
    }));
    // 1,000 cases a cycle: one claim group per cycle from a rotating cohort
    const claims = Array.from({ length: 24 }, (_, k) => ({
      cohort: `c${k % 10}`,
      count: Math.min(1000, Math.floor(members / 10 / 30)) || 1,
      event: "cancer",
      diagnosed: addDays(civilDate("2020-01-01"), k * 15),
    }));
    const s = parseScenario({ plan: "bench", from: "2020-01-01", to: "2020-12-31", cohorts, claims });
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    return s.value;
  };
  const big = scenario(100_000_000);
  const small = scenario(1_000 * 10);
  runScenario(big, plan.value); // warm-up (JIT)
  const bigTimes: number[] = [];
  const smallTimes: number[] = [];
  let cycles = 0;
  for (let i = 0; i < repeats; i++) {
    const b = await timed(() => runScenario(big, plan.value));
    cycles = b.value.cycles.length;
    bigTimes.push(b.seconds);
    smallTimes.push((await timed(() => runScenario(small, plan.value))).seconds);
  }
  const bigS = median(bigTimes);
  const smallS = median(smallTimes);
  process.stdout.write(
    [
      "scenario: 100,000,000 members in 10 cohorts, 24 claim groups, one year of a semi-monthly plan",
      `  cycles run:              ${cycles}`,
      `  100M members (median):   ${fmt(bigS)} s   (target < 1 s)`,
      `  10k members (baseline):  ${fmt(smallS)} s`,
      `  ratio 100M / 10k:        ${fmt(bigS / smallS, 2)}×  (the work grows with cases — 1,000 vs 33 per claim group — not with members)`,
      "",
    ].join("\n"),
  );
}
