import { apportionCycle, previousMonthEndDivisor, type ShareGroup } from "../../domain/apportion.ts";
import {
  addDays,
  ageOn,
  type CivilDate,
  endOfMonth,
  maxDate,
  partsOf,
  startOfMonth,
} from "../../domain/calendar.ts";
import { conservesDisclosure, paidAfterFailures } from "../../domain/cycle/disclosure.ts";
import { type Fen, fen } from "../../domain/money.ts";
import { benefitFor } from "../../domain/plan/benefit.ts";
import { type CycleDates, cycleDates } from "../../domain/plan/cycle-calendar.ts";
import { decideClaim } from "../../domain/plan/decision.ts";
import { type Plan, ruleVersionOn } from "../../domain/plan/document.ts";
import { depositFeeFen, memberFeeFen } from "../../domain/plan/fees.ts";
import { balanceStanding, graceEndsOn } from "../../domain/plan/funding.ts";
import {
  type PremiumPool,
  premiumPoolOf,
  renewalAttemptDays,
  renewalDueOn,
  renewsIn,
} from "../../domain/plan/premium-pool.ts";
import type { Rules } from "../../domain/plan/schema.ts";
import { coveredFrom, membershipDay, waitingDaysFor } from "../../domain/plan/waiting.ts";
import { formatWeight, weightUnitsFor } from "../../domain/plan/weights.ts";
import { assert } from "../../domain/result.ts";
import type { Scenario, ScenarioClaim, ScenarioCohort } from "./input.ts";
import { type PoolYearReport, scenarioPools } from "./pools.ts";

export type CycleReport = {
  announcedOn: CivilDate;
  collectOn: CivilDate;
  ruleVersion: CivilDate;
  cases: number;
  benefitsFen: Fen;
  feesFen: Fen;
  surplusInFen: Fen;
  surplusOutFen: Fen;
  sponsorFen: Fen;
  sharingMembers: number;
  sharingWeight: string;
  shares: Array<{ weight: string; members: number; shareFen: Fen }>;
  collectedFen: Fen;
  failedFen: Fen;
  /** Extensions of the contract: approved benefits before cuts, the cut borne by benefits, advances. */
  approvedBenefitsFen: Fen;
  benefitCutFen: Fen;
  advancedFen: Fen;
  /** Where failed shares were not advanced: the benefits actually paid (as the live disclosure says). */
  benefitsPaidFen?: Fen;
  cappedMembers: number;
  belowMinimum: boolean;
};

export type ClaimReport = {
  cohort: string;
  count: number;
  status: "paid" | "approved" | "rejected" | "pending";
  reason: string | null;
  benefitFen: Fen | null;
  cycle: CivilDate | null;
  ruleVersion: CivilDate | null;
  explanation: string;
  appealed: boolean;
};

export type CohortReport = {
  name: string;
  members: number;
  active: number;
  suspended: number;
  ended: number;
  paidPerMemberFen: Fen;
  balanceFen: Fen | null;
};

export type ScenarioReport = {
  plan: string;
  ruleVersions: CivilDate[];
  cycles: CycleReport[];
  claims: ClaimReport[];
  cohorts: CohortReport[];
  /** A premium-pool plan's groups, each year (Friendsurance). */
  pools?: PoolYearReport[];
};

/** The runtime state of a cohort: every member of it is identical, claimants leave it. */
type CohortState = {
  readonly spec: ScenarioCohort;
  readonly tier: string;
  /** Members still in the plan (active or suspended). */
  inPlan: number;
  endedByClaims: number;
  ended: boolean;
  suspendedOn: CivilDate | null;
  balanceFen: number | null;
  /** Collected per member since joining (own contributions). */
  paidPerMemberFen: number;
  /** Charged per member by calendar year, for the annual cap. */
  chargedByYear: Map<number, number>;
  failures: number;
  /** Last day a periodic fee was charged up to. */
  feePaidThrough: CivilDate;
};

type PendingCollection = {
  readonly report: CycleReport;
  /** Each sharing cohort, its share and its members as frozen at the announcement. */
  readonly charges: ReadonlyArray<readonly [CohortState, number, number]>;
  readonly claimIndexes: readonly number[];
};

type PendingCase = { claimIndex: number; count: number; benefitFen: Fen; decidedOn: CivilDate };

