import { addMonths, type CivilDate, civilDate } from "../../domain/calendar.ts";
import { type Fen, fen } from "../../domain/money.ts";
import { benefitFor } from "../../domain/plan/benefit.ts";
import { type Plan, ruleVersionOn } from "../../domain/plan/document.ts";
import { caseFeeFen, collectionFeeFen } from "../../domain/plan/fees.ts";
import type { Rules } from "../../domain/plan/schema.ts";
import { waitingDaysFor } from "../../domain/plan/waiting.ts";
import { AGES, type AgeMix, cell, mixOver, SEXES } from "./mixes.ts";
import { Random } from "./random.ts";
import { type AgeBands, type Band, summarise } from "./summary.ts";
import { MAX_AGE, type PopulationMix, type RateTable } from "./tables.ts";

export type { AgeBands, Band } from "./summary.ts";

export type Tables = {
  readonly incidence: RateTable;
  readonly mortality: RateTable;
  readonly census: PopulationMix;
};

/** The parameters a calibration fits; each run may draw its own set (parameter uncertainty). */
export type FittedParameters = {
  /** The white paper's 0.5 for the insured-healthy population (seed 001, note ①). */
  readonly incidenceMultiplier: number;
  /** Select period: incidence × (1 − (1 − selectFactor)·e^(−months covered ÷ selectMonths)). */
  readonly selectFactor: number;
  readonly selectMonths: number;
};

export type SimulationOptions = {
  readonly years: number;
  readonly runs: number;
  readonly seed: number;
  readonly members: number;
  /** Ages of the initial members and of joiners (joiners move to laterAgeMix, if given). */
  readonly ageMix: AgeMix;
  /** "Young first, older later": joiners' mix moves linearly from ageMix to this over mixShiftMonths. */
  readonly laterAgeMix?: AgeMix | undefined;
  readonly mixShiftMonths?: number | undefined;
  /** Share of men (a census mix keeps the census's own ratio unless this is given). */
  readonly maleShare?: number | undefined;
  readonly joinsPerMonth: number;
  /** Members at the end of each month (an observed path): joiners fill up to it, exits bring it down. */
  readonly membersPath?: ReadonlyArray<number> | undefined;
  /** Joiners no younger than this (the "ageing" stress: no young joiners). */
  readonly joinMinAge?: number | undefined;
  readonly exitRatePerYear: number;
  /** Extra yearly exit rate per +100% of the yearly share over the first year's (cost-driven exits). */
  readonly exitElasticity: number;
  /** The white paper's 0.5 for the insured-healthy population (seed 001, note ①). */
  readonly incidenceMultiplier: number;
  /** Select period (lives just through the health declaration claim less); none when absent. */
  readonly select?: { readonly factor: number; readonly months: number } | undefined;
  /** The share of the table's incidence the plan's event stands for (a cancer-only plan's share of CI). */
  readonly eventShareOfTable?: number | undefined;
  /** The share of reported cases that are approved. */
  readonly approvalRate?: number | undefined;
  /** Months from diagnosis to the sharing that pays it (report, investigation, publicity). */
  readonly lagMonths?: number | undefined;
  /** Run r uses draws[r % length] instead of the three fitted parameters above: bands carry their range. */
  readonly parameterDraws?: ReadonlyArray<FittedParameters> | undefined;
  /** Joiners' incidence is × (1 + this) (adverse selection). */
  readonly adverseSelection: number;
  /** A year (1-based) in which incidence is multiplied (an epidemic year). */
  readonly epidemic?: { readonly year: number; readonly factor: number } | undefined;
  readonly tier?: string | undefined;
  /** Members age and die (off for the static pricing check). */
  readonly demography: boolean;
  readonly startOn?: CivilDate | undefined;
};

