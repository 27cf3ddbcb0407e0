import { describe, expect, it } from "vitest";
import { civilDate as d } from "../../../src/domain/calendar.ts";
import {
  addWorkingDays,
  appealDueOn,
  CLAIM_ACTIONS,
  CLAIM_STATES,
  checkAppealWindow,
  checkObjectionWindow,
  checkReportDeadline,
  documentsDueOn,
  isAppealable,
  isClosed,
  nextState,
  publicityEndsOn,
  reviewDueOn,
} from "../../../src/domain/claim/state.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

const rules = mustLoad(planDoc(mutualRules())).versions[0]!.rules;

describe("the claim state machine", () => {
  it("walks the happy path from report to payment", () => {
    const path: Array<[string, string]> = [
      ["reported", "upload"],
      ["documents", "submit"],
      ["review", "investigate"],
      ["investigation", "approve"],
      ["announcement", "share"],
      ["sharing", "pay"],
    ];
    let s = "reported";
    for (const [from, action] of path) {
      expect(s).toBe(from);
      const r = nextState(s as never, action as never);
      if (!r.ok) throw new Error(r.error.message);
      s = r.value;
    }
    expect(s).toBe("paid");
  });

  it("an objection sends an announced case back to review; an appeal leads to the jury", () => {
    expect(nextState("announcement", "object")).toEqual({ ok: true, value: "review" });
    expect(nextState("rejected", "appeal")).toEqual({ ok: true, value: "appeal" });
    expect(nextState("appeal", "overturn")).toEqual({ ok: true, value: "announcement" });
    expect(nextState("appeal", "uphold")).toEqual({ ok: true, value: "rejected" });
  });

  it("refuses a move the state does not allow, naming the allowed ones", () => {
    const r = nextState("reported", "approve");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("claim_wrong_state");
      expect(r.error.message).toContain("upload, withdraw, lapse");
    }
    const paid = nextState("paid", "withdraw");
    expect(!paid.ok && paid.error.message).toContain("closed");
  });

  it("paid, withdrawn and lapsed are closed; nothing leaves them", () => {
    const closed = CLAIM_STATES.filter(isClosed);
    expect(closed).toEqual(["paid", "withdrawn", "lapsed"]);
    for (const s of closed) for (const a of CLAIM_ACTIONS) expect(nextState(s, a).ok).toBe(false);
  });

  it("only findings are appealable, not the rules' own refusals", () => {
    expect(isAppealable("not_proven")).toBe(true);
    expect(isAppealable("false_claim")).toBe(true);
    expect(isAppealable("waiting_period")).toBe(false);
    expect(isAppealable("late_report")).toBe(false);
  });
});

describe("deadlines", () => {
  it("a report on day 30 after the diagnosis is in time, day 31 is late", () => {
    // diagnosed 2020-03-01: day 30 after is 03-31, day 31 is 04-01
    const on30 = checkReportDeadline(rules, {
      diagnosedOn: d("2020-03-01"),
      reportedOn: d("2020-03-31"),
      afterDeath: false,
    });
    expect(on30).toEqual({ ok: true, value: { deadline: "2020-03-31" } });
    const on31 = checkReportDeadline(rules, {
      diagnosedOn: d("2020-03-01"),
      reportedOn: d("2020-04-01"),
      afterDeath: false,
    });
    expect(on31.ok).toBe(false);
    expect(!on31.ok && on31.error.code).toBe("claim_deadline_passed");
    expect(!on31.ok && on31.error.message).toContain("31 days");
  });

  it("an heir has 90 days after a death: day 90 in time, day 91 late", () => {
    // 2020-03-01 + 90 days = 2020-05-30 (March 30 left + April 30 + May 30)
    const base = { diagnosedOn: d("2020-03-01"), afterDeath: true };
    expect(checkReportDeadline(rules, { ...base, reportedOn: d("2020-05-30") }).ok).toBe(true);
    expect(checkReportDeadline(rules, { ...base, reportedOn: d("2020-05-31") }).ok).toBe(false);
  });

  it("a diagnosis after the report date is bad input", () => {
    const r = checkReportDeadline(rules, {
      diagnosedOn: d("2020-03-02"),
      reportedOn: d("2020-03-01"),
      afterDeath: false,
    });
    expect(!r.ok && r.error.field).toBe("diagnosedOn");
  });

  it("documents are due 7 days after the report", () => {
    expect(documentsDueOn(rules, d("2020-03-01"))).toBe("2020-03-08");
  });

  it("review limits count working days: 30 from Friday 2020-03-06 is Friday 2020-04-17", () => {
    // 6 weeks of 5 working days = 30 working days → the same weekday six weeks later
    expect(reviewDueOn(rules, d("2020-03-06"), "clear")).toBe("2020-04-17");
    // 60 working days = 12 weeks → 2020-05-29; 90 = 18 weeks → 2020-07-10
    expect(reviewDueOn(rules, d("2020-03-06"), "complex")).toBe("2020-05-29");
    expect(reviewDueOn(rules, d("2020-03-06"), "veryComplex")).toBe("2020-07-10");
    // from Saturday 03-07, the first working day is Monday 03-09
    expect(addWorkingDays(d("2020-03-07"), 1)).toBe("2020-03-09");
  });

  it("objections run from publication through the 15th day; sharing starts the day after", () => {
    const ends = publicityEndsOn(rules, d("2020-03-01"));
    expect(ends).toBe("2020-03-16");
    expect(checkObjectionWindow(d("2020-03-01"), ends, d("2020-03-15")).ok).toBe(true);
    const late = checkObjectionWindow(d("2020-03-01"), ends, d("2020-03-16"));
    expect(!late.ok && late.error.code).toBe("claim_deadline_passed");
  });

  it("an appeal is possible through the 15th day after the decision", () => {
    const due = appealDueOn(rules, d("2020-03-01"));
    expect(due).toBe("2020-03-16");
    expect(checkAppealWindow(due, d("2020-03-16")).ok).toBe(true);
    expect(checkAppealWindow(due, d("2020-03-17")).ok).toBe(false);
  });
});
