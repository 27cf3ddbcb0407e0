import { cell } from "./mixes.ts";
import { MAX_AGE } from "./tables.ts";

export type Band = { readonly mean: number; readonly p5: number; readonly p50: number; readonly p95: number };
export type AgeBands = ReadonlyArray<{ band: string; male: number; female: number }>;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i]!;
}

export function band(values: Float64Array): Band {
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

type Accumulated = {
  readonly members: Float64Array;
  readonly cases: Float64Array;
  readonly benefits: Float64Array;
  readonly fees: Float64Array;
  readonly perCaseMonth: Float64Array;
  readonly yearlyShare: ReadonlyArray<Float64Array>;
  readonly perYear: Float64Array;
  readonly sponsor: Float64Array;
  readonly belowMin: Float64Array;
  readonly pyramidStart: Float64Array;
  readonly pyramidEnd: Float64Array;
};

/** The means and bands across runs, per month and per year, from the simulation's accumulators. */
export function summarise(
  opts: { readonly runs: number; readonly years: number },
  months: number,
  shareByRunMonth: Float64Array,
  acc: Accumulated,
) {
  const runs = opts.runs;
  const monthly = Array.from({ length: months }, (_, m) => {
    const col = new Float64Array(runs);
    for (let r = 0; r < runs; r++) col[r] = shareByRunMonth[r * months + m]!;
    return {
      month: m + 1,
      members: Math.round(acc.members[m]! / runs),
      cases: Math.round((acc.cases[m]! / runs) * 100) / 100,
      benefitsFen: Math.round(acc.benefits[m]! / runs),
      feesFen: Math.round(acc.fees[m]! / runs),
      shareFen: band(col),
      perCaseCapProbability: acc.perCaseMonth[m]! / runs,
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
      shareFen: band(acc.yearlyShare[y]!),
      perCaseCapMonthsShare: slice.reduce((n, x) => n + x.perCaseCapProbability, 0) / 12,
      perYearCapProbability: acc.perYear[y]! / runs,
      sponsorExposureFen: Math.round(acc.sponsor[y]! / runs),
      belowMinimumProbability: acc.belowMin[y]! / runs,
    };
  });
  return { monthly, yearly, pyramid: { start: bands(acc.pyramidStart), end: bands(acc.pyramidEnd) } };
}
