import { type Fen, fen } from "../money.ts";

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

/** Why a case's payment is what it is, as a stable cause and a sentence. */
export function payoutReason(p: {
  benefitFen: number;
  paidFen: Fen | null;
  cycle: { cycleId: number; sharingMembers: number; collectOn: string; paid: boolean } | null;
  capsBorneByBenefit: readonly string[];
}): { cause: PayoutCause; text: string } {
  const { cycle } = p;
  if (cycle === null)
    return {
      cause: "waiting",
      text: "approved; waiting for the next cycle with sharing members to be apportioned",
    };
  if (!cycle.paid || p.paidFen === null)
    return {
      cause: "announced",
      text: `apportioned in cycle ${cycle.cycleId} among ${cycle.sharingMembers} sharing members; paid after the collection on ${cycle.collectOn}`,
    };
  const cutFen = p.benefitFen - p.paidFen;
  if (cutFen <= 0)
    return {
      cause: "paid_in_full",
      text: `paid in full by cycle ${cycle.cycleId} after collection on ${cycle.collectOn}`,
    };
  if (p.capsBorneByBenefit.length > 0)
    return {
      cause: "capped",
      text: `the plan's caps on each member's share (${p.capsBorneByBenefit.join(", ")}) limited what cycle ${cycle.cycleId}'s ${cycle.sharingMembers} sharing members paid; the rules take the excess from the benefit: ${cutFen} fen less than approved`,
    };
  return {
    cause: "shortfall",
    text: `cycle ${cycle.cycleId}'s ${cycle.sharingMembers} sharing members did not cover the benefit and the rules take the shortfall from it: ${cutFen} fen less than approved`,
  };
}
