import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fen } from "../../../src/domain/money.ts";
import {
  groupFor,
  type PremiumPool,
  payFromPool,
  splitPremium,
  yearEndOfPool,
} from "../../../src/domain/plan/premium-pool.ts";

// Friendsurance as its plan document says (plans/friendsurance.yaml): premium 100 (10,000 fen), 40% to
// the pool (4,000 bp stored), groups of at most 15, an unused pool returned at the year's end.
const FRIENDSURANCE: PremiumPool = {
  mode: "premiumPool",
  premium: fen(10_000),
  poolPercent: 4_000,
  groupSizeMax: 15,
  unusedPoolReturnedAtYearEnd: true,
};

const arbPool = fc
  .record({
    premium: fc.integer({ min: 0, max: 1_000_000 }),
    poolPercent: fc.integer({ min: 0, max: 10_000 }),
    groupSizeMax: fc.integer({ min: 2, max: 30 }),
    returned: fc.boolean(),
  })
  .map(
    (r): PremiumPool => ({
      mode: "premiumPool",
      premium: fen(r.premium),
      poolPercent: r.poolPercent,
      groupSizeMax: r.groupSizeMax,
      unusedPoolReturnedAtYearEnd: r.returned,
    }),
  );

describe("groupFor", () => {
  it("puts the 16th member of a full group of 15 into a new group 2", () => {
    expect(groupFor([{ groupNo: 1, members: 15 }], 15)).toEqual({ groupNo: 2, opened: true });
    expect(groupFor([{ groupNo: 1, members: 14 }], 15)).toEqual({ groupNo: 1, opened: false });
    expect(groupFor([], 15)).toEqual({ groupNo: 1, opened: true });
  });

  it("fills the lowest group with room first (a member left group 1)", () => {
    const sizes = [
      { groupNo: 2, members: 3 },
      { groupNo: 1, members: 14 },
    ];
    expect(groupFor(sizes, 15)).toEqual({ groupNo: 1, opened: false });
  });

  it("never lets a group exceed the cap, over any sequence of joins and leaves", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.oneof(fc.constant("join" as const), fc.nat({ max: 40 })), { maxLength: 300 }),
        (max, ops) => {
          const sizes = new Map<number, number>();
          for (const op of ops) {
            const list = [...sizes].map(([groupNo, members]) => ({ groupNo, members }));
            if (op === "join") {
              const { groupNo, opened } = groupFor(list, max);
              expect(opened).toBe(!sizes.has(groupNo));
              sizes.set(groupNo, (sizes.get(groupNo) ?? 0) + 1);
            } else {
              const g = list[op % Math.max(1, list.length)];
              if (g && g.members > 0) sizes.set(g.groupNo, g.members - 1);
            }
            for (const n of sizes.values()) expect(n).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });
});

