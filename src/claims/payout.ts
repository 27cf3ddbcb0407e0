import { civilDate } from "../domain/calendar.ts";
import { type CapBorne, type PayoutCause, paidPerCase, payoutReason } from "../domain/claim/payout.ts";
import { type Reason, reasonColumns, reasonText, why } from "../domain/claim/reasons.ts";
import { accounts } from "../domain/ledger.ts";
import { type Fen, fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { poolsRepository } from "../pools/pools.repository.ts";
import type { Queryable } from "../store/db.ts";
import type { Claim } from "./claim.repository.ts";
import { payoutRepository } from "./payout.repository.ts";

export type PayoutView = {
  /** What the ledger paid for this case; null until its cycle has paid. */
  paidFen: Fen | null;
  /** benefitFen − paidFen once paid. */
  cutFen: Fen | null;
  cycleId: number | null;
  reason: { cause: PayoutCause; text: string; reasonCode: string; reasonParams: Record<string, unknown> };
};

/** The payout's reason as sent: the cause, the English, and its code and parameters for the app. */
function shown(cause: PayoutCause, r: Reason): PayoutView["reason"] {
  const { code, params } = reasonColumns(r);
  return { cause, text: reasonText(r), reasonCode: code, reasonParams: params };
}

/** The caps whose excess the cycle's rules take from the benefit (said as `perCase ≤ 10 fen`). */
async function capsBorneByBenefit(q: Queryable, planId: string, ruleVersion: string): Promise<CapBorne[]> {
  const rules = ruleVersionOn(await loadStoredPlan(q, planId), civilDate(ruleVersion))?.rules;
  const caps = rules?.apportionment.caps ?? {};
  return Object.entries(caps)
    .filter(([, c]) => c?.excessBorneBy === "benefit")
    .map(([kind, c]) => ({ kind: kind as CapBorne["kind"], amountFen: c!.amount }));
}

/**
 * A shared claim's payment as the ledger and the cycle record it: the cycle's payout (the ledger's one
 * sum out of the pool) split over its cases in proportion to their benefits, and why it differs from
 * the approved benefit. Undefined before the case enters sharing.
 */
export async function payoutOf(q: Queryable, c: Claim): Promise<PayoutView | undefined> {
  if (c.caseId === null || c.benefitFen === null) return undefined;
  const k = await payoutRepository.caseCycleFacts(q, c.caseId);
  if (!k) return undefined;
  const fromPool = k.cycleId === null ? await poolsRepository.claimOf(q, c.caseId) : undefined;
  if (fromPool) {
    // A premium-pool plan pays at once, in full: the group's pool as far as it held, the insurer beyond.
    const r = why("payout_from_pool", {
      paidOn: civilDate(fromPool.paidOn),
      fromPoolFen: fromPool.fromPoolFen,
      groupNo: fromPool.groupNo,
      fromInsurerFen: fromPool.fromInsurerFen,
    });
    return { paidFen: fen(c.benefitFen), cutFen: fen(0), cycleId: null, reason: shown("paid_in_full", r) };
  }
  if (k.cycleId === null || k.announcedOn === null) {
    const reason = payoutReason({
      benefitFen: c.benefitFen,
      paidFen: null,
      cycle: null,
      capsBorneByBenefit: [],
    });
    return { paidFen: null, cutFen: null, cycleId: null, reason: shown(reason.cause, reason.why) };
  }
  const cycle = {
    cycleId: k.cycleId,
    sharingMembers: k.sharingMembers ?? 0,
    collectOn: k.collectOn!,
    paid: k.paid,
  };
  let paidFen: Fen | null = null;
  if (k.paid) {
    const key = `cycle:${c.planId}:${k.announcedOn}:payout`;
    const ledgerFen = await payoutRepository.cyclePayoutFen(q, key, accounts.pool(c.planId));
    paidFen =
      paidPerCase(await payoutRepository.cyclesCases(q, k.cycleId), ledgerFen).get(c.caseId) ?? fen(0);
  }
  const caps = paidFen !== null ? await capsBorneByBenefit(q, c.planId, k.ruleVersion!) : [];
  const reason = payoutReason({ benefitFen: c.benefitFen, paidFen, cycle, capsBorneByBenefit: caps });
  return {
    paidFen,
    cutFen: paidFen === null ? null : fen(c.benefitFen - paidFen),
    cycleId: k.cycleId,
    reason: shown(reason.cause, reason.why),
  };
}
