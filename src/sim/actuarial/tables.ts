/** Actuarial tables by age 0–105 (copied with their sources into data/, see data/SOURCES.md). */
export type RateTable = { readonly male: Float64Array; readonly female: Float64Array };
export type PopulationMix = ReadonlyArray<{
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly male: number;
  readonly female: number;
}>;

export const MAX_AGE = 105;

/** Parses an age-indexed CSV (header with `age`, then one row per age) into two columns by name. */
export function parseRateTable(csv: string, maleColumn: string, femaleColumn: string): RateTable {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const cols = header!.split(",");
  const mi = cols.indexOf(maleColumn);
  const fi = cols.indexOf(femaleColumn);
  if (mi < 0 || fi < 0) throw new Error(`columns ${maleColumn}/${femaleColumn} not in the table`);
  const male = new Float64Array(MAX_AGE + 1);
  const female = new Float64Array(MAX_AGE + 1);
  for (const line of lines) {
    const cells = line.split(",");
    const age = Number(cells[0]);
    male[age] = Number(cells[mi]);
    female[age] = Number(cells[fi]);
  }
  return { male, female };
}

/** Parses the census table (age groups "0", "1-4", …, "100+"). */
export function parsePopulation(csv: string): PopulationMix {
  const [, ...lines] = csv.trim().split(/\r?\n/);
  return lines.map((line) => {
    const [group, male, female] = line.split(",");
    const [from, to] = group!.endsWith("+")
      ? [Number(group!.slice(0, -1)), MAX_AGE]
      : group!.includes("-")
        ? group!.split("-").map(Number)
        : [Number(group), Number(group)];
    return { ageFrom: from!, ageTo: to!, male: Number(male), female: Number(female) };
  });
}

/** Spreads a population mix over single ages within [minAge, maxAge], normalised to sum 1 per sex pair. */
export function ageWeights(
  mix: PopulationMix,
  minAge: number,
  maxAge: number,
): { male: Float64Array; female: Float64Array } {
  const male = new Float64Array(MAX_AGE + 1);
  const female = new Float64Array(MAX_AGE + 1);
  let total = 0;
  for (const g of mix) {
    const span = g.ageTo - g.ageFrom + 1;
    for (let a = g.ageFrom; a <= g.ageTo; a++) {
      if (a < minAge || a > maxAge) continue;
      male[a] = g.male / span;
      female[a] = g.female / span;
      total += (g.male + g.female) / span;
    }
  }
  for (let a = 0; a <= MAX_AGE; a++) {
    male[a]! /= total || 1;
    female[a]! /= total || 1;
  }
  return { male, female };
}