describe("splitPremium and payFromPool", () => {
  it("splits 100 euros 40 / 60, and pays a 500-euro claim from a pool of 600 entirely", () => {
    expect(splitPremium(FRIENDSURANCE)).toEqual({ premiumFen: 10_000, poolFen: 4_000, insurerFen: 6_000 });
    // 15 members × 40 = 600 euros in the pool; the claim of 500 is small: all from the pool
    expect(payFromPool(60_000, 50_000)).toEqual({ fromPoolFen: 50_000, fromInsurerFen: 0 });
    // one member's 40 euros: the pool pays 40, the insurer the 460 beyond it (seed 000)
    expect(payFromPool(4_000, 50_000)).toEqual({ fromPoolFen: 4_000, fromInsurerFen: 46_000 });
    expect(payFromPool(0, 50_000)).toEqual({ fromPoolFen: 0, fromInsurerFen: 50_000 });
  });

  it("splits every premium exactly, the pool's part rounded down (33.33% of 1 fen is 0)", () => {
    expect(splitPremium({ ...FRIENDSURANCE, premium: fen(1), poolPercent: 3_333 })).toEqual({
      premiumFen: 1,
      poolFen: 0,
      insurerFen: 1,
    });
    fc.assert(
      fc.property(arbPool, (pool) => {
        const s = splitPremium(pool);
        expect(s.poolFen + s.insurerFen).toBe(pool.premium);
        expect(s.poolFen).toBeGreaterThanOrEqual(0);
        expect(s.insurerFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("pays each benefit in full, never more from the pool than it holds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (held, benefit) => {
        const p = payFromPool(held, benefit);
        expect(p.fromPoolFen + p.fromInsurerFen).toBe(benefit);
        expect(p.fromPoolFen).toBeLessThanOrEqual(held);
        expect(p.fromInsurerFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("yearEndOfPool", () => {
  it("returns an unused pool in proportion to what each paid in, carries a used one", () => {
    const payers = [
      { key: "a", poolFen: 4_000 },
      { key: "b", poolFen: 4_000 },
      { key: "c", poolFen: 4_000 },
    ];
    // 12,000 returned 4,000 each; 10,000 (some went out otherwise) → 3,333 each + 1 fen to the first
    expect(yearEndOfPool(FRIENDSURANCE, { poolFen: 12_000, claimed: false }, payers).returned).toEqual([
      { key: "a", fen: 4_000 },
      { key: "b", fen: 4_000 },
      { key: "c", fen: 4_000 },
    ]);
    expect(yearEndOfPool(FRIENDSURANCE, { poolFen: 10_000, claimed: false }, payers).returned).toEqual([
      { key: "a", fen: 3_334 },
      { key: "b", fen: 3_333 },
      { key: "c", fen: 3_333 },
    ]);
    // someone in the group claimed: the 2,000 left is carried, nothing returned
    expect(yearEndOfPool(FRIENDSURANCE, { poolFen: 2_000, claimed: true }, payers)).toEqual({
      returned: [],
      carriedFen: 2_000,
    });
    // a plan that does not return unused pools carries them
    const keeps = { ...FRIENDSURANCE, unusedPoolReturnedAtYearEnd: false };
    expect(yearEndOfPool(keeps, { poolFen: 12_000, claimed: false }, payers).carriedFen).toBe(12_000);
  });

  it("conserves the pool's money: returned + carried = the pool, over random groups and years", () => {
    fc.assert(
      fc.property(
        arbPool,
        fc.array(fc.nat({ max: 100_000 }), { maxLength: 20 }),
        fc.nat({ max: 3_000_000 }),
        fc.boolean(),
        (pool, paid, poolFen, claimed) => {
          const payers = paid.map((p, i) => ({ key: String(i), poolFen: p }));
          const end = yearEndOfPool(pool, { poolFen, claimed }, payers);
          const returned = end.returned.reduce((s, r) => s + r.fen, 0);
          expect(returned + end.carriedFen).toBe(poolFen);
          for (const r of end.returned) expect(r.fen).toBeGreaterThan(0);
          if (claimed || !pool.unusedPoolReturnedAtYearEnd) expect(returned).toBe(0);
        },
      ),
    );
  });

  it("conserves premiums over a year of joins and claims: premiums = insurer + claims from pools + the pools' ends", () => {
    fc.assert(
      fc.property(
        arbPool,
        fc.nat({ max: 60 }),
        fc.array(fc.record({ member: fc.nat({ max: 59 }), benefit: fc.nat({ max: 200_000 }) }), {
          maxLength: 10,
        }),
        (pool, members, claims) => {
          const groups = new Map<number, { keys: string[]; held: number; claimed: boolean }>();
          const memberGroup: number[] = [];
          let insurer = 0;
          for (let m = 0; m < members; m++) {
            const sizes = [...groups].map(([groupNo, g]) => ({ groupNo, members: g.keys.length }));
            const { groupNo } = groupFor(sizes, pool.groupSizeMax);
            const g = groups.get(groupNo) ?? { keys: [], held: 0, claimed: false };
            const s = splitPremium(pool);
            g.keys.push(String(m));
            g.held += s.poolFen;
            insurer += s.insurerFen;
            groups.set(groupNo, g);
            memberGroup.push(groupNo);
          }
          let fromPools = 0;
          for (const c of claims) {
            if (c.member >= members) continue;
            const g = groups.get(memberGroup[c.member]!)!;
            const p = payFromPool(g.held, c.benefit);
            g.held -= p.fromPoolFen;
            g.claimed = true;
            fromPools += p.fromPoolFen;
          }
          let ends = 0;
          for (const g of groups.values()) {
            const payers = g.keys.map((key) => ({ key, poolFen: splitPremium(pool).poolFen }));
            const end = yearEndOfPool(pool, { poolFen: g.held, claimed: g.claimed }, payers);
            ends += end.returned.reduce((s, r) => s + r.fen, 0) + end.carriedFen;
            expect(g.keys.length).toBeLessThanOrEqual(pool.groupSizeMax);
          }
          expect(insurer + fromPools + ends).toBe(members * pool.premium);
        },
      ),
    );
  });
});
