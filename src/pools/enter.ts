import { type CivilDate, partsOf } from "../domain/calendar.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { groupFor, type PremiumPool, splitPremium } from "../domain/plan/premium-pool.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberRepository } from "../members/members.repository.ts";
import type { Tx } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { poolsRepository } from "./pools.repository.ts";

/** A premium-pool plan's first premium must be held before joining, like a prepaid first deposit. */
export async function assertPremiumHeld(tx: Tx, pool: PremiumPool, memberId: number): Promise<void> {
  // The balance is a liability: what the member holds is −balance.
  if (-(await balanceOf(tx, accounts.memberBalance(memberId))) < pool.premium)
    fail(
      "insufficient_balance",
      `this plan's yearly premium is ${pool.premium / 100}; top up first`,
      "planId",
    );
}

/**
 * A new participation of a premium-pool plan, in the join's transaction: its group (the lowest under
 * the cap, or a new one), and the year's premium from the member's balance, split between the group's
 * pool and the insurer in the ledger. Both logged.
 */
export async function enterPool(
  tx: Tx,
  pool: PremiumPool,
  j: { participationId: number; memberId: number; planId: string; on: CivilDate; at: Date },
): Promise<{ groupNo: number }> {
  await poolsRepository.lockPlanGroups(tx, j.planId);
  const { groupNo, opened } = groupFor(await poolsRepository.groupSizes(tx, j.planId), pool.groupSizeMax);
  await poolsRepository.insertMember(tx, { ...j, groupNo, joinedOn: j.on });
  await recordPremium(tx, pool, {
    ...j,
    groupNo,
    groupOpened: opened,
    year: partsOf(j.on).year,
    from: accounts.memberBalance(j.memberId),
  });
  return { groupNo };
}

/**
 * A year's premium of a member of a group, in the caller's transaction: the row, the ledger entry
 * (from `from` — the member's balance at joining, the provider's clearing for a renewal's debit — to
 * the group's pool and the insurer by `splitPremium`) and the log fact.
 */
export async function recordPremium(
  tx: Tx,
  pool: PremiumPool,
  p: {
    participationId: number;
    memberId: number;
    planId: string;
    groupNo: number;
    groupOpened: boolean;
    year: number;
    on: CivilDate;
    at: Date;
    from: string;
    renewal?: { attempt: number };
  },
): Promise<void> {
  const split = splitPremium(pool);
  await poolsRepository.insertPremium(tx, {
    participationId: p.participationId,
    year: p.year,
    paidOn: p.on,
    premiumFen: split.premiumFen,
    poolFen: split.poolFen,
  });
  const postings = [{ accountId: p.from, amountFen: split.premiumFen }];
  if (split.poolFen > 0)
    postings.push({ accountId: accounts.groupPool(p.planId, p.groupNo), amountFen: fen(-split.poolFen) });
  if (split.insurerFen > 0)
    postings.push({ accountId: accounts.insurerPremiums(p.planId), amountFen: fen(-split.insurerFen) });
  if (split.premiumFen > 0)
    await postTransaction(tx, {
      key: `pool:${p.planId}:premium:${p.participationId}:${p.year}`,
      kind: "pool_premium",
      planId: p.planId,
      at: p.at,
      postings,
    });
  await appendLogEntry(tx, "pool_premium", {
    member: await memberRepository.pseudonymOf(tx, p.memberId),
    plan: p.planId,
    participation: p.participationId,
    group: p.groupNo,
    groupOpened: p.groupOpened,
    year: p.year,
    premiumFen: split.premiumFen,
    poolFen: split.poolFen,
    insurerFen: split.insurerFen,
    ...(p.renewal ? { renewal: true, attempt: p.renewal.attempt } : {}),
    on: p.on,
  });
}
