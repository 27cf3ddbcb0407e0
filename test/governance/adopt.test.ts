import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate as d } from "../../src/domain/calendar.ts";
import type { Fen } from "../../src/domain/money.ts";
import { decideClaim } from "../../src/domain/plan/decision.ts";
import { auditGovernance } from "../../src/governance/audit.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { at, type Gov, govApp, reduced, voteThreeOfFour } from "./fixture.ts";

// src/governance/adopt.ts: adoption as a new rule version, never without the vote, never retroactive
let g: Gov;
let p1: number;
const versions = async () =>
  (
    await g.t.db.pool.query("SELECT effective::text FROM rule_versions WHERE plan_id = 'gov-plan' ORDER BY 1")
  ).rows.map((r) => r.effective);

beforeAll(async () => {
  g = await govApp();
  p1 = (await g.propose("癌症互助金调整", reduced)).id;
  await g.post(`/proposals/${p1}/publish`, g.operator, { effectiveOn: "2020-03-16" });
  await voteThreeOfFour(g, p1);
  await g.setNow(at("2020-03-08"));
  await g.post(`/proposals/${p1}/tally`, g.operator);
});
afterAll(async () => {
  await g.t.close();
});

describe("co-deliberation with a vote", () => {
  it("adoption creates the version; a claim diagnosed the day before is judged by the old rules, the day after by the new", async () => {
    const a = await g.post(`/proposals/${p1}/adopt`, g.operator);
    expect(a.json()).toMatchObject({ state: "adopted", adoptedVersion: "2020-03-16" });
    const plan = await loadStoredPlan(g.t.db.pool, "gov-plan");
    const facts = (diagnosedOn: string) => ({
      event: "cancer",
      diagnosedOn: d(diagnosedOn),
      reportedOn: d(diagnosedOn),
      afterDeath: false,
      preExisting: false,
      birthDate: d("1985-06-06"),
      joinedOn: d("2020-03-01"),
      tier: "standard",
      standing: "active" as const,
      ownContributionsFen: 0 as Fen,
      effectiveMembers: 8,
    });
    // aged 34 at joining: 300,000 yuan before the change, 200,000 from 2020-03-16
    expect(decideClaim(plan, facts("2020-03-15"))).toMatchObject({
      benefitFen: 30_000_000,
      ruleVersion: "2018-10-16",
    });
    expect(decideClaim(plan, facts("2020-03-16"))).toMatchObject({
      benefitFen: 20_000_000,
      ruleVersion: "2020-03-16",
    });
  });

  it("the version names its proposal, the log has the adoption, and huzhu audit's governance check passes", async () => {
    const v = await g.t.db.pool.query(
      "SELECT proposal_id::int AS p FROM rule_versions WHERE plan_id = 'gov-plan' AND effective = '2020-03-16'",
    );
    expect(v.rows).toEqual([{ p: p1 }]);
    const logged = await g.t.db.pool.query(
      "SELECT entry FROM log_outbox WHERE kind = 'proposal' AND entry ->> 'stage' = 'adopted'",
    );
    expect(logged.rows.map((r) => r.entry)).toEqual([
      {
        stage: "adopted",
        proposal: p1,
        plan: "gov-plan",
        kind: "change",
        adoptedOn: "2020-03-08",
        noticeEndsOn: "2020-03-16",
        effectiveOn: "2020-03-16",
      },
    ]);
    expect(await auditGovernance(g.t.db.pool)).toEqual([]);
  });
});

describe("a failed vote", () => {
  it("2 of 3 (66.7%) fails three quarters; adopting it is refused and no version appears", async () => {
    const { members, operator, post } = g;
    await g.setNow(at("2020-04-01"));
    const { id } = await g.propose("等待期延长", { waiting: [{ days: 180 }] });
    const pub = await post(`/proposals/${id}/publish`, operator, { effectiveOn: "2020-05-01" });
    expect(pub.json()).toMatchObject({ changeClass: "benefitReduction", voteRequired: true });
    for (const [i, yes] of [
      [0, true],
      [1, true],
      [2, false],
    ] as const)
      await post(`/proposals/${id}/ballots`, members[i]!.auth, { inFavour: yes });
    await g.setNow(at("2020-04-08"));
    const t2 = await post(`/proposals/${id}/tally`, operator);
    expect(t2.json()).toMatchObject({ state: "failed", tally: { inFavour: 2, against: 1, passed: false } });
    const adopt = await post(`/proposals/${id}/adopt`, operator);
    expect(adopt.statusCode).toBe(409);
    expect(await versions()).toEqual(["2018-10-16", "2020-03-16"]);
  });
});

describe("an adoption after the published date", () => {
  it("takes effect on the adoption day, never before it; the audit still passes", async () => {
    const { operator, post } = g;
    await g.setNow(at("2020-04-08"));
    // a lower fee (8% → 6%) is an ordinary change: no vote, 15 days' notice → 2020-04-23 at the earliest
    const { id } = await g.propose("管理费下调", { fees: [{ kind: "percentOfBenefit", percent: 6 }] });
    const pub = await post(`/proposals/${id}/publish`, operator, { effectiveOn: "2020-04-23" });
    expect(pub.json()).toMatchObject({ changeClass: "ordinary", voteRequired: false });
    await g.setNow(at("2020-05-01"));
    const a = await post(`/proposals/${id}/adopt`, operator);
    expect(a.json()).toMatchObject({ state: "adopted", adoptedVersion: "2020-05-01" });
    expect(await versions()).toEqual(["2018-10-16", "2020-03-16", "2020-05-01"]);
    expect(await auditGovernance(g.t.db.pool)).toEqual([]);
  });

  it("the audit names a version whose adoption is missing from the log", async () => {
    await g.t.db.pool.query(
      "DELETE FROM log_outbox WHERE kind = 'proposal' AND entry ->> 'effectiveOn' = '2020-05-01'",
    );
    const problems = await auditGovernance(g.t.db.pool);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^plan gov-plan version 2020-05-01 names proposal \d+, whose adoption is not in the log$/,
    );
  });
});
