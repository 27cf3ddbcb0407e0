import { ceilDiv, type Fen, fen, floorDiv, sumFen } from "./money.ts";
import { caseFeeFen, collectionFeeFen } from "./plan/fees.ts";
import type { Rules } from "./plan/schema.ts";
import { formatWeight } from "./plan/weights.ts";
import { assert } from "./result.ts";

/** Members who owe the same share: same weight, same remaining annual cap, same periodic fee. */
export type ShareGroup = {
  readonly key: string;
  readonly members: number;
  readonly weightUnits: number;
  /** What remains of the annual cap per member (cap − paid this year); undefined = no annual cap. */
  readonly yearRemainingFen?: Fen | undefined;
  /** Periodic management fee per member for this cycle (per month / per day plans), not capped. */
  readonly memberFeeFen?: Fen | undefined;
};

export type CycleCase = { readonly benefitFen: Fen };

export type CycleInput = {
  readonly rules: Rules;
  readonly cases: readonly CycleCase[];
  readonly groups: readonly ShareGroup[];
  readonly surplusInFen: Fen;
  /**
   * The divisor in weight units when it is not the sharing weight (抗癌公社: members at the end of
   * the previous month × 0.8). Undefined = Σ members × weight of the groups.
   */
  readonly denominatorWeightUnits?: bigint | undefined;
  /** Wind-down: the sponsor pays the whole cycle and members pay nothing (相互宝's last cycles). */
  readonly sponsorPaysAll?: boolean | undefined;
};

export type GroupShare = {
  readonly key: string;
  readonly members: number;
  readonly weight: string;
  /** What each member of the group is charged this cycle: cost share + periodic fee. */
  readonly shareFen: Fen;
  readonly costShareFen: Fen;
  readonly memberFeeFen: Fen;
  /** A cap cut this group's share. */
  readonly capped: "perCase" | "perCycle" | "perYear" | null;
};

export type CycleResult = {
  readonly cases: number;
  /** Benefits paid: approved benefits less any cut borne by the benefit. */
  readonly benefitsFen: Fen;
  readonly approvedBenefitsFen: Fen;
  /** Fees: case fees + collection fee (less any cut) + periodic member fees. */
  readonly feesFen: Fen;
  readonly surplusInFen: Fen;
  readonly surplusOutFen: Fen;
  readonly sponsorFen: Fen;
  /** What caps or a shortfall took from benefits and fees (borne by the benefit). */
  readonly benefitCutFen: Fen;
  readonly dueFen: Fen;
  readonly sharingMembers: number;
  readonly sharingWeightUnits: bigint;
  readonly shares: readonly GroupShare[];
  /** Σ members × shareFen: what the cycle charges, before any deduction fails. */
  readonly chargedFen: Fen;
};

type CapKind = "perCase" | "perCycle" | "perYear";
type Bearer = "sponsor" | "benefit";

/**
 * One cycle's apportionment (architecture.md §4): due = benefits + fees − surplus carried in; each
 * member pays weight × due ÷ Σ weights rounded UP to the fen, cut by the per-case, per-cycle and
 * remaining annual caps. What rounding collects beyond the due is surplus (互助结余) for the next
 * cycle; what caps cut off is paid by the sponsor or taken from the benefits, as the rules say.
 * Conserves exactly: charged + sponsor = benefits + fees − surplusIn + surplusOut.
 */
export function apportionCycle(input: CycleInput): CycleResult {
  const { rules, cases, groups } = input;
  const approvedBenefitsFen = sumFen(cases.map((c) => c.benefitFen));
  const caseFeesFen = sumFen(cases.map((c) => caseFeeFen(rules, c.benefitFen)));
  const sharedFeesFen = fen(caseFeesFen + collectionFeeFen(rules, fen(approvedBenefitsFen + caseFeesFen)));
  const costFen = fen(approvedBenefitsFen + sharedFeesFen);
  const dueFen = fen(Math.max(0, costFen - input.surplusInFen));
  const sharingMembers = groups.reduce((n, g) => n + g.members, 0);
  const sharingWeightUnits = groups.reduce((w, g) => w + BigInt(g.members) * BigInt(g.weightUnits), 0n);
  const divisor = input.denominatorWeightUnits ?? sharingWeightUnits;
  const { shares, cutNumerator } = divide(input, BigInt(dueFen), divisor);
  const costChargedFen = sumFen(shares.map((s) => fen(s.costShareFen * s.members)));
  const memberFeesFen = sumFen(shares.map((s) => fen(s.memberFeeFen * s.members)));
  const rest = remainder(input, { costFen, dueFen, costChargedFen, cutNumerator });
  // A cut borne by the benefit reduces benefits and the fees charged on them in proportion.
  const feeCutFen =
    costFen === 0 ? 0 : Number(floorDiv(BigInt(rest.benefitCutFen) * BigInt(sharedFeesFen), BigInt(costFen)));
  const result: CycleResult = {
    cases: cases.length,
    benefitsFen: fen(approvedBenefitsFen - (rest.benefitCutFen - feeCutFen)),
    approvedBenefitsFen,
    feesFen: fen(sharedFeesFen - feeCutFen + memberFeesFen),
    surplusInFen: input.surplusInFen,
    surplusOutFen: fen(rest.surplusOutFen),
    sponsorFen: fen(rest.sponsorFen),
    benefitCutFen: fen(rest.benefitCutFen),
    dueFen,
    sharingMembers,
    sharingWeightUnits,
    shares,
    chargedFen: fen(costChargedFen + memberFeesFen),
  };
  assert(
    conserves(result),
    "a cycle conserves: charged + sponsor = benefits + fees − surplus in + surplus out",
  );
  return result;
}

