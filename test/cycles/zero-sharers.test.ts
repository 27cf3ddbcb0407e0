import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { casesWaitForSharers } from "../../src/domain/claim/payout.ts";
import { importMembers } from "../../src/import/import.ts";
import { approveCase, residentId, type TestApp, testApp } from "../support/app.ts";
import { runCycleSteps } from "../support/cycles.ts";

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), "huzhu-zero-"));

/** n 相互宝 members born 1990, joined `joined`, through the import path; their participation ids. */
async function cohort(n: number, joined: string, seq0: number) {
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on"];
  for (let i = 0; i < n; i++)
    lines.push(
      `会员,1${String(6e9 + seq0 + i).padStart(10, "0")},${residentId("1990-01-01", seq0 + i)},xianghubao,,${joined}`,
    );
  const path = join(dir, `c-${seq0}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const r = await importMembers(t.db.pool, t.deps.secrets, path, civilDate("2020-03-01"));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  const { rows } = await t.db.pool.query(
    "SELECT participation_id FROM participations WHERE joined_on = $1 ORDER BY participation_id",
    [joined],
  );
  return rows.map((x) => x.participation_id as number);
}

const caseRow = async (caseId: number) =>
  (await t.db.pool.query("SELECT cycle_id, paid FROM cycle_cases WHERE case_id = $1", [caseId])).rows[0];

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe("a cycle with nobody sharing does not consume an approved case", () => {
  let caseId: number;

  it("leaves the case waiting: no case, no cut, in the cycle with zero sharers", async () => {
    // the plan's only member is approved; the payment ends their participation, so nobody shares
    const [only] = await cohort(1, "2019-01-01", 1);
    caseId = await approveCase(t, only!, 100_000, "2020-01-05");
    const d = await runCycleSteps(t, "xianghubao", "2020-01-07");
    expect(d).toMatchObject({ sharingMembers: 0, cases: 0, benefitsFen: 0, benefitCutFen: 0 });
    expect(d.approvedBenefitsFen).toBe(0);
    expect(await caseRow(caseId)).toEqual({ cycle_id: null, paid: false });
  });

  it("the next cycle with sharers takes and pays the case", async () => {
    // 20 members join on 2020-01-10 and share in the cycle of 2020-01-21 (members in their waiting period
    // share on 相互宝). Due 100,000 + 8% fee = 108,000 fen; the per-case cap is 10 fen a member: 20 × 10 =
    // 200 collected, the benefit bears the cut 107,800, split in proportion: benefits ⌊200 × 100,000 ÷
    // 108,000⌋ = 185, fees 15.
    await cohort(20, "2020-01-10", 100);
    const d = await runCycleSteps(t, "xianghubao", "2020-01-21");
    expect(d.sharingMembers).toBe(20);
    expect(d.cases).toBe(1);
    expect(d.approvedBenefitsFen).toBe(100_000);
    expect(d.collectedFen).toBe(200);
    const row = await caseRow(caseId);
    expect(d).toMatchObject({ benefitsFen: 185, feesFen: 15, benefitCutFen: 107_800 });
    const second = await t.db.pool.query("SELECT cycle_id FROM cycles WHERE announced_on = '2020-01-21'");
    expect(row).toEqual({ cycle_id: second.rows[0].cycle_id, paid: true });
  });

  it("the rule: a case waits only when nobody shares and the terms would cut the benefit", () => {
    // a sponsor's cover or a surplus leaves no cut: the case is paid as the terms say
    expect(casesWaitForSharers({ cases: 1, sharingMembers: 0, benefitCutFen: 0 })).toBe(false);
    expect(casesWaitForSharers({ cases: 1, sharingMembers: 0, benefitCutFen: 1 })).toBe(true);
    expect(casesWaitForSharers({ cases: 0, sharingMembers: 0, benefitCutFen: 0 })).toBe(false);
    expect(casesWaitForSharers({ cases: 1, sharingMembers: 1, benefitCutFen: 99_990 })).toBe(false);
  });
});
