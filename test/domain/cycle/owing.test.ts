import { describe, expect, it } from "vitest";
import type { CivilDate } from "../../../src/domain/calendar.ts";
import { type MembershipFact, participationsOwingShares } from "../../../src/domain/cycle/owing.ts";

let index = 0;
const fact = (kind: string, fields: Record<string, unknown>): MembershipFact => ({
  index: index++,
  kind,
  ...fields,
});
const join = (p: number, joinedOn: string, plan = "x") =>
  fact("join", { member: `m${p}`, plan, participation: p, joinedOn, coveredFrom: "2020-09-01" });
const on = (kind: string, p: number, date: string) =>
  fact(kind, { member: `m${p}`, plan: "x", participation: p, on: date });
const owing = (facts: MembershipFact[], announcedOn: string, beforeIndex?: number) =>
  participationsOwingShares(facts, {
    plan: "x",
    announcedOn: announcedOn as CivilDate,
    ...(beforeIndex === undefined ? {} : { beforeIndex }),
  }).owing.map((o) => o.participation);

describe("the participations that owe a share on an announcement date, from the log", () => {
  it("counts members in their waiting period, not those joined on the day, another plan's, ended or suspended ones", () => {
    index = 0;
    const facts = [
      fact("rule_version", { plan: "x", effective: "2020-01-01", rulesSha256: "aa" }),
      join(1, "2020-06-01"), // in the waiting period on 06-07 (covered from 09-01): shares
      join(2, "2020-06-07"), // joined on the day: not yet
      join(3, "2020-05-01", "y"), // another plan
      join(4, "2020-05-01"),
      on("exit", 4, "2020-06-03"), // ended before the date
      join(5, "2020-05-01"),
      on("exit", 5, "2020-06-20"), // an exit dated after the date: still shares
      join(6, "2020-05-01"),
      on("suspension", 6, "2020-06-02"), // suspended
      join(7, "2020-05-01"),
      on("suspension", 7, "2020-06-02"),
      on("resumption", 7, "2020-06-05"), // resumed before the date: shares
      join(8, "2020-05-01"),
      on("suspension", 8, "2020-06-01"),
      on("lapse", 8, "2020-06-06"), // lapsed
      fact("transfer", { member: "m9", fromPlan: "y", toPlan: "x", participation: 9, on: "2020-06-01" }),
      fact("rule_version", { plan: "x", effective: "2020-06-05", rulesSha256: "bb" }),
      fact("rule_version", { plan: "x", effective: "2020-07-01", rulesSha256: "cc" }), // not yet in force
    ];
    const r = participationsOwingShares(facts, { plan: "x", announcedOn: "2020-06-07" as CivilDate });
    expect(r.owing.map((o) => o.participation)).toEqual([1, 5, 7, 9]);
    expect(r.owing[0]).toEqual({ participation: 1, member: "m1", joinIndex: 1 });
    expect(r.ruleVersion).toEqual({ effective: "2020-06-05", rulesSha256: "bb" });
  });

  it("leaves out what was logged at or after the announcement, such as a suspension later that day", () => {
    index = 0;
    const facts = [
      join(1, "2020-05-01"),
      fact("announcement", { cycle: 1 }),
      on("suspension", 1, "2020-06-07"),
    ];
    expect(owing(facts, "2020-06-07")).toEqual([]);
    expect(owing(facts, "2020-06-07", 1)).toEqual([1]);
  });

  it("owes nothing on an empty log", () => {
    expect(participationsOwingShares([], { plan: "x", announcedOn: "2020-06-07" as CivilDate })).toEqual({
      ruleVersion: null,
      owing: [],
    });
  });
});
