import { shareRepository } from "../cycles/share.repository.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts } from "../domain/ledger.ts";
import { memberFor } from "../members/member-for.ts";
import { withTransaction } from "../store/db.ts";
import { balanceOf } from "../store/ledger.repository.ts";

/**
 * What a member's money stands at: held, claimed by cycles not yet disclosed, withdrawable (the
 * difference), and what they owe as advances with the advanced shares (cycle, plan, date, amount).
 */
export async function moneyOf(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  return withTransaction(deps.pool, async (tx) => {
    const heldFen = -(await balanceOf(tx, accounts.memberBalance(memberId)));
    const claimedFen = await shareRepository.claimedByOpenCycles(tx, memberId);
    const owedFen = Math.max(0, await balanceOf(tx, accounts.memberAdvance(memberId)));
    const advanced = await shareRepository.advancedSharesOf(tx, memberId);
    return {
      memberId,
      balanceFen: heldFen,
      claimedByOpenCyclesFen: claimedFen,
      withdrawableFen: Math.max(0, heldFen - claimedFen),
      advancesOwedFen: owedFen,
      advancedShares: advanced.map((a) => ({
        cycleId: a.cycleId,
        planId: a.planId,
        announcedOn: a.announcedOn,
        shareFen: a.shareFen,
      })),
    };
  });
}
