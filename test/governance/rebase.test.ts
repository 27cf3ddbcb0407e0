import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, type Gov, govApp, rules } from "./fixture.ts";

// src/governance/rebase.ts: a proposal's diff follows the rules in force; open proposals on one rule conflict
let g: Gov;
const feeTo = (percent: number) => ({ fees: [{ kind: "percentOfBenefit", percent }] });
const amountTo = (amount: number) => ({
  benefits: {
    ...rules.benefits,
    schedule: rules.benefits.schedule.map((r, i) =>
      i === 0 ? { ...r, benefit: { kind: "fixed", amount } } : r,
    ),
  },
});
let a: number;
let b: number;
let c: number;

beforeAll(async () => {
  g = await govApp();
  a = (await g.propose("管理费 8% → 6%", feeTo(6))).id;
  b = (await g.propose("管理费 8% → 5%", feeTo(5))).id;
  c = (await g.propose("癌症互助金调整", amountTo(200000))).id;
});
afterAll(async () => {
  await g.t.close();
});

describe("conflicting open proposals", () => {
  it("two open proposals on the fees flag each other; one on the benefits flags neither", async () => {
    const view = async (id: number) => (await g.get(`/proposals/${id}`)).json();
    expect((await view(a)).conflicts).toEqual([
      { proposalId: b, title: "管理费 8% → 5%", state: "accepted", rules: ["fees"] },
    ]);
    expect((await view(b)).conflicts).toEqual([
      { proposalId: a, title: "管理费 8% → 6%", state: "accepted", rules: ["fees"] },
    ]);
    expect((await view(c)).conflicts).toEqual([]);
  });
});

describe("the diff against the rules in force", () => {
  it("after the other is adopted (8% became 6%), the open proposal reads 6 → 5, and no longer conflicts", async () => {
    expect((await g.get(`/proposals/${b}`)).json().diff).toEqual(["fees[0].percent: 8 → 5"]);
    // a: ordinary (a lower fee), no vote; published 2020-03-01 with 15 days' notice, adopted on 03-16
    await g.post(`/proposals/${a}/publish`, g.operator, { effectiveOn: "2020-03-16" });
    await g.setNow(at("2020-03-16"));
    expect((await g.post(`/proposals/${a}/adopt`, g.operator)).json().state).toBe("adopted");
    const view = (await g.get(`/proposals/${b}`)).json();
    expect(view.diff).toEqual(["fees[0].percent: 6 → 5"]);
    expect(view.recordedDiff).toEqual(["fees[0].percent: 8 → 5"]);
    expect(view.conflicts).toEqual([]);
    // the adopted one keeps the diff it was adopted with
    expect((await g.get(`/proposals/${a}`)).json().diff).toEqual(["fees[0].percent: 8 → 6"]);
  });

  it("publication records the diff against the rules in force on the effective date, and tells the members", async () => {
    const pub = await g.post(`/proposals/${b}/publish`, g.operator, { effectiveOn: "2020-04-01" });
    expect(pub.json()).toMatchObject({
      diff: ["fees[0].percent: 6 → 5"],
      recordedDiff: ["fees[0].percent: 6 → 5"],
    });
    const inbox = (await g.get("/notifications", g.members[2]!.auth)).json();
    expect(inbox.items[0].body).toContain("fees[0].percent: 6 → 5");
  });

  it("a proposal whose change the rules in force already make shows no diff and cannot be published", async () => {
    // d asks 5% while the rules say 6%; then b (also 5%) is adopted on 2020-04-01
    const d = (await g.propose("管理费 5%", feeTo(5))).id;
    expect((await g.get(`/proposals/${d}`)).json().conflicts).toEqual([
      { proposalId: b, title: "管理费 8% → 5%", state: "published", rules: ["fees"] },
    ]);
    await g.setNow(at("2020-04-01"));
    expect((await g.post(`/proposals/${b}/adopt`, g.operator)).json().adoptedVersion).toBe("2020-04-01");
    expect((await g.get(`/proposals/${d}`)).json().diff).toEqual([]);
    const r = await g.post(`/proposals/${d}/publish`, g.operator, { effectiveOn: "2020-04-16" });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({
      code: "conflict",
      detail: "the rules in force already say what this proposal asks",
    });
  });

  it("a change that has become a fee increase under it is not adopted without the vote it now needs", async () => {
    // on 2020-04-01 the fee is 5%: x (→ 4%) and z (→ 3%) are both ordinary, published without a vote
    const x = (await g.propose("管理费 4%", feeTo(4))).id;
    const z = (await g.propose("管理费 3%", feeTo(3))).id;
    expect(
      (await g.post(`/proposals/${x}/publish`, g.operator, { effectiveOn: "2020-04-20" })).json(),
    ).toMatchObject({
      changeClass: "ordinary",
      voteRequired: false,
    });
    await g.post(`/proposals/${z}/publish`, g.operator, { effectiveOn: "2020-04-16" });
    await g.setNow(at("2020-04-16"));
    expect((await g.post(`/proposals/${z}/adopt`, g.operator)).json().state).toBe("adopted");
    // against 3% from 2020-04-16, x would raise the fee to 4%
    expect((await g.get(`/proposals/${x}`)).json()).toMatchObject({
      diff: ["fees[0].percent: 3 → 4"],
      changeClass: "feeIncrease",
    });
    await g.setNow(at("2020-04-20"));
    const r = await g.post(`/proposals/${x}/adopt`, g.operator);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe("vote_required");
    const v = await g.t.db.pool.query(
      "SELECT count(*)::int AS n FROM rule_versions WHERE plan_id = 'gov-plan'",
    );
    // 2018-10-16, a's 2020-03-16, b's 2020-04-01, z's 2020-04-16: none for x
    expect(v.rows[0].n).toBe(4);
  });
});
