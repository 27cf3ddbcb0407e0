import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPlan } from "../../src/plans/install.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

// The plan lifecycle and the membership watch, on the plan of test/governance/governance.test.ts: 8 members
const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
let t: TestApp;
let operator: Record<string, string>;
type M = Awaited<ReturnType<typeof registerMember>>;
const members: M[] = [];
const rules = mutualRules({ waiting: [], closure: { minimumMembers: 6, warnAbovePercent: 50 } });

const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-03-01"), presets: [] });
  operator = await staffToken(t, ["operator"]);
  await installPlan(t.db.pool, planDoc(rules, { id: "gov-plan" }));
  for (let i = 0; i < 8; i++) {
    const m = await registerMember(t, `1370000000${i}`, residentId("1985-06-06", 501 + 2 * i));
    const r = await post("/participations", m.auth, { memberId: m.memberId, planId: "gov-plan" });
    if (r.statusCode !== 201) throw new Error(r.body);
    members.push(m);
  }
});
afterAll(async () => {
  await t.close();
});

describe("plan lifecycle", () => {
  it("draft → consultation → active; the charter is set before launch, not after", async () => {
    await installPlan(t.db.pool, planDoc(rules, { id: "new-plan" }), "draft");
    const charter = { effective: "2018-10-16", noticeDays: 30, votingWindowDays: 10 };
    const bad = await post("/plans/new-plan/charter", operator, { ...charter, noticeDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("noticeDays");
    expect((await post("/plans/new-plan/charter", operator, charter)).statusCode).toBe(200);
    expect((await post("/plans/new-plan/launch", members[0]!.auth)).statusCode).toBe(403);
    expect((await post("/plans/new-plan/consultation", operator)).json()).toMatchObject({
      status: "consultation",
    });
    expect((await post("/plans/new-plan/launch", operator)).json()).toMatchObject({ status: "active" });
    const again = await post("/plans/new-plan/charter", operator, { ...charter, effective: "2020-01-01" });
    expect(again.statusCode).toBe(409);
    expect((await get("/plans/new-plan/charter")).json().items[0]).toMatchObject({ noticeDays: 30 });
  });

  it("closing is the members' decision where the charter says so", async () => {
    const r = await post("/plans/gov-plan/close", operator, { closingOn: "2020-06-01", reason: "costs" });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe("vote_required");
  });

  it("membership is watched against the minimum with a warning band", async () => {
    // minimum 6, warn 50% above: from 9 down; 8 active members → warning
    const w = await get("/plans/gov-plan/membership", members[0]!.auth);
    expect(w.json()).toMatchObject({ members: 8, minimum: 6, warnAt: 9, status: "warning" });
    const inbox = (await get("/notifications", members[2]!.auth)).json();
    expect(inbox.items.some((n: { title: string }) => n.title === "成员人数接近最低要求")).toBe(true);
  });
});
