import { describe, expect, it } from "vitest";
import { civilDate as d } from "../../../src/domain/calendar.ts";
import { type Findings, judge, standingAt, storedDecision } from "../../../src/domain/claim/decision.ts";
import { reasonText, why } from "../../../src/domain/claim/reasons.ts";
import type { Fen } from "../../../src/domain/money.ts";
import type { ClaimDecision } from "../../../src/domain/plan/decision.ts";

const approvedWhy = why("approved", { ruleVersion: d("2020-01-01"), phaseInBp: 10_000, membershipDay: 400 });
const APPROVED_TEXT =
  "approved under the rules of 2020-01-01: 100% of the scheduled amount on membership day 400";
const approved: ClaimDecision = {
  approved: true,
  ruleVersion: d("2020-01-01"),
  benefitFen: 30_000_000 as Fen,
  scheduleFen: 30_000_000 as Fen,
  phaseInBp: 10_000,
  why: approvedWhy,
  explanation: reasonText(approvedWhy),
  endsParticipation: true,
};
const waitingWhy = why("waiting_period", {
  diagnosedOn: d("2020-02-01"),
  waitingDays: 90,
  coveredFrom: d("2020-03-31"),
});
const WAITING_TEXT =
  "diagnosed on 2020-02-01, inside the 90-day waiting period (cover from 2020-03-31); the participation ends";
const waiting: ClaimDecision = {
  approved: false,
  ruleVersion: d("2020-01-01"),
  reason: "waiting_period",
  why: waitingWhy,
  explanation: reasonText(waitingWhy),
  endsParticipation: true,
};
const sound: Findings = { diagnosisProven: true, preExisting: false, falseClaim: false };

describe("judge: the findings before the rules", () => {
  it("sound findings leave the rules' decision as it is, approval or refusal", () => {
    expect(judge(approved, sound, "looks fine")).toBe(approved);
    expect(judge(waiting, sound, "")).toBe(waiting);
  });

  it("a false claim refuses, ends the participation, and keeps the rules' version; the note is appended", () => {
    expect(judge(approved, { ...sound, falseClaim: true }, "forged report")).toEqual({
      approved: false,
      ruleVersion: "2020-01-01",
      reason: "false_claim",
      why: { code: "false_claim", params: { note: "forged report" } },
      explanation: "the claim was found false; the deposit is forfeited (forged report)",
      endsParticipation: true,
    });
  });

  it("an unproven diagnosis refuses without ending the participation; an empty note adds nothing", () => {
    expect(judge(approved, { ...sound, diagnosisProven: false }, "")).toEqual({
      approved: false,
      ruleVersion: "2020-01-01",
      reason: "not_proven",
      why: { code: "not_proven", params: { note: "" } },
      explanation: "the documents do not prove the diagnosis",
      endsParticipation: false,
    });
  });

  it("a false claim wins over an unproven diagnosis, and over a refusal by the rules", () => {
    const both = judge(waiting, { diagnosisProven: false, preExisting: false, falseClaim: true }, "");
    expect(both).toMatchObject({ approved: false, reason: "false_claim", endsParticipation: true });
  });

  it("a refusal by the rules without a version (no rules in force) keeps the null version", () => {
    const none: ClaimDecision = { ...waiting, reason: "not_covered", ruleVersion: null } as ClaimDecision;
    expect(judge(none, { ...sound, diagnosisProven: false }, "")).toMatchObject({ ruleVersion: null });
  });
});

describe("standingAt the diagnosis date", () => {
  const on = d("2020-06-01");
  it("ended on the diagnosis day is ended; ended the day after is still active that day", () => {
    expect(standingAt({ status: "ended", suspendedOn: null, endedOn: d("2020-06-01") }, on)).toBe("ended");
    expect(standingAt({ status: "ended", suspendedOn: null, endedOn: d("2020-06-02") }, on)).toBe("active");
  });

  it("suspended the day before is suspended; suspended the day after is active on the day", () => {
    expect(standingAt({ status: "suspended", suspendedOn: d("2020-05-31"), endedOn: null }, on)).toBe(
      "suspended",
    );
    expect(standingAt({ status: "suspended", suspendedOn: d("2020-06-01"), endedOn: null }, on)).toBe(
      "suspended",
    );
    expect(standingAt({ status: "suspended", suspendedOn: d("2020-06-02"), endedOn: null }, on)).toBe(
      "active",
    );
  });

  it("a suspension since lifted (status active again) reads as active; an end wins over a suspension", () => {
    expect(standingAt({ status: "active", suspendedOn: d("2020-05-01"), endedOn: null }, on)).toBe("active");
    expect(standingAt({ status: "ended", suspendedOn: d("2020-05-01"), endedOn: d("2020-05-15") }, on)).toBe(
      "ended",
    );
  });
});

describe("storedDecision", () => {
  it("keeps the amounts of an approval and no reason", () => {
    expect(storedDecision(approved, "jury")).toEqual({
      approved: true,
      reason: null,
      explanation: APPROVED_TEXT,
      reasonCode: "approved",
      reasonParams: { ruleVersion: "2020-01-01", phaseInBp: 10_000, membershipDay: 400 },
      benefitFen: 30_000_000,
      scheduleFen: 30_000_000,
      phaseInBp: 10_000,
      ruleVersion: "2020-01-01",
      by: "jury",
    });
  });

  it("keeps the reason of a refusal and no amounts", () => {
    expect(storedDecision(waiting, "reviewer")).toEqual({
      approved: false,
      reason: "waiting_period",
      explanation: WAITING_TEXT,
      reasonCode: "waiting_period",
      reasonParams: { diagnosedOn: "2020-02-01", waitingDays: 90, coveredFrom: "2020-03-31" },
      benefitFen: null,
      scheduleFen: null,
      phaseInBp: null,
      ruleVersion: "2020-01-01",
      by: "reviewer",
    });
  });
});
