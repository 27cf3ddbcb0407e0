import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPlan } from "../../src/plans/install.ts";
import { type Gov, govApp, rules } from "../governance/fixture.ts";
import { planDoc } from "../support/plan-fixtures.ts";

// The plan lifecycle and the membership watch, on the governance tests' plan (test/governance/fixture.ts): 8 members
let g: Gov;
let operator: Record<string, string>;
let members: Gov["members"];
let post: Gov["post"];
let get: Gov["get"];

beforeAll(async () => {
  g = await govApp();
  ({ operator, members, post, get } = g);
});
afterAll(async () => {
  await g.t.close();
});

describe("plan lifecycle", () => {
  it("draft → consultation → active; the charter is set before launch, not after", async () => {
    await installPlan(g.t.db.pool, planDoc(rules, { id: "new-plan" }), "draft");
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
