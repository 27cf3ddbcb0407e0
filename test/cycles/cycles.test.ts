import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { shareProof } from "../../src/cycles/proofs.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { verifySumProof } from "../../src/domain/merkle-sum.ts";
import { auditLog } from "../../src/log/audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import { resolvePlan } from "../../src/sim/scenario/load.ts";
import { runScenario } from "../../src/sim/scenario/run.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { runCycleSteps, runDueOn } from "../support/cycles.ts";

let t: TestApp;

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
    const ids = await cohort(t, 1000, "1990-01-01", "2019-01-01", "xianghubao", 1);
    await approveCase(t, ids[0]!, 30_000_000, "2020-01-05");
    const live = await runCycleSteps(t, "xianghubao", "2020-01-07");
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
    const { rows } = await t.db.pool.query(
      "SELECT pseudonym, participation_id::int AS p FROM cycle_shares WHERE share_fen = 10 LIMIT 1",
    );
    const cycles = (await listCycles(t.db.pool, "xianghubao")).items;
    const proof = await shareProof(t.db.pool, cycles[0]!.cycleId, rows[0].pseudonym);
    // a format 2 leaf (issue 19): the member's participation and weight (1 = 10,000 units) are in it
    expect(proof).toMatchObject({ participation: rows[0].p, weightUnits: 10_000 });
    const leaf = {
      member: proof.member,
      shareFen: proof.shareFen,
      participation: proof.participation!,
      weightUnits: proof.weightUnits!,
    };
    expect(verifySumProof(leaf, proof.proof, live.shareRoot!)).toBe(true);
    expect(live.shareRoot).toMatchObject({ count: 999, sumFen: 9_990 });
    expect(verifySumProof(leaf, proof.proof, { ...live.shareRoot!, count: 1_000 })).toBe(false);
    // the same share without what the leaf commits to (a format 1 leaf), or with another's participation, is not in it
    expect(
      verifySumProof({ member: leaf.member, shareFen: leaf.shareFen }, proof.proof, live.shareRoot!),
    ).toBe(false);
    expect(
      verifySumProof({ ...leaf, participation: leaf.participation + 1 }, proof.proof, live.shareRoot!),
    ).toBe(false);
    expect(verifySumProof({ ...leaf, weightUnits: 15 }, proof.proof, live.shareRoot!)).toBe(false);

    // running it again changes nothing
    const again = await runCycleSteps(t, "xianghubao", "2020-01-07");
    expect(again).toEqual(live);
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM cycle_shares")).rows[0].n).toBe(999);

    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
    // the pool holds exactly the surplus: −(surplus out − surplus in) = 0 here
    const pool = await t.db.pool.query(
      "SELECT balance_fen FROM account_balances_now WHERE account_id = 'plan:xianghubao:pool'",
    );
    expect((pool.rows[0]?.balance_fen ?? 0) + live.surplusOutFen).toBe(0);
  });

  it("catches a member's share changed after the cycle (the published root no longer matches)", async () => {
    const c = (await listCycles(t.db.pool, "xianghubao")).items[0]!;
    const c0 = await t.db.pool.query("SELECT member_id FROM cycle_shares WHERE cycle_id = $1 LIMIT 1", [
      c.cycleId,
    ]);
    await t.db.pool.query("UPDATE cycle_shares SET share_fen = 11 WHERE cycle_id = $1 AND member_id = $2", [
      c.cycleId,
      c0.rows[0].member_id,
    ]);
    expect(await auditCycles(t.db.pool)).toEqual([
      `cycle ${c.cycleId}: the members' shares no longer give the published root`,
      // the stored proof chunks are compared with the shares too (issue 19)
      `cycle ${c.cycleId}: stored proof chunk 0 does not hold the cycle's shares`,
    ]);
    await t.db.pool.query("UPDATE cycle_shares SET share_fen = 10 WHERE cycle_id = $1 AND member_id = $2", [
      c.cycleId,
      c0.rows[0].member_id,
    ]);
    // a cycle total inflated in the disclosure breaks conservation
    await t.db.pool.query("UPDATE cycles SET collected_fen = 99990 WHERE cycle_id = $1", [c.cycleId]);
    expect(await auditCycles(t.db.pool)).toEqual([`cycle ${c.cycleId} does not conserve`]);
    await t.db.pool.query("UPDATE cycles SET collected_fen = 9990 WHERE cycle_id = $1", [c.cycleId]);
  });
});

describe("the scheduler", () => {
  it("catches up after downtime, in order, and a second pass runs nothing", async () => {
    // the 2020-01-07 cycle ran above; from 01-08 to 02-29 the calendar has 01-21, 02-07, 02-21
    const ran = await runDueOn(t, "xianghubao", "2020-02-29", "2020-01-01");
    expect(ran).toEqual(["2020-01-21", "2020-02-07", "2020-02-21"]);
    // and every cycle with a root has its proof chunks stored, before any member asks
    const unchunked = await t.db.pool.query(
      "SELECT cycle_id FROM cycles WHERE plan_id = 'xianghubao' AND share_root IS NOT NULL AND proof_chunk_leaves IS NULL",
    );
    expect(unchunked.rows).toEqual([]);
    expect(await runDueOn(t, "xianghubao", "2020-02-29", "2020-01-01")).toEqual([]);
    const cycles = (await listCycles(t.db.pool, "xianghubao")).items;
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
    const first = (await listCycles(t.db.pool, "xianghubao")).items[0]!;
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
    await startWindDown(t.deps, "xianghubao", civilDate("2020-03-01"), "membership under the minimum");
    const open = await t.db.pool.query(
      "SELECT participation_id FROM participations WHERE plan_id = 'xianghubao' AND status = 'active' ORDER BY participation_id LIMIT 1",
    );
    await approveCase(t, open.rows[0].participation_id, 30_000_000, "2020-03-02");
    const ran = await runDueOn(t, "xianghubao", "2020-03-31", "2020-01-01");
    expect(ran).toEqual(["2020-03-07", "2020-03-21"]);
    const [march7, march21] = (await listCycles(t.db.pool, "xianghubao")).items.slice(-2);
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
