import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { shareProof } from "../../src/cycles/proofs.ts";
import { listCycles, runCycle } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { verifySumProof } from "../../src/domain/merkle-sum.ts";
import { fen } from "../../src/domain/money.ts";
import { importMembers } from "../../src/import/import.ts";
import { auditLog } from "../../src/log/audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import { resolvePlan } from "../../src/sim/scenario/load.ts";
import { runScenario } from "../../src/sim/scenario/run.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, registerMember, residentId, type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), "huzhu-cycles-"));

/** n members born on `born`, joined `joined`, in a plan, loaded through the import path. */
async function cohort(n: number, born: string, joined: string, plan: string, seq0: number) {
  // A prepaid plan takes no imported member since issue 17 (no first deposit): see prepaidCohort.
  if (plan === "shuidi") return prepaidCohort(n, born, joined, plan, seq0);
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on"];
  for (let i = 0; i < n; i++)
    lines.push(
      `会员,1${String(5e9 + seq0 + i).padStart(10, "0")},${residentId(born, seq0 + i)},${plan},,${joined}`,
    );
  const path = join(dir, `${plan}-${seq0}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const r = await importMembers(t.db.pool, t.deps.secrets, path, civilDate("2020-03-01"));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  const { rows } = await t.db.pool.query(
    "SELECT participation_id FROM participations WHERE plan_id = $1 AND joined_on = $2 ORDER BY participation_id",
    [plan, joined],
  );
  return rows.map((r) => r.participation_id as number);
}

/**
 * Members of a prepaid plan holding nothing, as these tests need (the seeding funds some of them):
 * registered, then enrolled under the version in force on `joined` as the records of a past join.
 */
async function prepaidCohort(n: number, born: string, joined: string, plan: string, seq0: number) {
  const parts: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = await registerMember(
      t,
      `1${String(5e9 + seq0 + i).padStart(10, "0")}`,
      residentId(born, seq0 + i),
    );
    const p = await t.db.pool.query(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
       SELECT $1, $2, 'standard', $3, $3, max(effective), 'active' FROM rule_versions WHERE plan_id = $2 AND effective <= $3
       RETURNING participation_id`,
      [m.memberId, plan, joined],
    );
    parts.push(p.rows[0].participation_id);
  }
  return parts;
}

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe("a live 相互宝 cycle agrees with the scenario runner", () => {
  it("gives the same figures, writes every share set-based, and publishes a provable sum root", async () => {
    // 999 members (seqs 1–999) and one claimant: 300,000 + 8% among 999 = 32,432.43 fen each, but the
    // per-case cap is 0.10: each member pays 10 fen, the benefit bears the rest.
    const ids = await cohort(1000, "1990-01-01", "2019-01-01", "xianghubao", 1);
    await approveCase(t, ids[0]!, 30_000_000, "2020-01-05");
    const live = await runCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    const scenario = parseScenario({
      plan: "xianghubao",
      from: "2020-01-01",
      to: "2020-01-07",
      cohorts: [{ name: "m", count: 1000, born: "1990-01-01", joined: "2019-01-01" }],
      claims: [{ cohort: "m", count: 1, event: "major", diagnosed: "2020-01-02", decided: "2020-01-05" }],
    });
    if (!scenario.ok) throw new Error();
    const plan = resolvePlan(scenario.value);
    if (!plan.ok) throw new Error();
    const expected = runScenario(scenario.value, plan.value).cycles[0]!;
    for (const k of [
      "cases",
      "benefitsFen",
      "feesFen",
      "surplusInFen",
      "surplusOutFen",
      "sponsorFen",
      "sharingMembers",
      "collectedFen",
      "failedFen",
      "benefitCutFen",
    ] as const) {
      expect(live[k], k).toBe(expected[k]);
    }
    expect(live.shares).toEqual(expected.shares);
    expect(live.shares).toEqual([{ weight: "1", members: 999, shareFen: 10 }]);
    expect(live.collectedFen).toBe(9_990); // 999 × 10 fen

    // the member's proof against the published root: count 999, total 9,990 fen
    const { rows } = await t.db.pool.query("SELECT pseudonym FROM cycle_shares WHERE share_fen = 10 LIMIT 1");
    const cycles = await listCycles(t.db.pool, "xianghubao");
    const proof = await shareProof(t.db.pool, cycles[0]!.cycleId, rows[0].pseudonym);
    expect(
      verifySumProof({ member: proof.member, shareFen: proof.shareFen }, proof.proof, live.shareRoot!),
    ).toBe(true);
    expect(live.shareRoot).toMatchObject({ count: 999, sumFen: 9_990 });
    expect(
      verifySumProof({ member: proof.member, shareFen: proof.shareFen }, proof.proof, {
        ...live.shareRoot!,
        count: 1_000,
      }),
    ).toBe(false);

    // running it again changes nothing
    const again = await runCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    expect(again).toEqual(live);
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM cycle_shares")).rows[0].n).toBe(999);

    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
    // the pool holds exactly the surplus: −(surplus out − surplus in) = 0 here
    const pool = await t.db.pool.query(
      "SELECT balance_fen FROM account_balances WHERE account_id = 'plan:xianghubao:pool'",
    );
    expect((pool.rows[0]?.balance_fen ?? 0) + live.surplusOutFen).toBe(0);
  });

  it("catches a member's share changed after the cycle (the published root no longer matches)", async () => {
    const c = (await listCycles(t.db.pool, "xianghubao"))[0]!;
    const c0 = await t.db.pool.query("SELECT member_id FROM cycle_shares WHERE cycle_id = $1 LIMIT 1", [
      c.cycleId,
    ]);
    await t.db.pool.query("UPDATE cycle_shares SET share_fen = 11 WHERE cycle_id = $1 AND member_id = $2", [
      c.cycleId,
      c0.rows[0].member_id,
    ]);
    expect(await auditCycles(t.db.pool)).toEqual([
      `cycle ${c.cycleId}: the members' shares no longer give the published root`,
    ]);
    await t.db.pool.query("UPDATE cycle_shares SET share_fen = 10 WHERE cycle_id = $1 AND member_id = $2", [
      c.cycleId,
      c0.rows[0].member_id,
    ]);
    // a cycle total inflated in the disclosure breaks conservation
    await t.db.pool.query(
      "UPDATE cycles SET disclosure = jsonb_set(disclosure, '{collectedFen}', '99990') WHERE cycle_id = $1",
      [c.cycleId],
    );
    expect(await auditCycles(t.db.pool)).toEqual([`cycle ${c.cycleId} does not conserve`]);
    await t.db.pool.query(
      "UPDATE cycles SET disclosure = jsonb_set(disclosure, '{collectedFen}', '9990') WHERE cycle_id = $1",
      [c.cycleId],
    );
  });
});

