import { type CivilDate, partsOf } from "../../domain/calendar.ts";
import { type Fen, fen } from "../../domain/money.ts";
import {
  groupFor,
  type PremiumPool,
  payFromPool,
  splitPremium,
  yearEndOfPool,
} from "../../domain/plan/premium-pool.ts";

/** One group's year, as the runner reports it and the live system records it (pool_* tables). */
export type PoolYearReport = {
  year: number;
  groupNo: number;
  /** Members who paid a premium into the group this year. */
  members: number;
  poolInFen: Fen;
  insurerFen: Fen;
  claims: number;
  fromPoolFen: Fen;
  fromInsurerFen: Fen;
  /** Null until the year's end has run. */
  returnedFen: Fen | null;
  carriedFen: Fen | null;
};

type Group = {
  groupNo: number;
  /** Members still in the plan. */
  size: number;
  /** Members still in the plan, by cohort. */
  inPlan: Map<string, number>;
  /** Payers of each year, one key per member (`cohort#n`), in joining order. */
  payers: Map<number, string[]>;
};

/**
 * One more member by `groupFor`, shown only the groups with room and the highest group (so a new group
 * is numbered after it): a join looks at a few groups, not all (a million members: 66,667 groups).
 */
function assign(groups: Group[], open: Set<number>, groupSizeMax: number): Group {
  const last = groups.at(-1);
  const sizes = [...open].map((no) => ({ groupNo: no, members: groups[no - 1]!.size }));
  if (last && !open.has(last.groupNo)) sizes.push({ groupNo: last.groupNo, members: last.size });
  const { groupNo, opened } = groupFor(sizes, groupSizeMax);
  if (opened) groups.push({ groupNo, size: 0, inPlan: new Map(), payers: new Map() });
  const g = groups[groupNo - 1]!;
  g.size += 1;
  if (g.size < groupSizeMax) open.add(groupNo);
  else open.delete(groupNo);
  return g;
}

const emptyYear = (year: number, groupNo: number): PoolYearReport => ({
  year,
  groupNo,
  members: 0,
  poolInFen: fen(0),
  insurerFen: fen(0),
  claims: 0,
  fromPoolFen: fen(0),
  fromInsurerFen: fen(0),
  returnedFen: null,
  carriedFen: null,
});

/** `n` premiums paid into a group's year. */
function credit(r: PoolYearReport, n: number, split: { poolFen: number; insurerFen: number }): void {
  r.members += n;
  r.poolInFen = fen(r.poolInFen + n * split.poolFen);
  r.insurerFen = fen(r.insurerFen + n * split.insurerFen);
}

/** A group's payers of `year`, the list made on first use. */
function payersOf(g: Group, year: number): string[] {
  const list = g.payers.get(year) ?? [];
  g.payers.set(year, list);
  return list;
}

/** Every member of a cohort out of its groups, their places free again. */
function leaveGroups(groups: Group[], open: Set<number>, cohort: string): void {
  for (const g of groups) {
    const n = g.inPlan.get(cohort) ?? 0;
    if (n === 0) continue;
    g.inPlan.set(cohort, 0);
    g.size -= n;
    open.add(g.groupNo);
  }
}

/**
 * The premium pools of a scenario, with the same domain functions as the live system
 * (src/domain/plan/premium-pool.ts): members assigned to groups one by one as they join, each premium
 * split at joining, a claim paid from the claimant's group's pool, each year's end the day after it.
 */
export function scenarioPools() {
  const groups: Group[] = [];
  const open = new Set<number>();
  const years = new Map<string, PoolYearReport>();
  let seq = 0;

  const row = (year: number, groupNo: number): PoolYearReport => {
    const k = `${year}|${groupNo}`;
    const r = years.get(k) ?? emptyYear(year, groupNo);
    years.set(k, r);
    return r;
  };
  const held = (year: number, groupNo: number) => {
    const r = row(year, groupNo);
    return carriedInto(year, groupNo) + r.poolInFen - r.fromPoolFen;
  };
  const carriedInto = (year: number, groupNo: number) => years.get(`${year - 1}|${groupNo}`)?.carriedFen ?? 0;

  return {
    /** `count` members of a cohort join on `day`: each into a group, each paying the year's premium. */
    join(pool: PremiumPool, cohort: string, count: number, day: CivilDate): void {
      const year = partsOf(day).year;
      const split = splitPremium(pool);
      for (let i = 0; i < count; i++) {
        const g = assign(groups, open, pool.groupSizeMax);
        g.inPlan.set(cohort, (g.inPlan.get(cohort) ?? 0) + 1);
        payersOf(g, year).push(`${cohort}#${seq++}`);
        credit(row(year, g.groupNo), 1, split);
      }
    },

    /** `year`'s renewal premium of each member of a cohort still in a group (pools/renewal.ts live). */
    renew(pool: PremiumPool, cohort: string, year: number): void {
      const split = splitPremium(pool);
      for (const g of groups.filter((x) => (x.inPlan.get(cohort) ?? 0) > 0)) {
        const n = g.inPlan.get(cohort)!;
        payersOf(g, year).push(...Array.from({ length: n }, () => `${cohort}#${seq++}`));
        credit(row(year, g.groupNo), n, split);
      }
    },

    /** Every member of a cohort leaves its group (a renewal unpaid): their places are free again. */
    leave: (cohort: string): void => leaveGroups(groups, open, cohort),

    /** A claim of a cohort's first member, paid from the group; `leaves` takes the claimant out. */
    claim(cohort: string, benefitFen: Fen, day: CivilDate, leaves: boolean): void {
      const g = groups.find((x) => (x.inPlan.get(cohort) ?? 0) > 0);
      if (!g) return;
      const year = partsOf(day).year;
      const paid = payFromPool(held(year, g.groupNo), benefitFen);
      const r = row(year, g.groupNo);
      r.claims += 1;
      r.fromPoolFen = fen(r.fromPoolFen + paid.fromPoolFen);
      r.fromInsurerFen = fen(r.fromInsurerFen + paid.fromInsurerFen);
      if (leaves) {
        g.inPlan.set(cohort, g.inPlan.get(cohort)! - 1);
        g.size -= 1;
        open.add(g.groupNo);
      }
    },

    /** The end of `year` for every group: returned to the year's payers, or carried. */
    yearEnd(pool: PremiumPool, year: number): void {
      for (const g of groups) {
        const r = years.get(`${year}|${g.groupNo}`);
        if (!r || r.returnedFen !== null) continue;
        const poolFen = held(year, g.groupNo);
        const payers = (g.payers.get(year) ?? []).map((key) => ({
          key,
          poolFen: splitPremium(pool).poolFen,
        }));
        const end = yearEndOfPool(pool, { poolFen, claimed: r.claims > 0 }, payers);
        r.returnedFen = fen(end.returned.reduce((s, x) => s + x.fen, 0));
        r.carriedFen = end.carriedFen;
      }
    },

    report(): PoolYearReport[] {
      return [...years.values()].sort((a, b) => a.year - b.year || a.groupNo - b.groupNo);
    },
  };
}
