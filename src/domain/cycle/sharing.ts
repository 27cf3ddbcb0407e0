import { type Rules, WEIGHT_SCALE } from "../plan/schema.ts";

/** One age band of the rules' weights; an open end is null (no age is past it). */
export type WeightBand = { fromAge: number | null; toAge: number | null; weightUnits: number };

/**
 * The rules' weight bands as data, in the order `weightUnitsFor` tries them: the first band holding
 * the member's age gives the weight, and an age in no band weighs `WEIGHT_SCALE` (1).
 */
export function weightBands(rules: Rules): WeightBand[] {
  return rules.apportionment.weights.map((w) => ({
    fromAge: w.ages.from ?? null,
    toAge: w.ages.to ?? null,
    weightUnits: w.weight,
  }));
}

export const DEFAULT_WEIGHT_UNITS = WEIGHT_SCALE;
