import { payoutRepository } from "../claims/payout.repository.ts";
import { shareRepository } from "../cycles/share.repository.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { paidPerCase } from "../domain/claim/payout.ts";
import { accounts } from "../domain/ledger.ts";
import { limits } from "../limits.ts";
import { memberFor } from "../members/member-for.ts";
import { listDependants } from "../members/view.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { balanceOf } from "../store/ledger.repository.ts";
import { paymentRepository } from "./payments.repository.ts";

/**
 * What a member's money stands at: held, claimed by cycles not yet disclosed, withdrawable (the
 * difference), what they owe as advances with the advanced shares (cycle, plan, date, amount), the
 * shares awaiting their confirmation (never counted as owed), the
 * payouts received (their own claims and their dependants'), and each dependant's charges.
 */
export async function moneyOf(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  return withTransaction(deps.pool, async (tx) => {
    const heldFen = -(await balanceOf(tx, accounts.memberBalance(memberId)));
    const claimedFen = await shareRepository.claimedByOpenCycles(tx, memberId);
    const advanced = await shareRepository.advancedSharesOf(tx, memberId);
    // A share the member never confirmed is no debt of theirs, even where the operator advanced it.
    const unconsentedFen = advanced.filter((a) => a.unconsented).reduce((n, a) => n + a.shareFen, 0);
    const owedFen = Math.max(0, (await balanceOf(tx, accounts.memberAdvance(memberId))) - unconsentedFen);
    const dependants = await listDependants(tx, memberId);
    return {
      memberId,
      balanceFen: heldFen,
      claimedByOpenCyclesFen: claimedFen,
      withdrawableFen: Math.max(0, heldFen - claimedFen),
      advancesOwedFen: owedFen,
      advancedShares: advanced.filter((a) => !a.unconsented).map(shareLine),
      awaitingConfirmation: await awaitingConfirmation(tx, memberId, advanced),
      payouts: await payoutsTo(tx, memberId, dependants),
      dependants: await Promise.all(
        dependants.map(async (d) => ({
          memberId: d.memberId,
          name: d.name,
          charges: await paymentRepository.chargesOf(tx, d.memberId, limits.dependantChargesMax),
        })),
      ),
    };
  });
}

const shareLine = (a: { cycleId: number; planId: string; announcedOn: string; shareFen: number }) => ({
  cycleId: a.cycleId,
  planId: a.planId,
  announcedOn: a.announcedOn,
  shareFen: a.shareFen,
});

/**
 * The shares that wait for the member's confirmation: those of cycles still open, to confirm by their
 * collection day, and those whose collection came without it (`closed`: never debited, not owed — the
 * operator's advance of them is the operator's).
 */
async function awaitingConfirmation(
  tx: Tx,
  memberId: number,
  advanced: ReadonlyArray<{
    cycleId: number;
    planId: string;
    announcedOn: string;
    shareFen: number;
    collectOn: string;
    unconsented: boolean;
  }>,
) {
  const open = (await shareRepository.unconfirmedSharesOf(tx, memberId)).map((a) => ({
    ...shareLine(a),
    confirmBy: a.collectOn,
    closed: false,
  }));
  const closed = advanced
    .filter((a) => a.unconsented)
    .map((a) => ({ ...shareLine(a), confirmBy: a.collectOn, closed: true }));
  return [...open, ...closed];
}

/**
 * The payouts of the member's paid claims and their dependants': each claim's part of its cycle's one
 * ledger payout (as the claim shows it), paid to the member — for a dependant, to the guardian.
 */
async function payoutsTo(
  tx: Tx,
  memberId: number,
  dependants: ReadonlyArray<{ memberId: number; name: string }>,
) {
  const names = new Map(dependants.map((d) => [d.memberId, d.name]));
  const cases = await paymentRepository.paidCasesOf(tx, [memberId, ...names.keys()]);
  const out = [];
  for (const c of cases) {
    const ledgerFen = await payoutRepository.cyclePayoutFen(
      tx,
      `cycle:${c.planId}:${c.announcedOn}:payout`,
      accounts.pool(c.planId),
    );
    const split = paidPerCase(await payoutRepository.cyclesCases(tx, c.cycleId), ledgerFen);
    out.push({
      claimId: c.claimId,
      caseId: c.caseId,
      planId: c.planId,
      cycleId: c.cycleId,
      amountFen: split.get(c.caseId) ?? 0,
      paidOn: c.paidOn,
      destination: c.memberId === memberId ? ("member" as const) : ("guardian" as const),
      beneficiary: names.get(c.memberId) ?? null,
    });
  }
  return out;
}
