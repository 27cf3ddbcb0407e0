import type { Rules } from "./schema.ts";
import { WEIGHT_SCALE } from "./schema.ts";

/** A member's weight in the apportionment by age at the announcement, in 1/10,000 units. */
export function weightUnitsFor(rules: Rules, ageAtAnnouncement: number): number {
  for (const w of rules.apportionment.weights) {
    if (w.ages.from !== undefined && ageAtAnnouncement < w.ages.from) continue;
    if (w.ages.to !== undefined && ageAtAnnouncement > w.ages.to) continue;
    return w.weight;
  }
  return WEIGHT_SCALE;
}

/** Weight units as the decimal string reports show ("0.5", "1", "1.25"). */
export function formatWeight(units: number | bigint): string {
  const u = BigInt(units);
  const scale = BigInt(WEIGHT_SCALE);
  const whole = u / scale;
  const frac = (u % scale).toString().padStart(4, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}
