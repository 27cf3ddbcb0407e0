import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/demo/demo.ts";
import { buildApp } from "../../src/http/app.ts";
import { runAudit } from "../../src/operations/audit-run.ts";
import { type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
let demo: Awaited<ReturnType<typeof ensureDemoData>>;
const q = async <T>(sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows as T[];

// the real now of this test: 2026-12-01 10:00 Shanghai; the history starts 135 days before
beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2026, 11, 1, 2), presets: [] });
  demo = await ensureDemoData(t.deps, buildApp);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("the demo data of npm start has a lived history", () => {
  it("was built whole", () => {
    expect(t.logs.filter((l) => l.includes("demo history"))).toEqual([]);
    expect(demo.history).toBeDefined();
  });

  it("members in several plans, self and a dependant", async () => {
    const rows = await q<{ kind: string; plan_id: string }>(
      `SELECT m.kind, p.plan_id FROM participations p JOIN members m USING (member_id) ORDER BY p.participation_id`,
    );
    expect(rows.filter((r) => r.kind === "member" && r.plan_id === "xianghubao")).toHaveLength(8);
    expect(rows.filter((r) => r.kind === "dependant")).toEqual([
      { kind: "dependant", plan_id: "xianghubao" },
    ]);
    expect(rows.filter((r) => r.plan_id === "shuidi")).toHaveLength(1);
  });

  it("past cycles with disclosures, every announcement day in order, none after the real today", async () => {
    const cycles = await q<{ announced_on: string }>(
      "SELECT announced_on FROM cycles WHERE plan_id = 'xianghubao' ORDER BY cycle_id",
    );
    // 2026-07-19 … 2026-11-29: the 7th and 21st of Aug–Nov (8) and 2026-07-21 = 9 cycles
    expect(cycles.map((c) => c.announced_on)).toEqual([
      "2026-07-21",
      "2026-08-07",
      "2026-08-21",
      "2026-09-07",
      "2026-09-21",
      "2026-10-07",
      "2026-10-21",
      "2026-11-07",
      "2026-11-21",
    ]);
  });

  it("an approved and paid claim, a claim under the jury's appeal, an open proposal", async () => {
    const h = demo.history!;
    const [paid] = await q<{ state: string }>("SELECT state FROM claims WHERE claim_id = $1", [
      h.paidClaimId,
    ]);
    expect(paid?.state).toBe("paid");
    const [appealed] = await q<{ state: string }>("SELECT state FROM claims WHERE claim_id = $1", [
      h.appealedClaimId,
    ]);
    expect(appealed?.state).toBe("appeal");
    // the jury is drawn from the plan's other members: at most the 7 other adults and the child
    const [jury] = await q<{ n: number }>("SELECT count(*)::int AS n FROM jurors WHERE claim_id = $1", [
      h.appealedClaimId,
    ]);
    expect(jury!.n).toBeGreaterThan(0);
    expect(jury!.n).toBeLessThanOrEqual(8);
    const [proposal] = await q<{ state: string }>("SELECT state FROM proposals WHERE proposal_id = $1", [
      h.proposalId,
    ]);
    expect(proposal?.state).toBe("submitted");
  });

  it("huzhu audit passes after it", async () => {
    expect(await runAudit(t.deps)).toEqual({ passed: true, problems: [] });
  });
});
