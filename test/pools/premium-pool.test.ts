import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.repository.ts";
import { payoutOf } from "../../src/claims/payout.ts";
import { runCycle } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { accounts } from "../../src/domain/ledger.ts";
import { importMembers } from "../../src/import/import.ts";
import { auditReconciliation } from "../../src/log/reconcile.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { heldFen } from "../../src/payments/top-up.ts";
import { balanceOf } from "../../src/store/ledger.repository.ts";
import { approveCase, registerMember, residentId } from "../support/app.ts";
import { runDueOn } from "../support/cycles.ts";
import { useTestApp } from "../support/use-app.ts";

// Friendsurance live (plans/friendsurance.yaml): premium 100 EUR = 10,000 cents a year, 40% (4,000) to the
// group's pool, 60% (6,000) to the insurer, groups of at most 15, an unused pool returned at the year's end.
const t = useTestApp({
  nowMs: Date.UTC(2019, 0, 1, 2),
  provider: { failureRate: 0 },
  presets: ["friendsurance"],
});

let seq = 0;
async function member() {
  const n = seq++;
  return registerMember(t, `1${String(7.6e9 + n).padStart(10, "0")}`, residentId("1990-06-01", 500 + n));
}
async function topUp(m: Awaited<ReturnType<typeof member>>, amountFen: number) {
  const r = await t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/top-ups`,
    headers: { ...m.auth, "idempotency-key": `top-${m.memberId}-${amountFen}` },
    // before joining, the premium is a first deposit naming the plan (payments/top-up.ts)
    payload: { amountFen, planId: "friendsurance" },
  });
  expect(r.statusCode).toBeLessThan(300);
}
const join = (m: Awaited<ReturnType<typeof member>>) =>
  t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "friendsurance" },
  });
const logged = async (kind: string) => {
  const { rows } = await t.db.pool.query<{ entry: Record<string, unknown> }>(
    "SELECT entry FROM log_outbox WHERE kind = $1 ORDER BY outbox_id",
    [kind],
  );
  return rows.map((r) => r.entry);
};
const held = async (account: string) => 0 - (await balanceOf(t.db.pool, account)) + 0;

describe("friendsurance's premium pools live", () => {
  const members: Array<{ m: Awaited<ReturnType<typeof member>>; participationId: number }> = [];

  it("refuses a join without the year's premium held (409 naming planId), and nothing is written", async () => {
    const m = await member();
    // money with nothing to fund stays refused: a top-up naming no plan, by a member in none
    const unnamed = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "unnamed" },
      payload: { amountFen: 10_000 },
    });
    expect(unnamed.statusCode).toBe(409);
    expect(unnamed.json()).toMatchObject({ code: "no_prepaid_participation", field: "planId" });
    await topUp(m, 9_999); // one cent short of 10,000
    const r = await join(m);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: "insufficient_balance", field: "planId" });
    expect(await heldFen(t.deps, m.memberId)).toBe(9_999);
    const { rows } = await t.db.pool.query("SELECT 1 FROM pool_members");
    expect(rows).toEqual([]);
    await topUp(m, 1);
    const ok = await join(m);
    expect(ok.statusCode).toBe(201);
    members.push({ m, participationId: ok.json().participationId });
  });

  it("refuses to import members into a premium-pool plan (no group, no premium): the row names plan_id", async () => {
    const path = joinPath(mkdtempSync(joinPath(tmpdir(), "huzhu-pools-")), "m.csv");
    const id = residentId("1990-06-01", 900);
    writeFileSync(
      path,
      `name,mobile,resident_id,plan_id,tier,joined_on\n会员,17700000900,${id},friendsurance,,2019-01-01\n`,
    );
    const r = await importMembers(t.db.pool, t.deps.secrets, path, civilDate("2019-01-01"));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: "plan_id",
        message: expect.stringContaining("premium pools"),
      }),
    ]);
  });

  it("puts 15 members in group 1 and opens group 2 for the 16th; each premium credits the pool 4,000 and the insurer 6,000", async () => {
    for (let i = 1; i < 16; i++) {
      const m = await member();
      await topUp(m, 10_000);
      const r = await join(m);
      expect(r.statusCode).toBe(201);
      members.push({ m, participationId: r.json().participationId });
    }
    const { rows } = await t.db.pool.query<{ group_no: number; n: number }>(
      "SELECT group_no, count(*)::int AS n FROM pool_members GROUP BY 1 ORDER BY 1",
    );
    expect(rows).toEqual([
      { group_no: 1, n: 15 },
      { group_no: 2, n: 1 },
    ]);
    // 15 × 4,000 = 60,000 in group 1; 4,000 in group 2; 16 × 6,000 = 96,000 to the insurer
    expect(await held(accounts.groupPool("friendsurance", 1))).toBe(60_000);
    expect(await held(accounts.groupPool("friendsurance", 2))).toBe(4_000);
    expect(await held(accounts.insurerPremiums("friendsurance"))).toBe(96_000);
    for (const { m } of members) expect(await held(accounts.memberBalance(m.memberId))).toBe(0);
    const premiums = await logged("pool_premium");
    expect(premiums).toHaveLength(16);
    expect(premiums.filter((e) => e.groupOpened)).toHaveLength(2); // group 1 by the first, group 2 by the 16th
    expect(premiums[15]).toMatchObject({ group: 2, premiumFen: 10_000, poolFen: 4_000, insurerFen: 6_000 });
  });

  it("pays a claim from the group's pool with no debit, and the insurer pays beyond a pool that runs short", async () => {
    t.clock.set(Date.UTC(2019, 3, 12, 2));
    // group 1: 500 EUR from a pool of 600 → all from the pool; group 2: 500 from a pool of 40 → 40 + 460
    await approveCase(t, members[0]!.participationId, 50_000, "2019-04-12", "small_claim");
    await approveCase(t, members[15]!.participationId, 50_000, "2019-04-12", "small_claim");
    const claims = await logged("pool_claim");
    expect(claims.map((c) => [c.group, c.fromPoolFen, c.fromInsurerFen])).toEqual([
      [1, 50_000, 0],
      [2, 4_000, 46_000],
    ]);
    expect(await held(accounts.groupPool("friendsurance", 1))).toBe(10_000);
    expect(await held(accounts.groupPool("friendsurance", 2))).toBe(0);
    expect(await balanceOf(t.db.pool, accounts.insurerCover("friendsurance"))).toBe(46_000);
    expect(await balanceOf(t.db.pool, accounts.paidOut())).toBe(-100_000);
    // no debit cycle, no share: the cases are paid
    const { rows: cycles } = await t.db.pool.query("SELECT 1 FROM cycles WHERE plan_id = 'friendsurance'");
    expect(cycles).toEqual([]);
    const { rows: cases } = await t.db.pool.query<{ paid: boolean }>(
      "SELECT paid FROM cycle_cases WHERE plan_id = 'friendsurance'",
    );
    expect(cases).toEqual([{ paid: true }, { paid: true }]);
    // the claim shows what was paid and how: in full, the pool's part and the insurer's
    const caseIds = await t.db.pool.query<{ id: number }>(
      "SELECT case_id::int AS id FROM cycle_cases WHERE plan_id = 'friendsurance' ORDER BY case_id",
    );
    const claim = { caseId: caseIds.rows[1]!.id, benefitFen: 50_000, planId: "friendsurance" } as Claim;
    expect(await payoutOf(t.db.pool, claim)).toEqual({
      paidFen: 50_000,
      cutFen: 0,
      cycleId: null,
      reason: {
        cause: "paid_in_full",
        text: "paid in full on 2019-04-12: 4000 from group 2's pool, 46000 by the insurer",
        // the same, as code and parameters for the app: 4,000 + 46,000 = 50,000 fen, the benefit
        reasonCode: "payout_from_pool",
        reasonParams: { paidOn: "2019-04-12", fromPoolFen: 4_000, groupNo: 2, fromInsurerFen: 46_000 },
      },
    });
    // and a debit cycle for the plan is refused: there is none to run
    const run = await runCycle(t.deps, "friendsurance", civilDate("2019-04-12")).catch((e) => e);
    expect(run).toMatchObject({ problem: { code: "conflict", field: "plan" } });
  });

  it("runs the year's end as a scheduled step on 2020-01-01, once: used pools carried, logged; the audit passes", async () => {
    const ran = await runDueOn(t, "friendsurance", "2019-12-31", "2019-01-01");
    expect(ran).toEqual([]);
    expect(await t.db.pool.query("SELECT 1 FROM pool_year_ends").then((r) => r.rows)).toEqual([]);
    await runDueOn(t, "friendsurance", "2020-01-01", "2019-01-01");
    await runDueOn(t, "friendsurance", "2020-01-02", "2019-01-01"); // a second pass: no second effect
    const { rows } = await t.db.pool.query(
      "SELECT group_no, year, returned_fen::int, carried_fen::int FROM pool_year_ends ORDER BY 1",
    );
    // both groups had a claim: nothing returned; group 1 carries its 10,000, group 2 nothing
    expect(rows).toEqual([
      { group_no: 1, year: 2019, returned_fen: 0, carried_fen: 10_000 },
      { group_no: 2, year: 2019, returned_fen: 0, carried_fen: 0 },
    ]);
    expect(await logged("pool_return")).toEqual([]);
    expect((await logged("pool_year_end")).map((e) => [e.group, e.carriedFen])).toEqual([
      [1, 10_000],
      [2, 0],
    ]);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });

  it("returns an unused pool to its payers at the next year's end, credited to their balances and logged", async () => {
    // 2020-01-01's pass also took the 2020 renewals: the 14 still in group 1 (the claimants left)
    const { rows: renewed } = await t.db.pool.query(
      `SELECT g.group_no, r.year, r.paid_on::text FROM pool_premiums r JOIN pool_members g USING (participation_id)
       WHERE r.year = 2020`,
    );
    expect(renewed).toEqual(Array(14).fill({ group_no: 1, year: 2020, paid_on: "2020-01-01" }));
    // a new member in 2020 joins group 1 (14 still in it after the claimant left), its pool unused in 2020
    const m = await member();
    await topUp(m, 10_000);
    const r = await join(m);
    expect(r.statusCode).toBe(201);
    const { rows } = await t.db.pool.query<{ group_no: number }>(
      "SELECT group_no FROM pool_members WHERE participation_id = $1",
      [r.json().participationId],
    );
    expect(rows).toEqual([{ group_no: 1 }]);
    await runDueOn(t, "friendsurance", "2021-01-01", "2019-01-01");
    // group 1 in 2020: 10,000 carried + 15 × 4,000 (14 renewals, the new member) = 70,000, nobody claimed
    // → all returned to the 15 payers in proportion: 4,666 each and 10 fen one each to the first ten (the
    // seed returns the pool where nobody claimed); the new member, last, 4,666
    expect(await heldFen(t.deps, m.memberId)).toBe(4_666);
    expect(await heldFen(t.deps, members[1]!.m.memberId)).toBe(4_667);
    expect(await heldFen(t.deps, members[14]!.m.memberId)).toBe(4_666);
    const returns = await logged("pool_return");
    expect(returns).toHaveLength(15);
    expect(returns.reduce((n, e) => n + (e.amountFen as number), 0)).toBe(70_000);
    expect(returns[14]).toMatchObject({ group: 1, year: 2020, amountFen: 4_666, on: "2021-01-01" });
    // and the 15 renew for 2021 the same day: the pool holds 15 × 4,000 again
    expect(await held(accounts.groupPool("friendsurance", 1))).toBe(60_000);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });

  it("the audit matches a pool case, paid with no cycle, with its pool_claim entry: without it, it says so", async () => {
    const { rows: paid } = await t.db.pool.query<{ case_id: string }>(
      "SELECT case_id FROM cycle_cases WHERE paid AND cycle_id IS NULL ORDER BY case_id",
    );
    expect(paid).toHaveLength(2); // the two pool claims above (groups 1 and 2)
    const c = await t.db.pool.connect();
    try {
      // the log's pool_claim entries gone, in a transaction undone afterwards (replica: past the guards)
      await c.query("BEGIN");
      await c.query("SET LOCAL session_replication_role = replica");
      await c.query("DELETE FROM log_entries WHERE kind = 'pool_claim'");
      await c.query("DELETE FROM log_outbox WHERE kind = 'pool_claim'");
      expect((await auditReconciliation(c)).sort()).toEqual(
        paid.map((p) => `case ${p.case_id} was paid in no cycle with no payout entry in the log`).sort(),
      );
    } finally {
      await c.query("ROLLBACK");
      c.release();
    }
    expect(await auditReconciliation(t.db.pool)).toEqual([]);
  });
});
