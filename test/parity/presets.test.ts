import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/use-app.ts";
import { expectSame, type ParityCase, runLive, runnerReport } from "./harness.ts";

// Every base preset, run live and by the scenario runner on the same inputs. Members born 1990-06-01
// (29–30 in the window: the youngest band everywhere), joined on the window's first day, one claim
// diagnosed after the waiting period and decided two days later.
const BORN = "1990-06-01";
const CASES: ParityCase[] = [
  {
    plan: "xianghubao",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-04-30",
    event: "major",
    diagnosed: "2019-04-10",
    decided: "2019-04-12",
    viaApi: 2,
  },
  {
    plan: "shuidi",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-08-05",
    event: "cancer",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
    viaApi: 2,
    poor: { members: 2, deposit: 0.5 },
  },
  {
    plan: "qingsong",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-07-31",
    event: "major",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
  },
  {
    plan: "ehuzhu",
    members: 10,
    born: BORN,
    joined: "2019-07-01",
    to: "2020-01-31",
    event: "cancer",
    diagnosed: "2020-01-10",
    decided: "2020-01-12",
    poor: { members: 2, deposit: 1 },
  },
  {
    plan: "kangai",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-08-05",
    event: "cancer",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
    viaApi: 2,
  },
  {
    plan: "meituan",
    members: 10,
    born: BORN,
    joined: "2019-04-01",
    to: "2019-10-25",
    event: "major",
    diagnosed: "2019-10-05",
    decided: "2019-10-07",
  },
  {
    plan: "bihu",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-07-31",
    event: "severe",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
  },
  {
    plan: "huzhu360",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-04-30",
    event: "severe",
    diagnosed: "2019-04-10",
    decided: "2019-04-12",
  },
  {
    plan: "kuake",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-07-31",
    event: "major",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
  },
  {
    plan: "zhongtuobang",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-07-31",
    event: "major",
    diagnosed: "2019-07-10",
    decided: "2019-07-12",
  },
  {
    plan: "denghuo",
    members: 10,
    born: BORN,
    joined: "2019-11-01",
    to: "2020-02-10",
    event: "major",
    diagnosed: "2020-02-03",
    decided: "2020-02-05",
  },
  {
    plan: "anjia30",
    members: 10,
    born: BORN,
    joined: "2019-01-01",
    to: "2019-04-05",
    event: "death",
    diagnosed: "2019-03-10",
    decided: "2019-03-12",
  },
  // friendsurance (premium pools, no debit cycle): test/parity/premium-pool.test.ts
];

const t = useTestApp({
  nowMs: Date.UTC(2020, 5, 1, 2),
  provider: { failureRate: 0 },
  presets: CASES.map((c) => c.plan),
});

describe("every base preset, live and in the scenario runner", () => {
  for (const c of CASES)
    it(`${c.plan} (${c.members} members): the same disclosures, balances and participation states`, async () => {
      const expected = runnerReport(c);
      const live = await runLive(t, c, expected);
      expectSame(c, live, expected);
      // 水滴's two members holding 0.50 yuan (9 paid at joining, 8.50 withdrawn the same day) are suspended at the collection (under the 1-yuan floor) and
      // lapse on the 16th day after, by the job queue's check that day: 07-12 + 15 days' grace → 07-28
      if (c.plan === "shuidi") {
        const { rows } = await t.db.pool.query(
          "SELECT DISTINCT ended_on::text AS d FROM participations WHERE plan_id = 'shuidi' AND end_reason = 'lapsed'",
        );
        expect(rows).toEqual([{ d: "2019-07-28" }]);
        expect(expected.cohorts[1]).toMatchObject({ ended: 2, balanceFen: 50 });
      }
      // e互助 does not advance: its two members holding 1 yuan fail, and what is paid falls by their shares
      if (c.plan === "ehuzhu") {
        const cycle = expected.cycles.find((x) => x.cases > 0)!;
        expect(cycle.advancedFen).toBe(0);
        expect(cycle.benefitsPaidFen).toBe(cycle.benefitsFen - cycle.failedFen);
        expect(live.memberAdvancesFen).toBe(0);
      }
    });
});
