import { describe, expect, it } from "vitest";
import { civilDate as d } from "../../../src/domain/calendar.ts";
import type { Fen } from "../../../src/domain/money.ts";
import { type ClaimFacts, decideClaim } from "../../../src/domain/plan/decision.ts";
import { loadPlanFrom } from "../../../src/plans/registry.ts";
import { mustLoad, mutualRules, planDoc } from "../../support/plan-fixtures.ts";

const plan = mustLoad(planDoc(mutualRules()));
const facts = (over: Partial<ClaimFacts>): ClaimFacts => ({
  event: "cancer",
  diagnosedOn: d("2020-06-01"),
  reportedOn: d("2020-06-05"),
  afterDeath: false,
  preExisting: false,
  birthDate: d("1990-05-05"),
  joinedOn: d("2020-01-01"),
  tier: "standard",
  standing: "active",
  ownContributionsFen: 0 as Fen,
  effectiveMembers: 1000,
  ...over,
});

describe("decideClaim at every boundary", () => {
  it("the last day of the waiting period refuses and ends the participation; the first day after pays", () => {
    // joined 2020-01-01 with 90 days: waiting is 01-01 … 03-30 (31 + 29 + 30 = 90 days), cover from 03-31
    const last = decideClaim(plan, facts({ diagnosedOn: d("2020-03-30"), reportedOn: d("2020-04-02") }));
    expect(last).toMatchObject({ approved: false, reason: "waiting_period", endsParticipation: true });
    const first = decideClaim(plan, facts({ diagnosedOn: d("2020-03-31"), reportedOn: d("2020-04-02") }));
    // aged 29 at joining, standard tier, cancer: 300,000 yuan = 30,000,000 fen
    expect(first).toMatchObject({ approved: true, benefitFen: 30_000_000 });
  });

  it("an age-band birthday: 39 at joining gets the younger band, 40 the older", () => {
    // joined 2019-03-09: born 1979-03-10 is 39 that day (40 tomorrow) → 300,000 yuan;
    // born 1979-03-09 turns 40 on the joining day → 100,000 yuan
    const at = { joinedOn: d("2019-03-09"), diagnosedOn: d("2020-03-01"), reportedOn: d("2020-03-05") };
    const young = decideClaim(plan, facts({ ...at, birthDate: d("1979-03-10") }));
    expect(young).toMatchObject({ approved: true, benefitFen: 30_000_000 });
    const older = decideClaim(plan, facts({ ...at, birthDate: d("1979-03-09") }));
    expect(older).toMatchObject({ approved: true, benefitFen: 10_000_000 });
  });

  it("with the age at diagnosis as basis, the birthday itself moves the band", () => {
    const p = mustLoad(
      planDoc(
        mutualRules({
          benefits: { ...mutualRules().benefits, ageBasis: "diagnosis" } as never,
        }),
      ),
    );
    // born 1980-06-01, joined 2019-01-01: diagnosed 2020-05-31 aged 39 → 300,000; 2020-06-01 aged 40 → 100,000
    const base = { birthDate: d("1980-06-01"), joinedOn: d("2019-01-01"), reportedOn: d("2020-06-05") };
    expect(decideClaim(p, facts({ ...base, diagnosedOn: d("2020-05-31") }))).toMatchObject({
      benefitFen: 30_000_000,
    });
    expect(decideClaim(p, facts({ ...base, diagnosedOn: d("2020-06-01") }))).toMatchObject({
      benefitFen: 10_000_000,
    });
  });

  it("the phase-in steps: day 180 nothing, 181 half, 271 three quarters, 361 all", () => {
    // e互助-like steps, no waiting period; joined 2019-01-01 is membership day 1
    const p = mustLoad(
      planDoc(
        mutualRules({
          waiting: [],
          phaseIn: [
            { fromMembershipDay: 181, percent: 50 },
            { fromMembershipDay: 271, percent: 75 },
            { fromMembershipDay: 361, percent: 100 },
          ],
        }),
      ),
    );
    const on = (day: number) => {
      const diagnosedOn = d(new Date(Date.UTC(2019, 0, day)).toISOString().slice(0, 10));
      return decideClaim(p, facts({ joinedOn: d("2019-01-01"), diagnosedOn, reportedOn: diagnosedOn }));
    };
    expect(on(180)).toMatchObject({ approved: false, reason: "phase_in" });
    // 30,000,000 fen × 50% = 15,000,000; × 75% = 22,500,000
    expect(on(181)).toMatchObject({ approved: true, benefitFen: 15_000_000, phaseInBp: 5000 });
    expect(on(270)).toMatchObject({ benefitFen: 15_000_000 });
    expect(on(271)).toMatchObject({ benefitFen: 22_500_000, phaseInBp: 7500 });
    expect(on(360)).toMatchObject({ benefitFen: 22_500_000 });
    expect(on(361)).toMatchObject({ benefitFen: 30_000_000, phaseInBp: 10_000 });
  });

  it("reported on day 30 is decided; day 31 is refused as late", () => {
    expect(decideClaim(plan, facts({ reportedOn: d("2020-07-01") })).approved).toBe(true);
    expect(decideClaim(plan, facts({ reportedOn: d("2020-07-02") }))).toMatchObject({
      approved: false,
      reason: "late_report",
    });
  });

  it("tier, event class, standing and the health declaration", () => {
    // basic tier, aged 29: 100,000 yuan
    expect(decideClaim(plan, facts({ tier: "basic" }))).toMatchObject({ benefitFen: 10_000_000 });
    expect(decideClaim(plan, facts({ event: "flu" }))).toMatchObject({ reason: "not_covered" });
    expect(decideClaim(plan, facts({ standing: "suspended" }))).toMatchObject({ reason: "suspended" });
    expect(decideClaim(plan, facts({ preExisting: true }))).toMatchObject({
      reason: "pre_existing",
      endsParticipation: true,
    });
  });

  it("the version in force on the diagnosis date decides, not the one on the report date", () => {
    const p = mustLoad(
      planDoc(mutualRules(), {
        versions: [
          { effective: "2018-10-16", rules: mutualRules() },
          {
            effective: "2020-06-02",
            changes: { claims: { reportWithinDays: 10 } },
          },
        ],
      }),
    );
    // diagnosed 06-01 under the first version (30 days): reported 06-25 is in time
    expect(
      decideClaim(p, facts({ diagnosedOn: d("2020-06-01"), reportedOn: d("2020-06-25") })),
    ).toMatchObject({ approved: true, ruleVersion: "2018-10-16" });
    // diagnosed 06-02 under the second (10 days): reported 06-25 is late
    expect(
      decideClaim(p, facts({ diagnosedOn: d("2020-06-02"), reportedOn: d("2020-06-25") })),
    ).toMatchObject({ approved: false, reason: "late_report", ruleVersion: "2020-06-02" });
  });
});

