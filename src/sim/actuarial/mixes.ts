import { ageWeights, MAX_AGE, type PopulationMix } from "./tables.ts";

export const SEXES = 2;
export const AGES = MAX_AGE + 1;
export const cell = (sex: number, age: number) => sex * AGES + age;

/**
 * Ages of members: the census mix within the plan's joining ages, tilted ("internet": seed 001's 82.5% of
 * internet users aged 10–49; "young-first": 相互宝's members, seed 002 图 3-1's "80后、90后 … 近 60%" (ages 20–39
 * in 2019); "white-paper-2025": the white paper's participation rates by age for 2025,
 * seed 002 §一 图 1), one age, or a given mix (counts by age group and sex, like the census file).
 */
export type AgeMix =
  | "census"
  | "internet"
  | "young-first"
  | "white-paper-2025"
  | { readonly age: number }
  | { readonly given: PopulationMix };

/** The relative take-up by age each named mix applies to the census. */
function tilt(mix: AgeMix, age: number): number {
  if (mix === "internet") return age < 40 ? 2 : age < 50 ? 1 : 0.4;
  // The internet tilt with fewer children: 20–39 then make 60% of a 0–59 membership (test/sim/actuarial).
  if (mix === "young-first") return age < 20 ? 0.65 : age < 40 ? 2 : age < 50 ? 1 : 0.4;
  // Seed 002: 网络互助率 60% at 20–49, 20% at 50–59, 5% at 60+; under 20 it gives none: 30% assumed
  // (half the internet rate of the 0–9s, as parents join their children).
  if (mix === "white-paper-2025") return age < 20 ? 0.3 : age < 50 ? 0.6 : age < 60 ? 0.2 : 0.05;
  return 1;
}

/** The mix over sex × age, normalised to 1, within the eligible ages and no younger than minAge. */
export function mixOver(
  census: PopulationMix,
  mix: AgeMix,
  maleShare: number,
  eligible: Uint8Array,
  minAge: number,
): Float64Array {
  const out = new Float64Array(SEXES * AGES);
  if (typeof mix === "object" && "age" in mix) {
    out[cell(0, mix.age)] = maleShare;
    out[cell(1, mix.age)] = 1 - maleShare;
    return out;
  }
  const w = ageWeights(typeof mix === "object" ? mix.given : census, 0, MAX_AGE);
  let total = 0;
  for (let age = minAge; age <= MAX_AGE; age++) {
    if (!eligible[age]) continue;
    const t = tilt(mix, age);
    out[cell(0, age)] = w.male[age]! * t;
    out[cell(1, age)] = w.female[age]! * t;
    total += (w.male[age]! + w.female[age]!) * t;
  }
  // The census's own sex ratio unless a share of men is given (a given share reweights the sexes).
  if (maleShare >= 0) {
    let men = 0;
    for (let age = 0; age <= MAX_AGE; age++) men += out[cell(0, age)]!;
    const women = total - men;
    for (let age = 0; age <= MAX_AGE; age++) {
      out[cell(0, age)]! *= men > 0 ? (maleShare * total) / men : 0;
      out[cell(1, age)]! *= women > 0 ? ((1 - maleShare) * total) / women : 0;
    }
  }
  for (let i = 0; i < out.length; i++) out[i]! /= total || 1;
  return out;
}

/** Share of a mix aged from–to (inclusive), e.g. seed 002's "80后、90后 … 近 60%" (ages 20–39 in 2019). */
export function shareAged(mix: Float64Array, from: number, to: number): number {
  let inside = 0;
  let total = 0;
  for (let s = 0; s < SEXES; s++)
    for (let a = 0; a <= MAX_AGE; a++) {
      total += mix[cell(s, a)]!;
      if (a >= from && a <= to) inside += mix[cell(s, a)]!;
    }
  return total > 0 ? inside / total : 0;
}
