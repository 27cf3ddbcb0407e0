import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, type Gov, govApp, reduced } from "./fixture.ts";

// src/governance/submit.ts (and review.ts): a member's proposal, its diff and class, evaluation, decision
let g: Gov;
beforeAll(async () => {
  g = await govApp();
});
afterAll(async () => {
  await g.t.close();
});

describe("co-deliberation with a vote", () => {
  it("a member's proposal is shown as a readable diff and classed as a benefit reduction", async () => {
    await g.setNow(at("2020-03-01"));
    const { id, body } = await g.propose("癌症互助金调整", reduced);
    expect(body).toMatchObject({ state: "submitted", changeClass: "benefitReduction" });
    expect(body.diff).toEqual(["benefits.schedule[0].benefit.amount: 300000 → 200000"]);
    const view = (await g.get(`/proposals/${id}`)).json();
    expect(view.state).toBe("accepted");
    expect(view.evaluations[0]).toMatchObject({ role: "expert", recommend: true });
  });
});
