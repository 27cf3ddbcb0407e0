import { describe, expect, it } from "vitest";
import type { CivilDate } from "../../src/domain/calendar.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import type { Rules } from "../../src/domain/plan/schema.ts";
import {
  type AnnouncedContext,
  afterCycle,
  checkAnnouncedInputs,
  emptyHistory,
  type PlanHistory,
} from "../../src/domain/public-audit/inputs.ts";
import { loadPlanFrom } from "../../src/plans/registry.ts";

/*
 * The public audit recomputes an announcement's inputs from the log's facts (issue 19): each check on
 * the presets' real rules, the honest value passing and the boundary beside it failing.
 */

const rulesOf = (id: string, on: string): Rules => {
  const p = loadPlanFrom(id);
  if (!p.ok) throw new Error(`preset ${id}`);
  return ruleVersionOn(p.value, on as CivilDate)!.rules;
};
const ctx = (monthEndMembers: number, joinFeeDays: string[] = []): AnnouncedContext => ({
  monthEndMembers,
  joinFeeDays: new Set(joinFeeDays),
});
const group = (
  g: Partial<{ weightUnits: number; ytdFen: number; feeFrom: string | null; members: number }>,
) => ({
  weightUnits: 10_000,
  ytdFen: 0,
  feeFrom: null,
  members: 1,
  ...g,
});
const check = (a: Record<string, unknown>, rules: Rules, h: PlanHistory = emptyHistory(), c = ctx(0)) => {
  const problems: string[] = [];
  checkAnnouncedInputs("cycle 9", a, rules, h, c, problems);
  return problems;
};

describe("the public audit recomputes an announcement's inputs from the log", () => {
  const xhb = rulesOf("xianghubao", "2020-03-07");

  it("sponsorPaysAll: true exactly in the wind-down's final cycles (相互宝: 2 after the closing day)", () => {
    const h: PlanHistory = { ...emptyHistory(), closing: { closingOn: "2020-03-01", finalCycles: 2 } };
    const on = (d: string, sponsorPaysAll: boolean) => check({ announcedOn: d, sponsorPaysAll }, xhb, h);
    expect(on("2020-02-21", false)).toEqual([]); // before the closing day
    expect(on("2020-02-21", true)).toEqual([
      "cycle 9: sponsorPaysAll is true in the logged announcement, the log's facts give false (the logged wind-down and the 0 cycles since)",
    ]);
    expect(on("2020-03-07", true)).toEqual([]); // the first final cycle
    h.days.push("2020-03-07");
    expect(on("2020-03-21", true)).toEqual([]); // the second
    h.days.push("2020-03-21");
    expect(on("2020-04-07", true)).toEqual([
      "cycle 9: sponsorPaysAll is true in the logged announcement, the log's facts give false (the logged wind-down and the 2 cycles since)",
    ]);
    // no logged wind-down: never
    expect(check({ announcedOn: "2020-03-07", sponsorPaysAll: true }, xhb)).toHaveLength(1);
  });

  it("the divisor: none under a sharing-members rule; 抗癌公社's month-end members × 80%, within the weights", () => {
    expect(check({ announcedOn: "2020-03-07", denominatorWeightUnits: null }, xhb)).toEqual([]);
    expect(check({ announcedOn: "2020-03-07", denominatorWeightUnits: "10000" }, xhb)).toEqual([
      "cycle 9: denominatorWeightUnits is 10000 in the logged announcement, the log's facts give none (the rules divide by the sharing members)",
    ]);
    const kangai = rulesOf("kangai", "2020-03-07");
    // 10 members at the month's end: 10 × 5,000 × 80% = 40,000 (all children) to 10 × 10,000 × 80% = 80,000
    const div = (units: string) =>
      check({ announcedOn: "2020-03-07", denominatorWeightUnits: units }, kangai, emptyHistory(), ctx(10));
    expect(div("40000")).toEqual([]);
    expect(div("80000")).toEqual([]);
    expect(div("80001")).toEqual([
      "cycle 9: denominatorWeightUnits is 80001 in the logged announcement, the log's facts give 40000–80000 (10 members at the month's end)",
    ]);
    expect(div("39999")).toHaveLength(1);
    expect(div("4e4")).toHaveLength(1);
  });

  it("year-to-date paid: 0 in the year's first cycle, then only what the year's cycles charged", () => {
    const h = emptyHistory();
    const first = { announcedOn: "2020-01-07", groups: [group({ ytdFen: 0, members: 3 })] };
    expect(check(first, xhb, h)).toEqual([]);
    expect(check({ ...first, groups: [group({ ytdFen: 1 })] }, xhb, h)).toEqual([
      "cycle 9: a group's ytdFen is 1 in the logged announcement, the log's facts give one of 0 fen (what the year's earlier cycles charged)",
    ]);
    // the first cycle charged its group 463 fen: its members have paid 0 or 463 since
    afterCycle(h, first, { shares: [{ shareFen: 463 }] } as never);
    const second = { announcedOn: "2020-01-21", groups: [group({ ytdFen: 463 }), group({ ytdFen: 0 })] };
    expect(check(second, xhb, h)).toEqual([]);
    expect(check({ ...second, groups: [group({ ytdFen: 462 })] }, xhb, h)).toHaveLength(1);
    // a new year starts from 0 again
    afterCycle(h, second, { shares: [{ shareFen: 100 }, { shareFen: 100 }] } as never);
    expect(check({ announcedOn: "2021-01-07", groups: [group({ ytdFen: 563 })] }, xhb, h)).toHaveLength(1);
    expect(check({ announcedOn: "2020-02-07", groups: [group({ ytdFen: 563 })] }, xhb, h)).toEqual([]);
  });

  it("fee dates: none without periodic fees; else an earlier cycle's day or the day before a join", () => {
    expect(check({ announcedOn: "2020-01-07", groups: [group({ feeFrom: "2019-12-31" })] }, xhb)).toEqual([
      "cycle 9: a group's feeFrom is 2019-12-31 in the logged announcement, the log's facts give none (the rules charge no periodic fee)",
    ]);
    const kuake = rulesOf("kuake", "2020-03-07");
    const h: PlanHistory = {
      ...emptyHistory(),
      days: ["2020-02-07"],
      previous: { announcedOn: "2020-02-07", sharingMembers: 2 },
    };
    const c = ctx(0, ["2020-02-14"]);
    const fees = (groups: ReturnType<typeof group>[]) =>
      check({ announcedOn: "2020-03-07", groups }, kuake, h, c);
    expect(fees([group({ feeFrom: "2020-02-07", members: 2 }), group({ feeFrom: "2020-02-14" })])).toEqual(
      [],
    );
    expect(fees([group({ feeFrom: "2020-02-10" })])).toEqual([
      "cycle 9: a group's feeFrom is 2020-02-10 in the logged announcement, the log's facts give an earlier cycle's day, or the day before a sharing member joined",
    ]);
    expect(fees([group({ feeFrom: null })])).toHaveLength(1);
    // more members charged from the previous cycle than shared in it
    expect(fees([group({ feeFrom: "2020-02-07", members: 3 })])).toEqual([
      "cycle 9: the members whose fee runs from the previous cycle is 3 in the logged announcement, the log's facts give at most the 2 who shared in it",
    ]);
  });
});