describe("the annual cap across cycles", () => {
  it("counts what a member paid earlier in the year, also when they missed the previous cycle", async () => {
    const { installPlan } = await import("../../src/plans/presets.ts");
    const { mutualRules, planDoc } = await import("../support/plan-fixtures.ts");
    const rules = mutualRules({
      fees: [],
      apportionment: {
        calendar: { kind: "semiMonthly", announceDays: [7, 21], collectDays: [14, 28] },
        caps: { perYear: { amount: "0.25", excessBorneBy: "sponsor" } },
      },
      claims: { jury: { overturnAbovePercent: 50 }, paymentEndsParticipation: true },
      closure: { minimumMembers: 1 },
    });
    await installPlan(t.db.pool, planDoc(rules, { id: "capped" }));
    // A, B, C share; D, E, F are the claimants of cycles 1, 2 and 3 (their case ends their participation).
    const [a, b, c, d, e, f] = await cohort(6, "1990-01-01", "2019-01-01", "capped", 7001);
    const share = async (cycle: string, p: number) =>
      (
        await t.db.pool.query(
          `SELECT s.share_fen, s.ytd_fen FROM cycle_shares s JOIN cycles c USING (cycle_id) JOIN participations p USING (member_id)
           WHERE c.plan_id = 'capped' AND c.announced_on = $1 AND p.participation_id = $2`,
          [cycle, p],
        )
      ).rows[0];
    const caseOf = (p: number, benefitFen: number, on: string) => approveCase(t, p, benefitFen, on);

    // Cycle 1 (7 Jan): 50 fen among A, B, C, E, F = 10 fen each.
    await caseOf(d!, 50, "2020-01-05");
    expect(await runCycle(t.deps, "capped", civilDate("2020-01-07"))).toMatchObject({
      sharingMembers: 5,
      collectedFen: 50,
    });
    // Cycle 2 (21 Jan): B is suspended; 30 fen among A, C, F = 10 fen each.
    await t.db.pool.query(
      "UPDATE participations SET status = 'suspended', suspended_on = '2020-01-15' WHERE participation_id = $1",
      [b],
    );
    await caseOf(e!, 30, "2020-01-20");
    expect(await runCycle(t.deps, "capped", civilDate("2020-01-21"))).toMatchObject({
      sharingMembers: 3,
      collectedFen: 30,
    });
    // Cycle 3 (7 Feb): B is back; 60 fen among A, B, C = 20 fen each, capped at 25 fen a year:
    // A and C paid 20 → 5 fen each; B paid 10 (in cycle 1, not the previous one) → 15 fen;
    // the sponsor bears 15 + 5 + 15 = 35 fen, and 5 + 15 + 5 = 25 fen is collected.
    await t.db.pool.query(
      "UPDATE participations SET status = 'active', suspended_on = NULL WHERE participation_id = $1",
      [b],
    );
    await caseOf(f!, 60, "2020-02-05");
    expect(await runCycle(t.deps, "capped", civilDate("2020-02-07"))).toMatchObject({
      sharingMembers: 3,
      collectedFen: 25,
      sponsorFen: 35,
    });
    expect(await share("2020-02-07", a!)).toEqual({ share_fen: 5, ytd_fen: 20 });
    expect(await share("2020-02-07", b!)).toEqual({ share_fen: 15, ytd_fen: 10 });
    expect(await share("2020-02-07", c!)).toEqual({ share_fen: 5, ytd_fen: 20 });
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});

describe("a live 水滴 (prepaid) cycle", () => {
  it("takes shares from the balances and fails those who cannot pay", async () => {
    const ids = await cohort(101, "1995-01-01", "2019-01-01", "shuidi", 5001);
    // 100 members hold 1.00 yuan each; one member has nothing: that share fails and is advanced
    const members = await t.db.pool.query(
      "SELECT member_id FROM participations WHERE participation_id = ANY($1) ORDER BY member_id",
      [ids],
    );
    const { postTransaction } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    await withTransaction(t.db.pool, async (tx) => {
      for (const m of members.rows.slice(1, 100)) {
        await postTransaction(tx, {
          key: `seed-${m.member_id}`,
          kind: "topup",
          at: new Date(),
          postings: [
            { accountId: "bank:custodian", amountFen: fen(100) },
            { accountId: `member:${m.member_id}:balance`, amountFen: fen(-100) },
          ],
        });
      }
    });
    await approveCase(t, ids[100]!, 5_000, "2020-03-02", "cancer");
    const d = await runCycle(t.deps, "shuidi", civilDate("2020-03-02"));
    // 50 yuan + 8% = 5,400 fen among 100 sharing members = 54 fen each; 99 pay from their balance, 1 fails
    expect(d).toMatchObject({
      sharingMembers: 100,
      collectedFen: 99 * 54,
      failedFen: 54,
      advancedFen: 54,
      surplusOutFen: 0,
    });
    expect(await auditLedger(t.db.pool)).toEqual([]);
    const bal = await t.db.pool.query(
      `SELECT balance_fen FROM account_balances WHERE account_id = 'member:${members.rows[1].member_id}:balance'`,
    );
    expect(bal.rows[0].balance_fen).toBe(-46); // 100 − 54 = 46 fen held
  });

  it("repays an advanced share from the member's next top-up, once the balance covers it", async () => {
    const { topUp } = await import("../../src/payments/top-up.ts");
    const { balanceOf } = await import("../../src/store/ledger.repository.ts");
    const owner = await t.db.pool.query(
      `SELECT s.member_id FROM cycle_shares s JOIN cycles c USING (cycle_id)
       WHERE c.plan_id = 'shuidi' AND s.status = 'failed'`,
    );
    expect(owner.rows).toHaveLength(1); // the member who held nothing above
    const memberId: number = owner.rows[0].member_id;
    const self = { kind: "member" as const, id: memberId, roles: ["member" as const] };
    const advance = `member:${memberId}:advance`;
    // 53 fen is one short of the 54-fen share: nothing is taken, the advance stays
    await topUp(t.deps, self, memberId, 53, "first");
    expect(await balanceOf(t.db.pool, advance)).toBe(54);
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(-53);
    // one more fen: 54 held covers the share exactly, which is repaid, leaving 0
    await topUp(t.deps, self, memberId, 1, "second");
    expect(await balanceOf(t.db.pool, advance)).toBe(0);
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(0);
    // the same top-up replayed changes nothing
    await topUp(t.deps, self, memberId, 1, "second");
    expect(await balanceOf(t.db.pool, `member:${memberId}:balance`)).toBe(0);
    const [shuidi] = await listCycles(t.db.pool, "shuidi");
    // collected 99 × 54 + 54 = 5,400; nothing failed or advanced any more; 54 recovered later
    expect(shuidi).toMatchObject({
      collectedFen: 5_400,
      failedFen: 0,
      advancedFen: 0,
      recoveredLaterFen: 54,
    });
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});

describe("a prepaid top-up beside a cycle still open", () => {
  it("repays an old advance only from money no open cycle has claimed, and never past what is owed", async () => {
    const { announceCycle } = await import("../../src/cycles/announce.ts");
    const { collectCycle } = await import("../../src/cycles/collect.ts");
    const { applyBalanceRules } = await import("../../src/enrolment/balance-rules.ts");
    const { topUp } = await import("../../src/payments/top-up.ts");
    const { balanceOf, postTransaction } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    // 11 new members; the 10 sharing all hold 1,000 fen but M, who holds nothing; the 11th claims
    const ids = await cohort(11, "1991-01-01", "2019-02-01", "shuidi", 6001);
    const members = (
      await t.db.pool.query(
        "SELECT member_id FROM participations WHERE participation_id = ANY($1) ORDER BY member_id",
        [ids],
      )
    ).rows.map((r) => r.member_id as number);
    const m = members[0]!;
    await withTransaction(t.db.pool, async (tx) => {
      for (const id of members.slice(1))
        await postTransaction(tx, {
          key: `seed-open-${id}`,
          kind: "topup",
          at: new Date(),
          postings: [
            { accountId: "bank:custodian", amountFen: fen(1_000) },
            { accountId: `member:${id}:balance`, amountFen: fen(-1_000) },
          ],
        });
    });
    const claimant = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE participation_id = ANY($1) AND member_id = $2",
      [ids, members[10]],
    );
    const caseOn = async (on: string) =>
      approveCase(t, claimant.rows[0].participation_id, 1_000_000, on, "cancer");
    // Cycle A: 10,000 yuan + 8% over 10 members is far over the 3-yuan cap per case: 300 fen each, the
    // sponsor bears the rest; M's 300 fails and is advanced. (The earlier cohort is suspended: it holds
    // 46 fen, under the 1-yuan floor, and shares nothing.)
    await caseOn("2020-04-01");
    const a = await runCycle(t.deps, "shuidi", civilDate("2020-04-01"));
    expect(a).toMatchObject({ sharingMembers: 10, collectedFen: 9 * 300, failedFen: 300 });
    const advance = `member:${m}:advance`;
    const balance = `member:${m}:balance`;
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    const self = { kind: "member" as const, id: m, roles: ["member" as const] };
    // 299 fen: one short of the advance, nothing repaid; enough to resume protection (floor 100)
    await topUp(t.deps, self, m, 299, "open-1");
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    await applyBalanceRules(t.deps, "shuidi", civilDate("2020-04-02"));
    // Cycle B announced, not yet collected: M owes 300 fen in it
    await caseOn("2020-04-03");
    const b = await announceCycle(t.deps, "shuidi", civilDate("2020-04-03"));
    // 2 fen more: 301 held, but 300 of it is claimed by cycle B, so the old advance waits
    await topUp(t.deps, self, m, 2, "open-2");
    expect(await balanceOf(t.db.pool, advance)).toBe(300);
    expect(await balanceOf(t.db.pool, balance)).toBe(-301);
    // and cycle B collects M's share from it: 301 − 300 = 1 fen left
    const db = await collectCycle(t.deps, b);
    expect(db.failedFen).toBe(0);
    expect(await balanceOf(t.db.pool, balance)).toBe(-1);
    // An exit settles what it can of the advance from the balance (1 fen): 299 still owed.
    const { exit } = await import("../../src/enrolment/exit.ts");
    const mine = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE member_id = $1 AND status <> 'ended'",
      [m],
    );
    await exit(t.deps, self, mine.rows[0].participation_id);
    expect(await balanceOf(t.db.pool, advance)).toBe(299);
    // A top-up of 1,000 could pay the 300-fen share, but only 299 is still owed on it: nothing is taken
    // twice, the receivable never goes below zero.
    await topUp(t.deps, self, m, 1_000, "open-3");
    expect(await balanceOf(t.db.pool, advance)).toBe(299);
    expect(await balanceOf(t.db.pool, balance)).toBe(-1_000);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});

describe("the scheduler", () => {
  it("catches up after downtime, in order, and a second pass runs nothing", async () => {
    const { runDueCycles } = await import("../../src/cycles/schedule.ts");
    // the 2020-01-07 cycle ran above; from 01-08 to 02-29 the calendar has 01-21, 02-07, 02-21
    const ran = await runDueCycles(t.deps, "xianghubao", civilDate("2020-02-29"), civilDate("2020-01-01"));
    expect(ran).toEqual(["2020-01-21", "2020-02-07", "2020-02-21"]);
    // and every cycle with a root has its proof chunks stored, before any member asks
    const unchunked = await t.db.pool.query(
      "SELECT cycle_id FROM cycles WHERE plan_id = 'xianghubao' AND share_root IS NOT NULL AND proof_chunk_leaves IS NULL",
    );
    expect(unchunked.rows).toEqual([]);
    expect(
      await runDueCycles(t.deps, "xianghubao", civilDate("2020-02-29"), civilDate("2020-01-01")),
    ).toEqual([]);
    const cycles = await listCycles(t.db.pool, "xianghubao");
    expect(cycles.map((c) => c.announcedOn)).toEqual([
      "2020-01-07",
      "2020-01-21",
      "2020-02-07",
      "2020-02-21",
    ]);
    // no cases since: each later cycle carries the surplus through unchanged
    expect(
      cycles.slice(1).every((c) => c.surplusInFen === cycles[0]!.surplusOutFen && c.collectedFen === 0),
    ).toBe(true);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});

describe("huzhu verify checks a member's cycle shares", () => {
  it("passes for an honest cycle and fails when the member's share is altered", async () => {
    const { verifyServer } = await import("../../src/verify/verify.ts");
    const get = async (path: string) => {
      const r = await t.app.inject({ method: "GET", url: path });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
      return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
    };
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const first = (await listCycles(t.db.pool, "xianghubao"))[0]!;
    const share = (
      await t.db.pool.query(
        "SELECT member_id, pseudonym FROM cycle_shares WHERE cycle_id = $1 AND share_fen = 10 LIMIT 1",
        [first.cycleId],
      )
    ).rows[0];
    const honest = await verifyServer(get, { member: share.pseudonym });
    const shareChecks = honest.checks.filter((c) => c.what.startsWith("cycle "));
    expect(shareChecks.length).toBeGreaterThanOrEqual(2);
    expect(shareChecks.every((c) => c.ok)).toBe(true);
    // the operator lowers the recorded share after the fact, in the shares and in the stored proof
    // chunks the proofs are served from: the member's proof no longer fits the root
    const rewrite = async (fenValue: number) => {
      await t.db.pool.query("UPDATE cycle_shares SET share_fen = $3 WHERE cycle_id = $1 AND member_id = $2", [
        first.cycleId,
        share.member_id,
        fenValue,
      ]);
      await t.db.pool.query(
        `UPDATE cycle_proof_chunks SET shares_fen[array_position(pseudonyms, $2)] = $3
         WHERE cycle_id = $1 AND $2 = ANY(pseudonyms)`,
        [first.cycleId, share.pseudonym, fenValue],
      );
    };
    await rewrite(9);
    const tampered = await verifyServer(get, { member: share.pseudonym });
    expect(
      tampered.checks.some(
        (c) =>
          !c.ok &&
          c.detail === `cycle ${first.cycleId}: your share does not match the published root, count or total`,
      ),
    ).toBe(true);
    await rewrite(10);
    // a stored chunk root rewritten: the audit sees the chunks no longer fold to the published root
    await t.db.pool.query(
      "UPDATE cycle_proof_chunks SET root_hash = '\\x00' WHERE cycle_id = $1 AND chunk = 0",
      [first.cycleId],
    );
    expect(await auditCycles(t.db.pool)).toContain(
      `cycle ${first.cycleId}: the stored proof chunks no longer fold to the published root`,
    );
    await t.db.pool.query("DELETE FROM cycle_proof_chunks WHERE cycle_id = $1", [first.cycleId]);
    await t.db.pool.query("UPDATE cycles SET proof_chunk_leaves = NULL WHERE cycle_id = $1", [first.cycleId]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});

describe("wind-down", () => {
  it("the sponsor pays the final two cycles, a case decided before closing is still paid, then the plan closes", async () => {
    const { startWindDown } = await import("../../src/cycles/wind-down.ts");
    const { runDueCycles } = await import("../../src/cycles/schedule.ts");
    await startWindDown(t.deps, "xianghubao", civilDate("2020-03-01"), "membership under the minimum");
    const open = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE plan_id = 'xianghubao' AND status = 'active' ORDER BY participation_id LIMIT 1",
    );
    await approveCase(t, open.rows[0].participation_id, 30_000_000, "2020-03-02");
    const ran = await runDueCycles(t.deps, "xianghubao", civilDate("2020-03-31"), civilDate("2020-01-01"));
    expect(ran).toEqual(["2020-03-07", "2020-03-21"]);
    const [march7, march21] = (await listCycles(t.db.pool, "xianghubao")).slice(-2);
    // 300,000 + 8% = 32,400,000 fen, less the surplus carried in: all paid by the sponsor, members pay 0
    expect(march7).toMatchObject({
      cases: 1,
      benefitsFen: 30_000_000,
      collectedFen: 0,
      sponsorFen: 32_400_000 - march7!.surplusInFen,
    });
    expect(march21).toMatchObject({ cases: 0, collectedFen: 0 });
    const plan = await t.db.pool.query("SELECT status FROM plans WHERE plan_id = 'xianghubao'");
    expect(plan.rows[0].status).toBe("closed");
    const left = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM participations WHERE plan_id = 'xianghubao' AND status <> 'ended'",
    );
    expect(left.rows[0].n).toBe(0);
    expect(await auditCycles(t.db.pool)).toEqual([]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});
