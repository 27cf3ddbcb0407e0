import { apportionCycle, type CycleResult, type ShareGroup } from "../apportion.ts";
import type { CivilDate } from "../calendar.ts";
import { casesWaitForSharers } from "../claim/payout.ts";
import { DEFAULT_WEIGHT_UNITS, weightBands } from "../cycle/sharing.ts";
import { fen } from "../money.ts";
import { memberFeeFen } from "../plan/fees.ts";
import type { Rules } from "../plan/schema.ts";
import { type Fact, num, str } from "./facts.ts";
import type { AnnouncedContext } from "./inputs.ts";

/** A cycle as the log tells it: its announcement, result and share root, and who the log says shares. */
export type LoggedCycle = {
  readonly cycle: number;
  readonly plan: string;
  readonly announcement: Fact;
  /** How many participations owe a share by the logged membership at the announcement. */
  readonly sharingLogged: number;
  /** The benefits of the cases the announcement names, from the decisions that shared them. */
  readonly caseBenefitsFen: number[];
  /** The previous cycle's logged surplus out (0 for a plan's first cycle). */
  readonly previousSurplusOutFen: number;
  /** What the log says at the announcement for its inputs' check (inputs.ts). */
  readonly context: AnnouncedContext;
  result?: Fact;
  root?: Fact;
};

type Group = { weightUnits: number; ytdFen: number; feeFrom: string | null; members: number };

export const cycleName = (c: { cycle: number; plan: string; announcement: Fact }) =>
  `cycle ${c.cycle} (${c.plan}, ${str(c.announcement.e.announcedOn)})`;

/** The logged groups as `apportionCycle` takes them: the same arithmetic as announce.ts `priceGroups`. */
function shareGroups(rules: Rules, announcedOn: string, groups: readonly Group[]): ShareGroup[] {
  const capYear = rules.apportionment.caps.perYear?.amount;
  return groups.map((g) => ({
    key: `${g.weightUnits}|${g.ytdFen}|${g.feeFrom}`,
    members: g.members,
    weightUnits: g.weightUnits,
    yearRemainingFen: capYear === undefined ? undefined : fen(Math.max(0, capYear - g.ytdFen)),
    memberFeeFen:
      g.feeFrom === null ? undefined : memberFeeFen(rules, g.feeFrom as CivilDate, announcedOn as CivilDate),
  }));
}

/** The groups' membership against the log's: the count, and every weight one the rules give. */
function checkGroups(c: LoggedCycle, rules: Rules, groups: readonly Group[], problems: string[]): void {
  const name = cycleName(c);
  const grouped = groups.reduce((n, g) => n + g.members, 0);
  if (grouped !== c.sharingLogged)
    problems.push(
      `${name}: the logged joins, exits and suspensions give ${c.sharingLogged} sharing participations, the announcement prices ${grouped}`,
    );
  const weights = new Set([DEFAULT_WEIGHT_UNITS, ...weightBands(rules).map((b) => b.weightUnits)]);
  for (const g of groups)
    if (!weights.has(g.weightUnits))
      problems.push(`${name}: a share group weighs ${g.weightUnits} units, a weight the rules do not give`);
}

/** Re-runs the cycle's apportionment from the log's facts, as announce.ts and `apportionOrWait` do. */
export function recomputeCycle(c: LoggedCycle, rules: Rules, problems: string[]): CycleResult | undefined {
  const a = c.announcement.e;
  const groups = a.groups as Group[] | undefined;
  if (!Array.isArray(groups)) {
    problems.push(
      `${cycleName(c)}: its announcement (entry ${c.announcement.index}) predates the logged share groups; it cannot be recomputed`,
    );
    return undefined;
  }
  checkGroups(c, rules, groups, problems);
  if (num(a.surplusInFen) !== c.previousSurplusOutFen)
    problems.push(
      `${cycleName(c)}: the announcement carries in a surplus of ${num(a.surplusInFen)} fen, the previous cycle logged ${c.previousSurplusOutFen} fen out`,
    );
  const denominator = str(a.denominatorWeightUnits);
  const input = {
    rules,
    cases: c.caseBenefitsFen.map((b) => ({ benefitFen: fen(b) })),
    groups: shareGroups(rules, String(a.announcedOn), groups),
    surplusInFen: fen(c.previousSurplusOutFen),
    denominatorWeightUnits: denominator === undefined ? undefined : BigInt(denominator),
    sponsorPaysAll: a.sponsorPaysAll === true,
  };
  const first = apportionCycle(input);
  return casesWaitForSharers(first) ? apportionCycle({ ...input, cases: [] }) : first;
}

const COMPARED = [
  "cases",
  "benefitsFen",
  "feesFen",
  "sponsorFen",
  "surplusOutFen",
  "sharingMembers",
] as const;

/** The recomputation against the announcement, the cycle's result and its share root. */
export function compareCycle(c: LoggedCycle, r: CycleResult, problems: string[]): void {
  const name = cycleName(c);
  const expect = (where: string, field: string, logged: unknown, recomputed: number) => {
    if (logged !== undefined && logged !== recomputed)
      problems.push(
        `${name}: ${field} is ${String(logged)} in the logged ${where}, the recomputation gives ${recomputed}`,
      );
  };
  for (const k of COMPARED) expect("announcement", k, c.announcement.e[k], r[k]);
  if (c.result)
    for (const k of ["benefitsFen", "feesFen", "sponsorFen", "surplusOutFen"] as const)
      expect("cycle_result", k, c.result.e[k], r[k]);
  if (c.result) {
    const total = (num(c.result.e.collectedFen) ?? 0) + (num(c.result.e.failedFen) ?? 0);
    expect("cycle_result", "collectedFen + failedFen", total, r.chargedFen);
  }
  if (r.sharingMembers > 0 && !c.root)
    problems.push(`${name}: ${r.sharingMembers} members share, but no share root is logged`);
  if (c.root) {
    expect("share root", "members", c.root.e.members, r.sharingMembers);
    expect("share root", "totalFen", c.root.e.totalFen, r.chargedFen);
  }
}
