import { describe, expect, it } from "vitest";
import { civilDate } from "../../../src/domain/calendar.ts";
import { fen } from "../../../src/domain/money.ts";
import { benefitFor } from "../../../src/domain/plan/benefit.ts";
import { cycleDates, nextAnnouncementOnOrAfter } from "../../../src/domain/plan/cycle-calendar.ts";
import { checkEligibility } from "../../../src/domain/plan/eligibility.ts";
import { caseFeeFen, collectionFeeFen, depositFeeFen, memberFeeFen } from "../../../src/domain/plan/fees.ts";
import { balanceStanding, graceEndsOn } from "../../../src/domain/plan/funding.ts";
import { coveredFrom, membershipDay, phaseInBp, waitingDaysFor } from "../../../src/domain/plan/waiting.ts";
import { formatWeight, weightUnitsFor } from "../../../src/domain/plan/weights.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

const d = civilDate;
const rulesOf = (overrides: Parameters<typeof mutualRules>[0] = {}) =>
  mustLoad(planDoc(mutualRules(overrides))).versions[0]!.rules;

describe("eligibility at joining", () => {
  const rules = rulesOf({
    eligibility: {
      ageAtJoining: { minDays: 30, maxYears: 17 },
      healthDeclaration: { version: "v1", questions: [{ id: "cancer", text: "曾患恶性肿瘤" }] },
      invitationRequired: true,
      excludedOccupations: ["高空作业"],
    },
  });
  const ok = { sex: "male" as const, answers: { cancer: false }, invitationCode: "ABC" };

  it("admits a baby on day 30 and not day 29", () => {
    expect(checkEligibility(rules, { ...ok, birthDate: d("2020-01-01"), joinDate: d("2020-01-31") }).ok).toBe(
      true,
    ); // 30 days
    const r = checkEligibility(rules, { ...ok, birthDate: d("2020-01-01"), joinDate: d("2020-01-30") });
    expect(r.ok || r.error.code).toBe("age_limit");
  });

  it("admits a 17-year-old the day before the 18th birthday, not on it", () => {
    expect(checkEligibility(rules, { ...ok, birthDate: d("2002-06-15"), joinDate: d("2020-06-14") }).ok).toBe(
      true,
    );
    expect(checkEligibility(rules, { ...ok, birthDate: d("2002-06-15"), joinDate: d("2020-06-15") }).ok).toBe(
      false,
    );
  });

  it("refuses a yes in the health declaration, a missing answer, an excluded occupation, a missing invitation", () => {
    const base = { ...ok, birthDate: d("2010-01-01"), joinDate: d("2020-01-01") };
    const code = (r: ReturnType<typeof checkEligibility>) => (r.ok ? "ok" : r.error.code);
    expect(code(checkEligibility(rules, { ...base, answers: { cancer: true } }))).toBe("health_declaration");
    expect(code(checkEligibility(rules, { ...base, answers: {} }))).toBe("declaration_incomplete");
    expect(code(checkEligibility(rules, { ...base, occupation: "高空作业" }))).toBe("occupation_excluded");
    expect(code(checkEligibility(rules, { ...base, invitationCode: undefined }))).toBe("invitation_required");
    expect(code(checkEligibility(rules, { ...base, tier: "gold" }))).toBe("unknown_tier");
  });
});

