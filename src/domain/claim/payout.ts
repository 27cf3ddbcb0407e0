import { civilDate } from "../calendar.ts";
import { type Fen, fen } from "../money.ts";
import { type Reason, reasonText, why } from "./reasons.ts";

/**
 * A cycle nobody shares in cannot pay its cases from members: where the terms would then take the
 * whole shortfall from the benefits (no sponsor cover, no surplus carried in), the cases wait for the
 * next cycle instead of being paid nothing. A sponsor's cover or a surplus pays them as the terms say.
 */
export function casesWaitForSharers(r: {
  cases: number;
  sharingMembers: number;
  benefitCutFen: number;
}): boolean {
  return r.cases > 0 && r.sharingMembers === 0 && r.benefitCutFen > 0;
}

/**
 * What each case of a cycle was paid: the cycle's paid benefits split in proportion to the approved
 * benefits (floor, then the remaining fen one each to the first cases in case order), so the parts sum
 * to the cycle's payout exactly. Cases in case-id order.
 */
export function paidPerCase(
  cases: ReadonlyArray<{ caseId: number; benefitFen: number }>,
  benefitsPaidFen: number,
): Map<number, Fen> {
  const approved = cases.reduce((s, c) => s + BigInt(c.benefitFen), 0n);
  const out = new Map<number, Fen>();
  if (approved === 0n) return out;
  const paid = BigInt(benefitsPaidFen);
  let left = paid;
  for (const c of cases) {
    const part = (BigInt(c.benefitFen) * paid) / approved;
    out.set(c.caseId, fen(Number(part)));
    left -= part;
  }
  for (const c of cases) {
    if (left <= 0n) break;
    out.set(c.caseId, fen(out.get(c.caseId)! + 1));
    left -= 1n;
  }
  return out;
}

export type PayoutCause = "waiting" | "announced" | "paid_in_full" | "capped" | "shortfall";

export type CapBorne = { kind: "perCase" | "perCycle" | "perYear"; amountFen: number };

/** Why a case's payment is what it is: a stable cause, and the reason's code, parameters and sentence. */
export function payoutReason(p: {
  benefitFen: number;
  paidFen: Fen | null;
  cycle: { cycleId: number; sharingMembers: number; collectOn: string; paid: boolean } | null;
  capsBorneByBenefit: readonly CapBorne[];
}): { cause: PayoutCause; why: Reason; text: string } {
  const said = (cause: PayoutCause, r: Reason) => ({ cause, why: r, text: reasonText(r) });
  const { cycle } = p;
  if (cycle === null) return said("waiting", why("payout_waiting", {}));
  const { cycleId, sharingMembers } = cycle;
  const collectOn = civilDate(cycle.collectOn);
  if (!cycle.paid || p.paidFen === null)
    return said("announced", why("payout_announced", { cycleId, sharingMembers, collectOn }));
  const cutFen = p.benefitFen - p.paidFen;
  if (cutFen <= 0) return said("paid_in_full", why("payout_paid_in_full", { cycleId, collectOn }));
  if (p.capsBorneByBenefit.length > 0) {
    const caps = p.capsBorneByBenefit;
    return said("capped", why("payout_capped", { caps, cycleId, sharingMembers, cutFen }));
  }
  return said("shortfall", why("payout_shortfall", { cycleId, sharingMembers, cutFen }));
}