/**
 * Divide: each group's share of the due by weight, capped; and, per bearer, the weighted amount the
 * caps cut off (members × (weight × due − share × divisor)), to split a shortfall by.
 */
function divide(input: CycleInput, due: bigint, divisor: bigint) {
  const cutNumerator: Record<Bearer, bigint> = { sponsor: 0n, benefit: 0n };
  const shares: GroupShare[] = input.groups.map((g) => {
    assert(g.members >= 0 && g.weightUnits > 0, "a share group has members ≥ 0 and a positive weight");
    const memberFeeFen = g.memberFeeFen ?? fen(0);
    let costShareFen = fen(0);
    let capped: CapKind | null = null;
    if (!input.sponsorPaysAll && due > 0n && divisor > 0n) {
      const w = BigInt(g.weightUnits);
      const c = cap(input, g, ceilDiv(w * due, divisor));
      if (c.bearer) cutNumerator[c.bearer] += BigInt(g.members) * (w * due - c.share * divisor);
      capped = c.capped;
      costShareFen = fen(c.share);
    }
    return {
      key: g.key,
      members: g.members,
      weight: formatWeight(g.weightUnits),
      shareFen: fen(costShareFen + memberFeeFen),
      costShareFen,
      memberFeeFen,
      capped,
    };
  });
  return { shares, cutNumerator };
}

/** Cap: the lowest of the per-case, per-cycle and remaining annual caps that cuts the share, and who bears it. */
function cap(
  input: CycleInput,
  g: ShareGroup,
  uncapped: bigint,
): { share: bigint; capped: CapKind | null; bearer: Bearer | undefined } {
  const caps = input.rules.apportionment.caps;
  const limits: Array<[CapKind, bigint, Bearer]> = [];
  if (caps.perCase)
    limits.push([
      "perCase",
      BigInt(caps.perCase.amount) * BigInt(input.cases.length),
      caps.perCase.excessBorneBy,
    ]);
  if (caps.perCycle) limits.push(["perCycle", BigInt(caps.perCycle.amount), caps.perCycle.excessBorneBy]);
  if (caps.perYear && g.yearRemainingFen !== undefined) {
    limits.push(["perYear", BigInt(Math.max(0, g.yearRemainingFen)), caps.perYear.excessBorneBy]);
  }
  let share = uncapped;
  let capped: CapKind | null = null;
  let bearer: Bearer | undefined;
  for (const [kind, limit, by] of limits) {
    if (limit < share) {
      share = limit;
      capped = kind;
      bearer = by;
    }
  }
  return { share, capped, bearer };
}

/**
 * Remainder: what the shares leave over or short of the due. Over: surplus for the next cycle; short:
 * the sponsor and the benefit in proportion to what their caps cut off; a shortfall no cap explains (an
 * empty plan, a divisor above the members) goes to the plan's shortfall bearer.
 */
function remainder(
  input: CycleInput,
  t: { costFen: Fen; dueFen: Fen; costChargedFen: Fen; cutNumerator: Record<Bearer, bigint> },
): { sponsorFen: number; benefitCutFen: number; surplusOutFen: number } {
  if (t.costFen <= input.surplusInFen)
    return { sponsorFen: 0, benefitCutFen: 0, surplusOutFen: input.surplusInFen - t.costFen };
  if (input.sponsorPaysAll) return { sponsorFen: t.dueFen, benefitCutFen: 0, surplusOutFen: 0 };
  if (t.costChargedFen >= t.dueFen)
    return { sponsorFen: 0, benefitCutFen: 0, surplusOutFen: t.costChargedFen - t.dueFen };
  const shortfall = BigInt(t.dueFen - t.costChargedFen);
  const totalCut = t.cutNumerator.sponsor + t.cutNumerator.benefit;
  const sponsorShare =
    totalCut === 0n
      ? input.rules.apportionment.shortfallBorneBy === "sponsor"
        ? shortfall
        : 0n
      : ceilDiv(shortfall * t.cutNumerator.sponsor, totalCut);
  return {
    sponsorFen: Number(sponsorShare),
    benefitCutFen: Number(shortfall - sponsorShare),
    surplusOutFen: 0,
  };
}

/**
 * The divisor day and rule of 抗癌公社 (`previousMonthEnd`): the weighted members still in the plan who
 * had joined by the end of the month before the announcement, × the factor. Live and the scenario runner
 * count the members their own way and divide through this one function.
 */
export function previousMonthEndDivisor(rules: Rules, unitsAtMonthEnd: bigint): bigint | undefined {
  const d = rules.apportionment.denominator;
  if (d.kind === "sharingMembers") return undefined;
  return floorDiv(unitsAtMonthEnd * BigInt(d.factorPercent), 10_000n);
}

/** The conservation identity of architecture.md §1, before failures split the charge. */
export function conserves(
  r: Pick<
    CycleResult,
    "chargedFen" | "sponsorFen" | "benefitsFen" | "feesFen" | "surplusInFen" | "surplusOutFen"
  >,
): boolean {
  return r.chargedFen + r.sponsorFen === r.benefitsFen + r.feesFen - r.surplusInFen + r.surplusOutFen;
}
