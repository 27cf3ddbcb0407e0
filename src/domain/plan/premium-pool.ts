import { type Fen, fen } from "../money.ts";
import type { Funding } from "./schema.ts";

/*
 * Friendsurance's premium pools, as seed 000 describes them: groups of at most 15 (人數不超過 15 人);
 * each premium split 60% to a conventional insurer and 40% to the group's pool (保費基金); a claim paid
 * directly from the pool, the amount beyond the pool by the insurer (超過保費基金的金額則由保險公司理賠);
 * and where nobody in the group claimed, the pool returned at the period's end (如果小組中沒有人出險，
 * 到期末就會返還保費基金). One meaning for the live system and the scenario runner.
 */

export type PremiumPool = Extract<Funding, { mode: "premiumPool" }>;

export const premiumPoolOf = (funding: Funding): PremiumPool | undefined =>
  funding.mode === "premiumPool" ? funding : undefined;

/** A group of a plan and how many members it holds now (participations still in the plan). */
export type GroupSize = { readonly groupNo: number; readonly members: number };

/**
 * The group a new member joins: the lowest-numbered group under the cap, else a new group numbered
 * after the highest. A group never holds more than `groupSizeMax` members.
 */
export function groupFor(
  groups: readonly GroupSize[],
  groupSizeMax: number,
): { groupNo: number; opened: boolean } {
  const open = groups.filter((g) => g.members < groupSizeMax).sort((a, b) => a.groupNo - b.groupNo)[0];
  if (open) return { groupNo: open.groupNo, opened: false };
  return { groupNo: groups.reduce((n, g) => Math.max(n, g.groupNo), 0) + 1, opened: true };
}

/** A premium's split: the pool's part (rounded down to the fen), the insurer the rest. */
export function splitPremium(pool: PremiumPool): { premiumFen: Fen; poolFen: Fen; insurerFen: Fen } {
  const poolFen = Math.floor((pool.premium * pool.poolPercent) / 10_000);
  return { premiumFen: pool.premium, poolFen: fen(poolFen), insurerFen: fen(pool.premium - poolFen) };
}

/** A claim's benefit paid from the group's pool as far as it holds, the rest by the insurer. */
export function payFromPool(poolFen: number, benefitFen: number): { fromPoolFen: Fen; fromInsurerFen: Fen } {
  const fromPoolFen = Math.max(0, Math.min(poolFen, benefitFen));
  return { fromPoolFen: fen(fromPoolFen), fromInsurerFen: fen(benefitFen - fromPoolFen) };
}

/** What one member put into the group's pool this year. */
export type PoolContribution = { readonly key: string; readonly poolFen: number };

/**
 * The year's end of one group's pool: where the plan returns an unused pool and nobody in the group
 * claimed this year, the whole pool goes back to those who paid into it, in proportion to what each
 * paid (floor, then the remaining fen one each in contribution order, so the parts sum to the pool);
 * otherwise the pool is carried into the group's next year (the seed is silent on a used pool's rest).
 */
export function yearEndOfPool(
  pool: PremiumPool,
  group: { poolFen: number; claimed: boolean },
  contributions: readonly PoolContribution[],
): { returned: Array<{ key: string; fen: Fen }>; carriedFen: Fen } {
  const payers = contributions.filter((c) => c.poolFen > 0);
  const paidIn = payers.reduce((s, c) => s + BigInt(c.poolFen), 0n);
  if (!pool.unusedPoolReturnedAtYearEnd || group.claimed || group.poolFen <= 0 || paidIn === 0n)
    return { returned: [], carriedFen: fen(Math.max(0, group.poolFen)) };
  const total = BigInt(group.poolFen);
  let left = total;
  const parts = payers.map((c) => {
    const part = (BigInt(c.poolFen) * total) / paidIn;
    left -= part;
    return { key: c.key, part };
  });
  for (const p of parts) {
    if (left <= 0n) break;
    p.part += 1n;
    left -= 1n;
  }
  return {
    returned: parts.filter((p) => p.part > 0n).map((p) => ({ key: p.key, fen: fen(Number(p.part)) })),
    carriedFen: fen(0),
  };
}