describe("waiting periods and phase-in", () => {
  const rules = rulesOf({
    waiting: [
      { days: 7, events: ["major"] },
      { days: 180, ages: { to: 39 } },
      { days: 365, ages: { from: 40 } },
    ],
    phaseIn: [
      { fromMembershipDay: 181, percent: 50 },
      { fromMembershipDay: 271, percent: 75 },
      { fromMembershipDay: 361, percent: 100 },
    ],
  });

  it("chooses the waiting days by event class and by age band at joining (抗癌公社: 0–39 180, 40+ 365)", () => {
    expect(waitingDaysFor(rules, 39, "cancer")).toBe(180);
    expect(waitingDaysFor(rules, 40, "cancer")).toBe(365);
    expect(waitingDaysFor(rules, 40, "major")).toBe(7);
  });

  it("starts cover the day after the waiting period's last day", () => {
    // joined 2020-01-01, 180 days: waiting 01-01 … 06-28 (2020 is leap: 31+29+31+30+31+28 = 180), cover 06-29
    expect(coveredFrom(d("2020-01-01"), 180)).toBe("2020-06-29");
    expect(membershipDay(d("2020-01-01"), d("2020-06-29"))).toBe(181);
  });

  it("steps the payable fraction at days 181, 271 and 361 (e互助)", () => {
    expect(phaseInBp(rules, 180)).toBe(0);
    expect(phaseInBp(rules, 181)).toBe(5000);
    expect(phaseInBp(rules, 270)).toBe(5000);
    expect(phaseInBp(rules, 271)).toBe(7500);
    expect(phaseInBp(rules, 360)).toBe(7500);
    expect(phaseInBp(rules, 361)).toBe(10_000);
  });

  it("pays the phased fraction of the scheduled benefit", () => {
    const q = {
      event: "cancer",
      tier: "standard",
      ageAtJoining: 30,
      ageAtDiagnosis: 30,
      ownContributionsFen: fen(0),
      effectiveMembers: 0,
    };
    const at = (day: number) => {
      const r = benefitFor(rules, { ...q, membershipDay: day });
      return r.ok ? r.value.benefitFen : null;
    };
    expect(at(181)).toBe(15_000_000); // 50% of 300,000 yuan
    expect(at(271)).toBe(22_500_000); // 75%
    expect(at(361)).toBe(30_000_000);
  });
});

describe("benefit schedules", () => {
  const q = {
    event: "cancer",
    tier: "standard",
    membershipDay: 400,
    ownContributionsFen: fen(0),
    effectiveMembers: 0,
  };

  it("uses the age band at joining: 39 gets 300,000, 40 gets 100,000 (相互宝)", () => {
    const rules = rulesOf();
    const at = (age: number) => {
      const r = benefitFor(rules, { ...q, ageAtJoining: age, ageAtDiagnosis: age + 5 });
      return r.ok ? r.value.benefitFen : r.error.code;
    };
    expect(at(39)).toBe(30_000_000);
    expect(at(40)).toBe(10_000_000);
    expect(at(60)).toBe("age_limit");
  });

  it("computes the formula kinds of the seeds", () => {
    const rules = rulesOf({
      benefits: {
        ageBasis: "diagnosis",
        schedule: [
          {
            event: "cancer",
            ages: { to: 17 },
            benefit: { kind: "perEffectiveMember", perMember: 10, max: 300000 },
          },
          {
            event: "cancer",
            ages: { from: 18, to: 59 },
            benefit: { kind: "basePlusContributions", base: 30000, multiplier: 5 },
          },
          {
            event: "cancer",
            ages: { from: 60 },
            benefit: { kind: "refundBeforeObservation", observationDays: 1095, amount: 300000 },
          },
        ],
      },
    });
    const at = (age: number, more: Partial<typeof q> = {}) => {
      const r = benefitFor(rules, { ...q, ageAtJoining: age, ageAtDiagnosis: age, ...more });
      return r.ok ? r.value.benefitFen : r.error.code;
    };
    expect(at(10, { effectiveMembers: 12_345 })).toBe(12_345_000); // 10 yuan × 12,345 = 123,450 yuan
    expect(at(10, { effectiveMembers: 40_000 })).toBe(30_000_000); // 400,000 capped at 300,000
    expect(at(18, { ownContributionsFen: fen(12_345) })).toBe(3_061_725); // 30,000 yuan + 5 × 123.45 = 30,617.25
    expect(at(70, { membershipDay: 1095, ownContributionsFen: fen(54_321) })).toBe(54_321); // refund inside 3 years
    expect(at(70, { membershipDay: 1096, ownContributionsFen: fen(54_321) })).toBe(30_000_000);
  });
});