export type SimulationReport = {
  readonly plan: string;
  readonly ruleVersion: string;
  readonly startOn: CivilDate;
  readonly options: SimulationOptions;
  readonly monthly: ReadonlyArray<{
    month: number;
    members: number;
    cases: number;
    benefitsFen: number;
    feesFen: number;
    shareFen: Band;
    /** The per-case cap cut this month's share, across runs. */
    perCaseCapProbability: number;
  }>;
  readonly yearly: ReadonlyArray<{
    year: number;
    members: number;
    cases: number;
    benefitsFen: number;
    feesFen: number;
    shareFen: Band;
    /** Share of the year's months (across runs) in which the per-case cap cut the share. */
    perCaseCapMonthsShare: number;
    /** Share of runs in which the annual cap cut the year's share. */
    perYearCapProbability: number;
    sponsorExposureFen: number;
    belowMinimumProbability: number;
  }>;
  readonly pyramid: { readonly start: AgeBands; readonly end: AgeBands };
};

/** The plan's figures by single age: benefit per case (fen) and waiting months, for the first event class. */
function planByAge(rules: Rules, tier: string) {
  const event = rules.eventClasses[0]!.id;
  const benefit = new Float64Array(AGES);
  const eligible = new Uint8Array(AGES);
  for (let age = 0; age <= MAX_AGE; age++) {
    const b = benefitFor(rules, {
      event,
      tier,
      ageAtJoining: age,
      ageAtDiagnosis: age,
      membershipDay: 100_000,
      ownContributionsFen: fen(0),
      effectiveMembers: 0,
    });
    benefit[age] = b.ok ? b.value.benefitFen : 0;
    eligible[age] =
      age >= (rules.eligibility.ageAtJoining.minYears ?? 0) && age <= rules.eligibility.ageAtJoining.maxYears
        ? 1
        : 0;
  }
  const waitingMonths = Math.ceil(waitingDaysFor(rules, 30, event) / 30);
  return { benefit, eligible, waitingMonths, event };
}

const monthlyQ = (rate: number) => 1 - (1 - Math.min(rate, 0.999_999)) ** (1 / 12);

/** Monthly incidence (approved cases) and death probabilities by cell, for one parameter set. */
function monthlyRates(tables: Tables, opts: SimulationOptions, multiplier: number) {
  const qIncidence = new Float64Array(SEXES * AGES);
  const qDeath = new Float64Array(SEXES * AGES);
  const approved = multiplier * (opts.approvalRate ?? 1) * (opts.eventShareOfTable ?? 1);
  for (let age = 0; age <= MAX_AGE; age++) {
    qIncidence[cell(0, age)] = monthlyQ(tables.incidence.male[age]! * approved);
    qIncidence[cell(1, age)] = monthlyQ(tables.incidence.female[age]! * approved);
    qDeath[cell(0, age)] = opts.demography ? monthlyQ(tables.mortality.male[age]!) : 0;
    qDeath[cell(1, age)] = opts.demography ? monthlyQ(tables.mortality.female[age]!) : 0;
  }
  return { qIncidence, qDeath };
}

/** The caps in force each month (a plan's later version may add one, as 相互宝's 188 yuan from 2020). */
function capsByMonth(plan: Plan, start: CivilDate, months: number) {
  return Array.from({ length: months }, (_, m) => {
    const v = ruleVersionOn(plan, addMonths(start, m)) ?? plan.versions[0]!;
    return v.rules.apportionment.caps;
  });
}

const ageAll = (arrays: Float64Array[]) => {
  for (const arr of arrays) {
    for (let s = 0; s < SEXES; s++) {
      arr[cell(s, MAX_AGE)]! += arr[cell(s, MAX_AGE - 1)]!;
      for (let a = MAX_AGE - 1; a > 0; a--) arr[cell(s, a)] = arr[cell(s, a - 1)]!;
      arr[cell(s, 0)] = 0;
    }
  }
};

