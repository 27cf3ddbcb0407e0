import { type CivilDate, civilDate } from "../../domain/calendar.ts";
import { type Fen, fen } from "../../domain/money.ts";
import { benefitFor } from "../../domain/plan/benefit.ts";
import { type Plan, ruleVersionOn } from "../../domain/plan/document.ts";
import { caseFeeFen, collectionFeeFen } from "../../domain/plan/fees.ts";
import type { Rules } from "../../domain/plan/schema.ts";
import { waitingDaysFor } from "../../domain/plan/waiting.ts";
import { Random } from "./random.ts";
import { ageWeights, MAX_AGE, type PopulationMix, type RateTable } from "./tables.ts";

export type Tables = {
  readonly incidence: RateTable;
  readonly mortality: RateTable;
  readonly census: PopulationMix;
};

export type SimulationOptions = {
  readonly years: number;
  readonly runs: number;
  readonly seed: number;
  readonly members: number;
  /** Ages of the initial members and of joiners: the census mix within the plan's joining ages, or one age. */
  readonly ageMix: "census" | "internet" | { readonly age: number } | { readonly given: PopulationMix };
  /** Share of men (the census gives ≈ 0.51). */
  readonly maleShare?: number;
  readonly joinsPerMonth: number;
  /** Joiners no younger than this (the "ageing" stress: no young joiners). */
  readonly joinMinAge?: number;
  readonly exitRatePerYear: number;
  /** Extra yearly exit rate per +100% of the yearly share over the first year's (cost-driven exits). */
  readonly exitElasticity: number;
  /** The white paper's 0.5 for the insured-healthy population (seed 001, note ①). */
  readonly incidenceMultiplier: number;
  /** Joiners' incidence is × (1 + this) (adverse selection). */
  readonly adverseSelection: number;
  /** A year (1-based) in which incidence is multiplied (an epidemic year). */
  readonly epidemic?: { readonly year: number; readonly factor: number } | undefined;
  readonly tier?: string;
  /** Members age and die (off for the static pricing check). */
  readonly demography: boolean;
  readonly startOn?: CivilDate;
};

export type Band = { readonly mean: number; readonly p5: number; readonly p50: number; readonly p95: number };

export type SimulationReport = {
  readonly plan: string;
  readonly ruleVersion: string;
  readonly options: SimulationOptions;
  readonly monthly: ReadonlyArray<{
    month: number;
    members: number;
    cases: number;
    benefitsFen: number;
    feesFen: number;
    shareFen: Band;
    capBindsProbability: number;
  }>;
  readonly yearly: ReadonlyArray<{
    year: number;
    members: number;
    cases: number;
    benefitsFen: number;
    feesFen: number;
    shareFen: Band;
    capBindsProbability: number;
    sponsorExposureFen: number;
    belowMinimumProbability: number;
  }>;
  readonly pyramid: { readonly start: AgeBands; readonly end: AgeBands };
};
export type AgeBands = ReadonlyArray<{ band: string; male: number; female: number }>;

const SEXES = 2;
const AGES = MAX_AGE + 1;
const cell = (sex: number, age: number) => sex * AGES + age;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i]!;
}

function band(values: Float64Array): Band {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return {
    mean: Math.round(sum / (values.length || 1)),
    p5: Math.round(percentile(sorted, 0.05)),
    p50: Math.round(percentile(sorted, 0.5)),
    p95: Math.round(percentile(sorted, 0.95)),
  };
}

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

