import { addDays, type CivilDate, civilDate, partsOf } from "../calendar.ts";
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

/*
 * The renewal premium of the years after joining. The seed is silent on renewal; the pool year is the
 * calendar year (its end, returning or carrying each group's pool, runs on the next year's first day),
 * so each later year's premium falls due on that same first day, after the year's end, for every member
 * who joined in an earlier year and is still in the plan. It is a debit (代扣) like a post-paid share:
 * retried as the plan's failure policy says, and a premium unpaid after the last attempt ends the
 * participation that day — no premium, no cover, no place in the group.
 */

/** The day `year`'s renewal premium is due: the pool year's first day. */
export const renewalDueOn = (year: number): CivilDate => civilDate(`${year}-01-01`);

/** Whether a member who joined on `joinedOn` owes `year`'s renewal: they joined in an earlier year. */
export const renewsIn = (joinedOn: CivilDate, year: number): boolean => partsOf(joinedOn).year < year;

/** The day of each attempt at `year`'s renewal: the due day, then one every `retryEveryDays`. */
export function renewalAttemptDays(
  year: number,
  policy: { readonly retryAttempts: number; readonly retryEveryDays: number },
): CivilDate[] {
  const first = renewalDueOn(year);
  return Array.from({ length: policy.retryAttempts + 1 }, (_, k) =>
    addDays(first, k * policy.retryEveryDays),
  );
}

/**
 * After attempt `attempt` (0 the first) of `year`'s renewal failed: the next attempt's day, or, after
 * the last (or at once where the member has withdrawn consent, which no retry may override), the end of
 * the participation on `today`.
 */
export function afterFailedRenewal(
  year: number,
  attempt: number,
  policy: { readonly retryAttempts: number; readonly retryEveryDays: number },
  today: CivilDate,
  consented: boolean,
): { retryOn: CivilDate } | { endsOn: CivilDate } {
  const next = renewalAttemptDays(year, policy)[attempt + 1];
  return consented && next !== undefined ? { retryOn: next } : { endsOn: today };
}