describe("management fees", () => {
  it("takes 8% of a benefit", () => {
    expect(caseFeeFen(rulesOf(), fen(30_000_000))).toBe(2_400_000);
  });

  it("takes 抗癌公社's tiered amounts at the band edges, plus 1% of the collection", () => {
    const rules = rulesOf({
      fees: [
        {
          kind: "tieredPerCase",
          bands: [
            { benefitUpTo: "19999.99", fee: 0 },
            { benefitUpTo: 50000, fee: 500 },
            { benefitUpTo: 100000, fee: 1000 },
            { benefitUpTo: 150000, fee: 1500 },
            { fee: 1500 },
          ],
        },
        { kind: "percentOfCollection", percent: 1 },
      ],
    });
    expect(caseFeeFen(rules, fen(1_999_999))).toBe(0);
    expect(caseFeeFen(rules, fen(2_000_000))).toBe(50_000); // 20,000 yuan → 500
    expect(caseFeeFen(rules, fen(5_000_000))).toBe(50_000); // 50,000 is still the 500 band
    expect(caseFeeFen(rules, fen(5_000_001))).toBe(100_000);
    expect(collectionFeeFen(rules, fen(12_345))).toBe(123); // 1% of 123.45 = 1.2345 → 1.23
  });

  it("accrues periodic fees: 1 yuan per month entered, 0.01 per day", () => {
    const monthly = rulesOf({ fees: [{ kind: "perMemberMonthly", amount: 1 }] });
    expect(memberFeeFen(monthly, d("2020-01-07"), d("2020-01-21"))).toBe(0); // no month starts in (01-07, 01-21]
    expect(memberFeeFen(monthly, d("2020-01-21"), d("2020-02-07"))).toBe(100); // 02-01
    expect(memberFeeFen(monthly, d("2019-12-31"), d("2020-03-01"))).toBe(300); // 01-01, 02-01, 03-01
    const daily = rulesOf({ fees: [{ kind: "perMemberDaily", amount: "0.01" }] });
    expect(memberFeeFen(daily, d("2020-01-31"), d("2020-03-01"))).toBe(30); // 29 + 1 days
    const deposit = rulesOf({ fees: [{ kind: "percentOfDeposits", percent: 2 }] });
    expect(depositFeeFen(deposit, fen(1000))).toBe(20); // 2% of 10 yuan
  });
});

describe("cycle calendars", () => {
  it("announces on the 7th and 21st and collects on the 14th and 28th (相互宝)", () => {
    const rules = rulesOf();
    expect(cycleDates(rules.apportionment.calendar, d("2020-01-08"), d("2020-02-07"))).toEqual([
      { announcedOn: "2020-01-21", collectOn: "2020-01-28" },
      { announcedOn: "2020-02-07", collectOn: "2020-02-14" },
    ]);
    expect(nextAnnouncementOnOrAfter(rules.apportionment.calendar, d("2020-01-21")).announcedOn).toBe(
      "2020-01-21",
    );
    expect(nextAnnouncementOnOrAfter(rules.apportionment.calendar, d("2020-01-22")).announcedOn).toBe(
      "2020-02-07",
    );
  });

  it("clamps a monthly day 31 to the month's end, and runs per event on decision days", () => {
    const cal = { kind: "monthly" as const, announceDay: 31, collectAfterDays: 5 };
    expect(cycleDates(cal, d("2021-02-01"), d("2021-04-30")).map((c) => c.announcedOn)).toEqual([
      "2021-02-28",
      "2021-03-31",
      "2021-04-30",
    ]);
    const perEvent = { kind: "perEvent" as const, collectAfterDays: 0 };
    expect(
      cycleDates(perEvent, d("2020-01-01"), d("2020-01-31"), [
        d("2020-01-09"),
        d("2020-01-03"),
        d("2020-02-01"),
      ]),
    ).toEqual([
      { announcedOn: "2020-01-03", collectOn: "2020-01-03" },
      { announcedOn: "2020-01-09", collectOn: "2020-01-09" },
    ]);
  });
});

describe("weights and prepaid balances", () => {
  it("weighs minors 0.5 up to the day before their 18th birthday", () => {
    const rules = rulesOf({
      apportionment: { calendar: { kind: "perEvent" }, weights: [{ ages: { to: 17 }, weight: "0.5" }] },
    });
    expect(formatWeight(weightUnitsFor(rules, 17))).toBe("0.5");
    expect(formatWeight(weightUnitsFor(rules, 18))).toBe("1");
  });

  it("suspends a balance under the floor, not one exactly at it, and ends after the grace days", () => {
    const funding = rulesOf({
      funding: { mode: "prepaid", initialDeposit: 9, floor: 1, graceDays: 15 },
    }).funding;
    expect(balanceStanding(funding, fen(100))).toBe("covered"); // exactly 1 yuan
    expect(balanceStanding(funding, fen(99))).toBe("suspended");
    expect(graceEndsOn(funding, d("2020-01-10"))).toBe("2020-01-25"); // last day to top up; ends 01-26
  });
});