describe("安家30 (anjia30): a death inside the three-year observation period", () => {
  const anjia = loadPlanFrom("anjia30");
  if (!anjia.ok) throw new Error("anjia30 does not load");
  const death = (over: Partial<ClaimFacts>) =>
    decideClaim(
      anjia.value,
      facts({
        event: "death",
        afterDeath: true,
        birthDate: d("1940-01-01"),
        joinedOn: d("2019-01-01"),
        diagnosedOn: d("2020-01-10"),
        reportedOn: d("2020-01-20"),
        ...over,
      }),
    );

  it("refunds what the member paid in: three monthly shares of NT$300", () => {
    // joined 2019-01-01, died 2020-01-10: membership day 375 ≤ 1095, so the benefit is the refund;
    // paid 3 × 30,000 fen (NT$300 each) = 90,000 fen
    expect(death({ ownContributionsFen: 90_000 as Fen })).toMatchObject({
      approved: true,
      benefitFen: 90_000,
      scheduleFen: 90_000,
    });
  });

  it("with nothing paid in yet, refuses with its reason instead of approving a benefit of 0", () => {
    // approving 0 fen broke claims_benefit_fen_check (benefit_fen > 0): the decision answered 500
    expect(death({ ownContributionsFen: 0 as Fen })).toMatchObject({
      approved: false,
      reason: "nothing_paid_in",
    });
  });

  it("after the observation period pays the full NT$300,000, whatever was paid in", () => {
    // joined 2015-01-01, died 2020-01-10: membership day 1836 > 1095; NT$300,000 = 30,000,000 fen
    expect(death({ joinedOn: d("2015-01-01"), ownContributionsFen: 0 as Fen })).toMatchObject({
      approved: true,
      benefitFen: 30_000_000,
    });
  });
});