/**
 * Runs a scenario over cohorts in memory with the same domain functions the live system uses
 * (decideClaim, apportionCycle, calendars, fees, funding). Pure: the plan is resolved by the caller.
 */
export function runScenario(scenario: Scenario, plan: Plan): ScenarioReport {
  const first = ruleVersionOn(plan, scenario.from) ?? plan.versions[0]!;
  const cohorts: CohortState[] = scenario.cohorts.map((spec) => {
    const funding = first.rules.funding;
    return {
      spec,
      tier: spec.tier ?? first.rules.tiers[0]!.id,
      inPlan: spec.count,
      endedByClaims: 0,
      ended: false,
      suspendedOn: null,
      balanceFen:
        funding.mode === "prepaid"
          ? (spec.deposit ?? funding.initialDeposit) -
            depositFeeFen(first.rules, spec.deposit ?? funding.initialDeposit)
          : null,
      paidPerMemberFen: 0,
      chargedByYear: new Map(),
      failures: 0,
      // Periodic fees accrue from joining, but a scenario charges only what falls inside it.
      feePaidThrough: addDays(maxDate(spec.joined, scenario.from), -1),
    };
  });
  const byName = new Map(cohorts.map((c) => [c.spec.name, c]));
  const claims: ClaimReport[] = scenario.claims.map((c) => ({
    cohort: c.cohort,
    count: c.count,
    status: "pending",
    reason: null,
    benefitFen: null,
    cycle: null,
    ruleVersion: null,
    explanation: "not decided within the scenario",
    appealed: false,
  }));
  const decisionDays = new Map<CivilDate, number[]>();
  scenario.claims.forEach((c, i) => {
    const d = decidedOn(c);
    decisionDays.set(d, [...(decisionDays.get(d) ?? []), i]);
  });
  const pending: PendingCase[] = [];
  const cycles: CycleReport[] = [];
  const usedVersions = new Set<CivilDate>();
  let surplusFen: Fen = scenario.surplusIn;
  const pools = scenarioPools();

  // Collections scheduled by announcement; the calendar may collect after `to`, so run past it.
  const collections = new Map<CivilDate, PendingCollection[]>();
  const lastDay = addDays(scenario.to, 62);
  for (let day = scenario.from; day <= lastDay; day = addDays(day, 1)) {
    const version = ruleVersionOn(plan, day);
    if (!version) continue;
    const rules = version.rules;
    if (day <= scenario.to) {
      if (premiumPoolOf(rules.funding)) usedVersions.add(version.effective);
      premiumPools(rules, day);
      for (const c of cohorts) applyTopUps(c, day, rules);
      for (const i of decisionDays.get(day) ?? []) decide(i, day);
      for (const cycle of announcementsOn(rules, day)) {
        usedVersions.add(version.effective);
        announce(cycle, rules, version.effective);
      }
    }
    for (const due of collections.get(day) ?? []) collect(due, rules, day);
    collections.delete(day);
    for (const c of cohorts) expireGrace(c, day, rules);
    if (day > scenario.to && collections.size === 0) break;
  }

  const poolYears = pools.report();
  return {
    ...(poolYears.length > 0 ? { pools: poolYears } : {}),
    plan: plan.id,
    ruleVersions: [...usedVersions].sort(),
    cycles,
    claims,
    cohorts: cohorts.map((c) => ({
      name: c.spec.name,
      members: c.spec.count,
      active: c.ended || c.suspendedOn ? 0 : c.inPlan,
      suspended: !c.ended && c.suspendedOn ? c.inPlan : 0,
      ended: c.spec.count - (c.ended ? 0 : c.inPlan),
      paidPerMemberFen: fen(c.paidPerMemberFen),
      balanceFen: c.balanceFen === null ? null : fen(c.balanceFen),
    })),
  };

  /** A premium-pool plan: the last year's end on a year's first day, then the day's joins and premiums. */
  function premiumPools(rules: Rules, day: CivilDate): void {
    const pool = premiumPoolOf(rules.funding);
    if (!pool) return;
    const { year, month, day: d } = partsOf(day);
    if (month === 1 && d === 1) pools.yearEnd(pool, year - 1);
    if (day === renewalDueOn(year)) for (const c of cohorts) renewPremium(c, pool, rules, year);
    for (const c of cohorts) {
      if (maxDate(c.spec.joined, scenario.from) !== day) continue;
      pools.join(pool, c.spec.name, c.inPlan, day);
      c.paidPerMemberFen += pool.premium;
    }
  }

  /**
   * A cohort's renewal premium of `year`, as live (pools/renewal.ts): owed by members who joined in an
   * earlier year; debited on each attempt day of the failure policy until one succeeds; unpaid after the
   * last, the cohort's members leave the plan and their groups.
   */
  function renewPremium(c: CohortState, pool: PremiumPool, rules: Rules, year: number): void {
    if (c.ended || c.inPlan === 0 || !renewsIn(c.spec.joined, year)) return;
    const failing = new Set(c.spec.failures);
    if (renewalAttemptDays(year, rules.failurePolicy).some((d) => !failing.has(d))) {
      pools.renew(pool, c.spec.name, year);
      c.paidPerMemberFen += pool.premium;
      return;
    }
    pools.leave(c.spec.name);
    c.failures += 1;
    c.ended = true;
  }

  function decidedOn(c: ScenarioClaim): CivilDate {
    return c.decided ?? c.reported ?? c.diagnosed;
  }

  function activeMembersOn(day: CivilDate): number {
    return cohorts.reduce((n, c) => n + (isSharing(c, day, undefined) ? c.inPlan : 0), 0);
  }

  function decide(index: number, day: CivilDate): void {
    const spec = scenario.claims[index]!;
    const cohort = byName.get(spec.cohort)!;
    const standing =
      cohort.ended || cohort.inPlan < spec.count ? "ended" : cohort.suspendedOn ? "suspended" : "active";
    const decision = decideClaim(plan, {
      event: spec.event,
      diagnosedOn: spec.diagnosed,
      reportedOn: spec.reported ?? spec.diagnosed,
      afterDeath: spec.afterDeath,
      preExisting: spec.preExisting,
      birthDate: cohort.spec.born,
      joinedOn: cohort.spec.joined,
      tier: cohort.tier,
      standing: spec.diagnosed < cohort.spec.joined ? "ended" : standing,
      ownContributionsFen: fen(cohort.paidPerMemberFen),
      effectiveMembers: activeMembersOn(day),
    });
    const report = claims[index]!;
    report.ruleVersion = decision.ruleVersion;
    report.explanation = decision.explanation;
    let benefitFen: Fen | null = decision.approved ? decision.benefitFen : null;
    if (!decision.approved && spec.appeal && decision.ruleVersion) {
      report.appealed = true;
      const rules = ruleVersionOn(plan, spec.diagnosed)!.rules;
      const jury = rules.claims.jury;
      const votes = spec.appeal.for + spec.appeal.against;
      // Strictly more than the threshold overturns; exactly the threshold does not (seed 000: 超过50%).
      const overturned =
        jury !== undefined &&
        votes >= jury.quorum &&
        BigInt(spec.appeal.for) * 10_000n > BigInt(jury.overturnAbovePercent) * BigInt(votes);
      if (overturned) benefitFen = overturnedBenefit(spec, cohort, rules, day);
      report.explanation += overturned ? "; overturned by the jury" : "; the jury upheld the decision";
    }
    const endsParticipation =
      benefitFen !== null
        ? ruleVersionOn(plan, spec.diagnosed)!.rules.claims.paymentEndsParticipation
        : decision.endsParticipation;
    const pool = premiumPoolOf(ruleVersionOn(plan, day)!.rules.funding);
    if (benefitFen !== null && pool) {
      // Paid at once from the claimant's group's pool, the rest by the insurer: no cycle.
      report.status = "paid";
      report.reason = null;
      report.benefitFen = benefitFen;
      for (let k = 0; k < spec.count; k++) pools.claim(spec.cohort, benefitFen, day, endsParticipation);
    } else if (benefitFen !== null) {
      report.status = "approved";
      report.reason = null;
      report.benefitFen = benefitFen;
      pending.push({ claimIndex: index, count: spec.count, benefitFen, decidedOn: day });
    } else {
      report.status = "rejected";
      report.reason = decision.approved ? null : decision.reason;
    }
    if (endsParticipation && standing !== "ended") {
      cohort.inPlan -= spec.count;
      cohort.endedByClaims += spec.count;
    }
  }

  function overturnedBenefit(
    spec: ScenarioClaim,
    cohort: CohortState,
    rules: Rules,
    day: CivilDate,
  ): Fen | null {
    const b = benefitFor(rules, {
      event: spec.event,
      tier: cohort.tier,
      ageAtJoining: ageOn(cohort.spec.born, cohort.spec.joined),
      ageAtDiagnosis: ageOn(cohort.spec.born, spec.diagnosed),
      membershipDay: membershipDay(cohort.spec.joined, spec.diagnosed),
      ownContributionsFen: fen(cohort.paidPerMemberFen),
      effectiveMembers: activeMembersOn(day),
    });
    return b.ok ? b.value.benefitFen : null;
  }

  function announcementsOn(rules: Rules, day: CivilDate): CycleDates[] {
    // A premium-pool plan has no debit cycles: its claims are paid from the groups' pools.
    if (rules.funding.mode === "premiumPool") return [];
    const cal = rules.apportionment.calendar;
    const eventDays = cal.kind === "perEvent" && pending.some((p) => p.decidedOn <= day) ? [day] : [];
    return cycleDates(cal, day, day, eventDays);
  }

  function isSharing(c: CohortState, day: CivilDate, rules: Rules | undefined): boolean {
    if (c.ended || c.suspendedOn || c.inPlan === 0 || c.spec.joined >= day) return false;
    if (rules && !rules.apportionment.waitingMembersShare) {
      const waiting = waitingDaysFor(rules, ageOn(c.spec.born, c.spec.joined), rules.eventClasses[0]!.id);
      if (day < coveredFrom(c.spec.joined, waiting)) return false;
    }
    return true;
  }

  function announce(cycle: CycleDates, rules: Rules, ruleVersion: CivilDate): void {
    const day = cycle.announcedOn;
    const cases = pending.splice(0, pending.length);
    const caseList = cases.flatMap((p) =>
      Array.from({ length: p.count }, () => ({ benefitFen: p.benefitFen })),
    );
    const sharing = cohorts.filter((c) => isSharing(c, day, rules));
    const year = partsOf(day).year;
    const capYear = rules.apportionment.caps.perYear?.amount;
    const groups: ShareGroup[] = sharing.map((c) => ({
      key: c.spec.name,
      members: c.inPlan,
      weightUnits: weightUnitsFor(rules, ageOn(c.spec.born, day)),
      yearRemainingFen:
        capYear === undefined ? undefined : fen(Math.max(0, capYear - (c.chargedByYear.get(year) ?? 0))),
      memberFeeFen: memberFeeFen(rules, c.feePaidThrough, day),
    }));
    const result = apportionCycle({
      rules,
      cases: caseList,
      groups,
      surplusInFen: surplusFen,
      denominatorWeightUnits: denominatorFor(rules, day),
    });
    surplusFen = result.surplusOutFen;
    const charges: Array<readonly [CohortState, number, number]> = sharing.map((c, i) => {
      const share = result.shares[i]!;
      c.feePaidThrough = day;
      c.chargedByYear.set(year, (c.chargedByYear.get(year) ?? 0) + share.costShareFen);
      return [c, share.shareFen, share.members];
    });
    const byShare = new Map<string, { weight: string; members: number; shareFen: Fen }>();
    for (const s of result.shares) {
      const key = `${s.weight}|${s.shareFen}`;
      const row = byShare.get(key) ?? { weight: s.weight, members: 0, shareFen: s.shareFen };
      row.members += s.members;
      byShare.set(key, row);
    }
    const report: CycleReport = {
      announcedOn: day,
      collectOn: cycle.collectOn,
      ruleVersion,
      cases: result.cases,
      benefitsFen: result.benefitsFen,
      feesFen: result.feesFen,
      surplusInFen: result.surplusInFen,
      surplusOutFen: result.surplusOutFen,
      sponsorFen: result.sponsorFen,
      sharingMembers: result.sharingMembers,
      sharingWeight: formatWeight(result.sharingWeightUnits),
      shares: [...byShare.values()],
      collectedFen: fen(0),
      failedFen: fen(0),
      approvedBenefitsFen: result.approvedBenefitsFen,
      benefitCutFen: result.benefitCutFen,
      advancedFen: fen(0),
      cappedMembers: result.shares.reduce((n, s) => n + (s.capped ? s.members : 0), 0),
      belowMinimum:
        rules.closure.minimumMembers !== undefined && result.sharingMembers < rules.closure.minimumMembers,
    };
    cycles.push(report);
    for (const p of cases) {
      const claim = claims[p.claimIndex]!;
      claim.cycle = day;
    }
    const list = collections.get(cycle.collectOn) ?? [];
    list.push({ report, charges, claimIndexes: cases.map((p) => p.claimIndex) });
    collections.set(cycle.collectOn, list);
  }

  function denominatorFor(rules: Rules, day: CivilDate): bigint | undefined {
    if (rules.apportionment.denominator.kind === "sharingMembers") return undefined;
    // 抗癌公社: members at the end of the previous month × 0.8, charged on the actual members.
    const prevMonthEnd = addDays(startOfMonth(day), -1);
    let units = 0n;
    for (const c of cohorts) {
      if (c.spec.joined > prevMonthEnd || c.ended) continue;
      units += BigInt(c.inPlan) * BigInt(weightUnitsFor(rules, ageOn(c.spec.born, prevMonthEnd)));
    }
    return previousMonthEndDivisor(rules, units);
  }

  function collect(due: PendingCollection, rules: Rules, day: CivilDate): void {
    const { report, charges } = due;
    const policy = rules.failurePolicy;
    let collected = 0;
    let failed = 0;
    for (const [c, shareFen, members] of charges) {
      if (shareFen === 0) continue;
      // Members who leave between announcement and collection still owe this cycle's share.
      const amount = shareFen * members;
      let ok: boolean;
      if (c.balanceFen !== null) {
        ok = c.balanceFen >= shareFen;
        if (ok) c.balanceFen -= shareFen;
      } else {
        ok = deductionSucceeds(c, day, policy.retryAttempts, policy.retryEveryDays);
      }
      if (ok) {
        collected += amount;
        c.paidPerMemberFen += shareFen;
      } else {
        failed += amount;
        c.failures += 1;
        if (policy.exitAfterFailures !== undefined && c.failures >= policy.exitAfterFailures) c.ended = true;
        else if (policy.suspendAfterFailures !== undefined && c.failures >= policy.suspendAfterFailures)
          c.suspendedOn ??= day;
      }
      if (
        c.balanceFen !== null &&
        !c.ended &&
        balanceStanding(rules.funding, fen(c.balanceFen)) === "suspended"
      )
        c.suspendedOn ??= day;
    }
    report.collectedFen = fen(collected);
    report.failedFen = fen(failed);
    report.advancedFen = policy.operatorAdvances ? fen(failed) : fen(0);
    const paid = paidAfterFailures(report);
    if (paid.shortFen > 0) report.benefitsPaidFen = fen(paid.benefitsPaidFen);
    assert(conservesDisclosure(report), `cycle ${report.announcedOn} conserves`);
    // Claims are paid in one sum once their cycle has collected.
    for (const i of due.claimIndexes) if (claims[i]!.status === "approved") claims[i]!.status = "paid";
  }

  function deductionSucceeds(c: CohortState, day: CivilDate, retries: number, everyDays: number): boolean {
    const failing = new Set(c.spec.failures);
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (!failing.has(addDays(day, attempt * everyDays))) return true;
    }
    return false;
  }

  function applyTopUps(c: CohortState, day: CivilDate, rules: Rules): void {
    if (c.balanceFen === null || c.ended) return;
    for (const t of c.spec.topUps) {
      if (t.on !== day) continue;
      c.balanceFen += t.amount - depositFeeFen(rules, t.amount);
      if (c.suspendedOn && balanceStanding(rules.funding, fen(c.balanceFen)) === "covered")
        c.suspendedOn = null;
    }
    // As live (payments/withdraw.ts): no more than is held; the standing is the next collection's.
    for (const w of c.spec.withdrawals)
      if (w.on === day && w.amount <= c.balanceFen) c.balanceFen -= w.amount;
  }

  function expireGrace(c: CohortState, day: CivilDate, rules: Rules): void {
    if (!c.suspendedOn || c.ended) return;
    const last = graceEndsOn(rules.funding, c.suspendedOn);
    if (last !== undefined && day > last) c.ended = true;
  }
}

/** Months of a date range, for yearly summaries in the readable report. */
export function monthOf(day: CivilDate): string {
  return endOfMonth(day).slice(0, 7);
}