/** The initial (and joining) mix over sex × age, normalised to 1. */
function mix(tables: Tables, opts: SimulationOptions, eligible: Uint8Array, minAge: number): Float64Array {
  const out = new Float64Array(SEXES * AGES);
  const male = opts.maleShare ?? 0.51;
  if (typeof opts.ageMix === "object" && "age" in opts.ageMix) {
    out[cell(0, opts.ageMix.age)] = male;
    out[cell(1, opts.ageMix.age)] = 1 - male;
    return out;
  }
  // A given mix (counts by age group and sex, like the census file) or the census itself.
  const w = ageWeights(typeof opts.ageMix === "object" ? opts.ageMix.given : tables.census, 0, MAX_AGE);
  let total = 0;
  for (let age = minAge; age <= MAX_AGE; age++) {
    if (!eligible[age]) continue;
    // internet users: the census mix tilted towards the young (seed 001: 82.5% aged 10–49)
    const tilt = opts.ageMix === "internet" ? (age < 40 ? 2 : age < 50 ? 1 : 0.4) : 1;
    out[cell(0, age)] = w.male[age]! * tilt;
    out[cell(1, age)] = w.female[age]! * tilt;
    total += (w.male[age]! + w.female[age]!) * tilt;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= total || 1;
  return out;
}

/**
 * A Monte Carlo projection of a plan, month by month, on cohorts (sex × single age × joined-in-the-
 * simulation), with real incidence and mortality tables. Cases are Poisson: a sum of independent
 * Poissons is Poisson, so one draw per benefit amount per month serves every cohort with that amount,
 * and the cost does not grow with the member count. Pure: the tables and the seed are passed in.
 */
export function simulate(plan: Plan, tables: Tables, opts: SimulationOptions): SimulationReport {
  const start = opts.startOn ?? civilDate("2021-01-01");
  const version = ruleVersionOn(plan, start) ?? plan.versions[plan.versions.length - 1]!;
  const rules = version.rules;
  const tier = opts.tier ?? rules.tiers[0]!.id;
  const p = planByAge(rules, tier);
  const months = opts.years * 12;
  const initialMix = mix(tables, opts, p.eligible, 0);
  const joinMix = mix(tables, opts, p.eligible, opts.joinMinAge ?? 0);
  // Distinct benefit amounts (age bands): one Poisson draw per amount and month.
  const amounts = [...new Set(Array.from(p.benefit).filter((b) => b > 0))];
  const amountIndex = Int32Array.from(p.benefit, (b) => amounts.indexOf(b));
  const monthlyQ = (rate: number) => 1 - (1 - Math.min(rate, 0.999_999)) ** (1 / 12);
  const qIncidence = new Float64Array(SEXES * AGES);
  const qDeath = new Float64Array(SEXES * AGES);
  for (let age = 0; age <= MAX_AGE; age++) {
    qIncidence[cell(0, age)] = monthlyQ(tables.incidence.male[age]! * opts.incidenceMultiplier);
    qIncidence[cell(1, age)] = monthlyQ(tables.incidence.female[age]! * opts.incidenceMultiplier);
    qDeath[cell(0, age)] = opts.demography ? monthlyQ(tables.mortality.male[age]!) : 0;
    qDeath[cell(1, age)] = opts.demography ? monthlyQ(tables.mortality.female[age]!) : 0;
  }
  const caps = rules.apportionment.caps;
  const minimum = rules.closure.minimumMembers;
  const W = p.waitingMonths;

  const shareByRunMonth = new Float64Array(opts.runs * months);
  const sums = {
    members: new Float64Array(months),
    cases: new Float64Array(months),
    benefits: new Float64Array(months),
    fees: new Float64Array(months),
  };
  const yearlyShare = Array.from({ length: opts.years }, () => new Float64Array(opts.runs));
  const capBinds = new Float64Array(opts.years);
  const capBindsMonth = new Float64Array(months);
  const sponsor = new Float64Array(opts.years);
  const belowMin = new Float64Array(opts.years);
  const pyramidStart = new Float64Array(SEXES * AGES);
  const pyramidEnd = new Float64Array(SEXES * AGES);

  for (let run = 0; run < opts.runs; run++) {
    const rng = new Random(opts.seed * 1_000_003 + run);
    // covered[0] = members from the start, covered[1] = joiners (adverse selection); waiting ring per slot.
    const covered = [new Float64Array(SEXES * AGES), new Float64Array(SEXES * AGES)];
    const waiting = Array.from({ length: Math.max(W, 1) }, () => new Float64Array(SEXES * AGES));
    for (let i = 0; i < initialMix.length; i++) covered[0]![i] = initialMix[i]! * opts.members;
    let refShare = 0;
    let yearShare = 0;
    let lastYearShare = 0;
    let wasBelow = false;
    const expected = new Float64Array(amounts.length);
    for (let m = 0; m < months; m++) {
      const year = Math.floor(m / 12);
      const epidemic = opts.epidemic && opts.epidemic.year === year + 1 ? opts.epidemic.factor : 1;
      // 1. Cases among covered members, by benefit amount; and among members still waiting.
      expected.fill(0);
      let waitingExpected = 0;
      for (let g = 0; g < 2; g++) {
        const sel = g === 1 ? 1 + opts.adverseSelection : 1;
        const c = covered[g]!;
        for (let i = 0; i < c.length; i++) {
          const n = c[i]!;
          if (n <= 0) continue;
          const k = amountIndex[i % AGES]!;
          if (k >= 0) expected[k]! += n * qIncidence[i]! * sel * epidemic;
        }
      }
      for (const w of waiting)
        for (let i = 0; i < w.length; i++)
          waitingExpected += w[i]! * qIncidence[i]! * (1 + opts.adverseSelection) * epidemic;
      let cases = 0;
      let benefitsFen = 0;
      let feesFen = 0;
      const ratio = new Float64Array(amounts.length);
      for (let k = 0; k < amounts.length; k++) {
        const drawn = rng.poisson(expected[k]!);
        cases += drawn;
        benefitsFen += drawn * amounts[k]!;
        feesFen += drawn * caseFeeFen(rules, fen(amounts[k]!));
        ratio[k] = expected[k]! > 0 ? drawn / expected[k]! : 0;
      }
      feesFen += collectionFeeFen(rules, fen(benefitsFen + feesFen));
      const waitingCases = rng.poisson(waitingExpected);
      const waitingRatio = waitingExpected > 0 ? waitingCases / waitingExpected : 0;
      // 2. Claimants leave (paid, or refused in the waiting period); deaths; exits.
      const exitYearly =
        opts.exitRatePerYear +
        (refShare > 0 ? opts.exitElasticity * Math.max(0, lastYearShare / refShare - 1) : 0);
      const qExit = monthlyQ(Math.min(exitYearly, 0.95));
      let members = 0;
      for (let g = 0; g < 2; g++) {
        const sel = g === 1 ? 1 + opts.adverseSelection : 1;
        const c = covered[g]!;
        for (let i = 0; i < c.length; i++) {
          const n = c[i]!;
          if (n <= 0) continue;
          const k = amountIndex[i % AGES]!;
          const claimed = k >= 0 ? n * qIncidence[i]! * sel * epidemic * ratio[k]! : 0;
          // the young and healthy leave first when cost rises (seed 004's exodus)
          const exitFactor = i % AGES < 40 ? 1.3 : 0.8;
          c[i] = Math.max(0, n - claimed - n * qDeath[i]! - n * qExit * exitFactor);
          members += c[i]!;
        }
      }
      for (const w of waiting) {
        for (let i = 0; i < w.length; i++) {
          const n = w[i]!;
          if (n <= 0) continue;
          w[i] = Math.max(
            0,
            n - n * qIncidence[i]! * (1 + opts.adverseSelection) * epidemic * waitingRatio - n * qDeath[i]!,
          );
          members += w[i]!;
        }
      }
      // 3. Cost per member this month, with the caps: per case × cases, per cycle (two a month at most).
      let shareFen = members > 0 ? Math.ceil((benefitsFen + feesFen) / members) : 0;
      if (caps.perCase && shareFen > caps.perCase.amount * cases) {
        shareFen = caps.perCase.amount * cases;
        capBindsMonth[m]! += 1;
      }
      yearShare += shareFen;
      shareByRunMonth[run * months + m] = shareFen;
      sums.members[m]! += members;
      sums.cases[m]! += cases;
      sums.benefits[m]! += benefitsFen;
      sums.fees[m]! += feesFen;
      if (minimum !== undefined && members < minimum) wasBelow = true;
      // 4. Joiners enter the waiting period; the oldest waiting slot becomes covered.
      const graduating = waiting[m % waiting.length]!;
      if (W > 0) {
        for (let i = 0; i < graduating.length; i++) {
          covered[1]![i]! += graduating[i]!;
          graduating[i] = 0;
        }
      }
      const target = W > 0 ? graduating : covered[1]!;
      for (let i = 0; i < joinMix.length; i++) target[i]! += joinMix[i]! * opts.joinsPerMonth;
      if (run === 0 && m === 0)
        for (let g = 0; g < 2; g++)
          for (let i = 0; i < pyramidStart.length; i++) pyramidStart[i]! += covered[g]![i]!;
      // 5. Year end: the annual cap, the reference share, ageing.
      if (m % 12 === 11) {
        let charged = yearShare;
        if (caps.perYear && yearShare > caps.perYear.amount) {
          capBinds[year]! += 1;
          if (caps.perYear.excessBorneBy === "sponsor")
            sponsor[year]! += (yearShare - caps.perYear.amount) * members;
          charged = caps.perYear.amount;
        }
        yearlyShare[year]![run] = charged;
        if (wasBelow) belowMin[year]! += 1;
        if (year === 0) refShare = Math.max(yearShare, 1);
        lastYearShare = yearShare;
        yearShare = 0;
        wasBelow = false;
        if (opts.demography) {
          for (const arr of [...covered, ...waiting]) {
            for (let s = 0; s < SEXES; s++) {
              arr[cell(s, MAX_AGE)]! += arr[cell(s, MAX_AGE - 1)]!;
              for (let a = MAX_AGE - 1; a > 0; a--) arr[cell(s, a)] = arr[cell(s, a - 1)]!;
              arr[cell(s, 0)] = 0;
            }
          }
        }
      }
    }
    if (run === 0)
      for (const arr of [...covered, ...waiting])
        for (let i = 0; i < arr.length; i++) pyramidEnd[i]! += arr[i]!;
  }

  const monthly = Array.from({ length: months }, (_, m) => {
    const col = new Float64Array(opts.runs);
    for (let r = 0; r < opts.runs; r++) col[r] = shareByRunMonth[r * months + m]!;
    return {
      month: m + 1,
      members: Math.round(sums.members[m]! / opts.runs),
      cases: Math.round((sums.cases[m]! / opts.runs) * 100) / 100,
      benefitsFen: Math.round(sums.benefits[m]! / opts.runs),
      feesFen: Math.round(sums.fees[m]! / opts.runs),
      shareFen: band(col),
      /** The per-case cap cut the share in this month, across runs. */
      capBindsProbability: capBindsMonth[m]! / opts.runs,
    };
  });
  const yearly = Array.from({ length: opts.years }, (_, y) => {
    const slice = monthly.slice(y * 12, y * 12 + 12);
    return {
      year: y + 1,
      members: slice[11]!.members,
      cases: Math.round(slice.reduce((n, x) => n + x.cases, 0) * 100) / 100,
      benefitsFen: slice.reduce((n, x) => n + x.benefitsFen, 0),
      feesFen: slice.reduce((n, x) => n + x.feesFen, 0),
      shareFen: band(yearlyShare[y]!),
      capBindsProbability: capBinds[y]! / opts.runs,
      sponsorExposureFen: Math.round(sponsor[y]! / opts.runs),
      belowMinimumProbability: belowMin[y]! / opts.runs,
    };
  });
  return {
    plan: plan.id,
    ruleVersion: version.effective,
    options: opts,
    monthly,
    yearly,
    pyramid: { start: bands(pyramidStart), end: bands(pyramidEnd) },
  };
}

function bands(counts: Float64Array): AgeBands {
  const out: Array<{ band: string; male: number; female: number }> = [];
  for (let from = 0; from <= 100; from += 5) {
    let male = 0;
    let female = 0;
    for (let a = from; a < from + 5 && a <= MAX_AGE; a++) {
      male += counts[cell(0, a)]!;
      female += counts[cell(1, a)]!;
    }
    out.push({
      band: from === 100 ? "100+" : `${from}-${from + 4}`,
      male: Math.round(male),
      female: Math.round(female),
    });
  }
  return out;
}

/** The closed-form pricing check of seed 001: incidence × benefit × (1 + fee). */
export function expectedYearlyShareFen(incidence: number, benefitFen: Fen, feeBasisPoints: number): number {
  return incidence * benefitFen * (1 + feeBasisPoints / 10_000);
}