/**
 * A Monte Carlo projection of a plan, month by month, on cohorts (sex × single age × joined-in-the-
 * simulation), with real incidence and mortality tables. Cases are Poisson: a sum of independent
 * Poissons is Poisson, so one draw per benefit amount per month serves every cohort with that amount,
 * and the cost does not grow with the member count. The select period needs no cohort per duration: each
 * cell also carries its members weighted by e^(−months covered ÷ selectMonths), which decays by a constant
 * each month. Pure: the tables and the seed are passed in.
 */
export function simulate(plan: Plan, tables: Tables, opts: SimulationOptions): SimulationReport {
  return simulateRuns(plan, tables, opts).report;
}

/** The simulation with each run's monthly share per member (fen; runs × months, row-major), for fits. */
export function simulateRuns(
  plan: Plan,
  tables: Tables,
  opts: SimulationOptions,
): { report: SimulationReport; shareByRunMonth: Float64Array } {
  const start = opts.startOn ?? civilDate("2021-01-01");
  const version = ruleVersionOn(plan, start) ?? plan.versions[plan.versions.length - 1]!;
  const rules = version.rules;
  const tier = opts.tier ?? rules.tiers[0]!.id;
  const p = planByAge(rules, tier);
  const months = opts.years * 12;
  const maleShare = opts.maleShare ?? (typeof opts.ageMix === "object" && "age" in opts.ageMix ? 0.51 : -1);
  const initialMix = mixOver(tables.census, opts.ageMix, maleShare, p.eligible, 0);
  const joinEarly = mixOver(tables.census, opts.ageMix, maleShare, p.eligible, opts.joinMinAge ?? 0);
  const joinLate = opts.laterAgeMix
    ? mixOver(tables.census, opts.laterAgeMix, maleShare, p.eligible, opts.joinMinAge ?? 0)
    : joinEarly;
  const shiftMonths = Math.max(1, opts.mixShiftMonths ?? 1);
  // Distinct benefit amounts (age bands): one Poisson draw per amount and month.
  const amounts = [...new Set(Array.from(p.benefit).filter((b) => b > 0))];
  const amountIndex = Int32Array.from(p.benefit, (b) => amounts.indexOf(b));
  const caps = capsByMonth(plan, start, months);
  const minimum = rules.closure.minimumMembers;
  const W = p.waitingMonths;
  const L = Math.max(0, Math.round(opts.lagMonths ?? 0));
  const draws = opts.parameterDraws?.length ? opts.parameterDraws : undefined;
  const own: FittedParameters = {
    incidenceMultiplier: opts.incidenceMultiplier,
    selectFactor: opts.select?.factor ?? 1,
    selectMonths: opts.select?.months ?? 1,
  };
  const caseFee = amounts.map((a) => caseFeeFen(rules, fen(a)));

  const shareByRunMonth = new Float64Array(opts.runs * months);
  const acc = {
    members: new Float64Array(months),
    cases: new Float64Array(months),
    benefits: new Float64Array(months),
    fees: new Float64Array(months),
    perCaseMonth: new Float64Array(months),
    yearlyShare: Array.from({ length: opts.years }, () => new Float64Array(opts.runs)),
    perYear: new Float64Array(opts.years),
    sponsor: new Float64Array(opts.years),
    belowMin: new Float64Array(opts.years),
    pyramidStart: new Float64Array(SEXES * AGES),
    pyramidEnd: new Float64Array(SEXES * AGES),
  };
  const joinMix = new Float64Array(SEXES * AGES);
  const expected = new Float64Array(amounts.length);
  const ratio = new Float64Array(amounts.length);

  for (let run = 0; run < opts.runs; run++) {
    const rng = new Random(opts.seed * 1_000_003 + run);
    const prm = draws ? draws[run % draws.length]! : own;
    const { qIncidence, qDeath } = monthlyRates(tables, opts, prm.incidenceMultiplier);
    const unworn = 1 - prm.selectFactor; // the part of the table a fresh life does not yet claim
    const decay = Math.exp(-1 / Math.max(prm.selectMonths, 1e-9));
    // covered[0] = members from the start, covered[1] = joiners (adverse selection, select period);
    // fresh = joiners weighted by e^(−months covered ÷ selectMonths); a waiting ring per slot.
    const covered = [new Float64Array(SEXES * AGES), new Float64Array(SEXES * AGES)];
    const fresh = new Float64Array(SEXES * AGES);
    const waiting = Array.from({ length: Math.max(W, 1) }, () => new Float64Array(SEXES * AGES));
    for (let i = 0; i < initialMix.length; i++) covered[0]![i] = initialMix[i]! * opts.members;
    // Diagnosed cases wait L months for the sharing that pays them: a ring of [cases, benefits, fees].
    const pending = Array.from({ length: L + 1 }, () => [0, 0, 0]);
    let refShare = 0;
    let yearShare = 0;
    let lastYearShare = 0;
    let wasBelow = false;
    for (let m = 0; m < months; m++) {
      const year = Math.floor(m / 12);
      const epidemic = opts.epidemic && opts.epidemic.year === year + 1 ? opts.epidemic.factor : 1;
      const sel = (1 + opts.adverseSelection) * epidemic;
      // 1. Cases among covered members, by benefit amount; and among members still waiting (all fresh).
      expected.fill(0);
      for (let g = 0; g < 2; g++) {
        const c = covered[g]!;
        const f = g === 1 ? sel : epidemic;
        for (let i = 0; i < c.length; i++) {
          const n = g === 1 ? c[i]! - unworn * fresh[i]! : c[i]!;
          if (n <= 0) continue;
          const k = amountIndex[i % AGES]!;
          if (k >= 0) expected[k]! += n * qIncidence[i]! * f;
        }
      }
      let waitingExpected = 0;
      for (const w of waiting)
        for (let i = 0; i < w.length; i++) waitingExpected += w[i]! * qIncidence[i]! * sel * prm.selectFactor;
      const slot = pending[(m + L) % (L + 1)]!;
      for (let k = 0; k < amounts.length; k++) {
        const drawn = rng.poisson(expected[k]!);
        slot[0]! += drawn;
        slot[1]! += drawn * amounts[k]!;
        slot[2]! += drawn * caseFee[k]!;
        ratio[k] = expected[k]! > 0 ? drawn / expected[k]! : 0;
      }
      const waitingCases = rng.poisson(waitingExpected);
      const waitingRatio = waitingExpected > 0 ? waitingCases / waitingExpected : 0;
      const due = pending[m % (L + 1)]!;
      const [cases, benefitsFen] = [due[0]!, due[1]!];
      const feesFen = due[2]! + collectionFeeFen(rules, fen(benefitsFen + due[2]!));
      due.fill(0);
      // 2. Claimants leave (paid, or refused in the waiting period); deaths; exits.
      const exitYearly =
        opts.exitRatePerYear +
        (refShare > 0 ? opts.exitElasticity * Math.max(0, lastYearShare / refShare - 1) : 0);
      const qExit = monthlyQ(Math.min(exitYearly, 0.95));
      let members = 0;
      for (let g = 0; g < 2; g++) {
        const c = covered[g]!;
        const f = g === 1 ? sel : epidemic;
        for (let i = 0; i < c.length; i++) {
          const n = c[i]!;
          if (n <= 0) continue;
          const k = amountIndex[i % AGES]!;
          const r = k >= 0 ? qIncidence[i]! * f * ratio[k]! : 0;
          const atRisk = g === 1 ? n - unworn * fresh[i]! : n;
          // the young and healthy leave first when cost rises (seed 004's exodus)
          const gone = qDeath[i]! + qExit * (i % AGES < 40 ? 1.3 : 0.8);
          c[i] = Math.max(0, n - atRisk * r - n * gone);
          if (g === 1) fresh[i] = Math.max(0, fresh[i]! * (1 - prm.selectFactor * r - gone) * decay);
          members += c[i]!;
        }
      }
      for (const w of waiting) {
        for (let i = 0; i < w.length; i++) {
          const n = w[i]!;
          if (n <= 0) continue;
          w[i] = Math.max(0, n - n * qIncidence[i]! * sel * prm.selectFactor * waitingRatio - n * qDeath[i]!);
          members += w[i]!;
        }
      }
      // 3. Cost per member this month, with the per-case cap (the annual cap applies at year end).
      let shareFen = members > 0 ? Math.ceil((benefitsFen + feesFen) / members) : 0;
      const perCase = caps[m]!.perCase;
      if (perCase && shareFen > perCase.amount * cases) {
        shareFen = perCase.amount * cases;
        acc.perCaseMonth[m]! += 1;
      }
      yearShare += shareFen;
      shareByRunMonth[run * months + m] = shareFen;
      acc.members[m]! += members;
      acc.cases[m]! += cases;
      acc.benefits[m]! += benefitsFen;
      acc.fees[m]! += feesFen;
      if (minimum !== undefined && members < minimum) wasBelow = true;
      // 4. Joiners enter the waiting period (up to the path, when one is given); the oldest slot is covered.
      const graduating = waiting[m % waiting.length]!;
      if (W > 0) {
        for (let i = 0; i < graduating.length; i++) {
          covered[1]![i]! += graduating[i]!;
          fresh[i]! += graduating[i]!;
          graduating[i] = 0;
        }
      }
      let joins = opts.joinsPerMonth;
      const target = opts.membersPath?.[m];
      if (target !== undefined) {
        joins = Math.max(0, target - members);
        if (members > target && members > 0) {
          const keep = target / members; // the path's leavers, in proportion
          for (const arr of [...covered, fresh, ...waiting])
            for (let i = 0; i < arr.length; i++) arr[i]! *= keep;
        }
      }
      const w = Math.min(1, m / shiftMonths);
      for (let i = 0; i < joinMix.length; i++) joinMix[i] = joinEarly[i]! * (1 - w) + joinLate[i]! * w;
      const into = W > 0 ? graduating : covered[1]!;
      for (let i = 0; i < joinMix.length; i++) into[i]! += joinMix[i]! * joins;
      if (W === 0) for (let i = 0; i < joinMix.length; i++) fresh[i]! += joinMix[i]! * joins;
      if (run === 0 && m === 0)
        for (let g = 0; g < 2; g++)
          for (let i = 0; i < acc.pyramidStart.length; i++) acc.pyramidStart[i]! += covered[g]![i]!;
      // 5. Year end: the annual cap, the reference share, ageing.
      if (m % 12 === 11) {
        let charged = yearShare;
        const perYear = caps[m]!.perYear;
        if (perYear && yearShare > perYear.amount) {
          acc.perYear[year]! += 1;
          if (perYear.excessBorneBy === "sponsor")
            acc.sponsor[year]! += (yearShare - perYear.amount) * members;
          charged = perYear.amount;
        }
        acc.yearlyShare[year]![run] = charged;
        if (wasBelow) acc.belowMin[year]! += 1;
        // Cost-driven exits count from year 1's share, or from the last year an observed path set the size.
        if (year === 0 || m < (opts.membersPath?.length ?? 0)) refShare = Math.max(yearShare, 1);
        lastYearShare = yearShare;
        yearShare = 0;
        wasBelow = false;
        if (opts.demography) ageAll([...covered, fresh, ...waiting]);
      }
    }
    if (run === 0)
      for (const arr of [...covered, ...waiting])
        for (let i = 0; i < arr.length; i++) acc.pyramidEnd[i]! += arr[i]!;
  }
  const report = {
    plan: plan.id,
    ruleVersion: version.effective,
    startOn: start,
    options: opts,
    ...summarise(opts, months, shareByRunMonth, acc),
  };
  return { report, shareByRunMonth };
}

/** The closed-form pricing check of seed 001: incidence × benefit × (1 + fee). */
export function expectedYearlyShareFen(incidence: number, benefitFen: Fen, feeBasisPoints: number): number {
  return incidence * benefitFen * (1 + feeBasisPoints / 10_000);
}
