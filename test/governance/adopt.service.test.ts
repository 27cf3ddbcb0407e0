import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../src/domain/access.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { adoptProposal } from "../../src/governance/adopt.ts";
import { setCharter } from "../../src/governance/charter.ts";
import { publishProposal } from "../../src/governance/publish.ts";
import { decideProposal, evaluateProposal } from "../../src/governance/review.ts";
import { submitProposal } from "../../src/governance/submit.ts";
import { installPlan } from "../../src/plans/install.ts";
import { staffAccount, type TestApp, testApp } from "../support/app.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
let t: TestApp;
let operator: Principal;

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-03-01"), presets: [] });
  operator = { kind: "staff", id: (await staffAccount(t, ["operator"])).staffId, roles: ["operator"] };
  await installPlan(t.db.pool, planDoc(mutualRules({ waiting: [] }), { id: "dissolving" }), "draft");
  // a charter that lets the operator's published dissolution be adopted without a vote
  const noVote = { vote: false, thresholdPercent: 50, comparison: "moreThan" } as const;
  await setCharter(t.deps, operator, "dissolving", {
    effective: "2019-01-01",
    votes: { ordinary: noVote, benefitReduction: noVote, feeIncrease: noVote, dissolution: noVote },
  });
  await t.db.pool.query("UPDATE plans SET status = 'active' WHERE plan_id = 'dissolving'");
});
afterAll(async () => {
  await t.close();
});

async function publishedDissolution(): Promise<number> {
  t.clock.set(at("2020-03-01"));
  const p = await submitProposal(t.deps, operator, {
    planId: "dissolving",
    kind: "dissolution",
    title: "解散计划",
    text: "成员不足",
  });
  await evaluateProposal(t.deps, operator, p.proposalId, {
    role: "operator",
    recommend: true,
    opinion: "成员不足",
  });
  await decideProposal(t.deps, operator, p.proposalId, { accept: true, reasons: "成员不足" });
  // 15 days' notice from 2020-03-01: effective 2020-04-01, adopted after the notice
  await publishProposal(t.deps, operator, p.proposalId, civilDate("2020-04-01"));
  t.clock.set(at("2020-04-01"));
  return p.proposalId;
}

const planStatus = async () =>
  (await t.db.pool.query<{ status: string }>("SELECT status FROM plans WHERE plan_id = 'dissolving'"))
    .rows[0]!.status;
const closingEntries = async () =>
  (
    await t.db.pool.query(
      "SELECT 1 FROM log_outbox WHERE kind = 'plan_status' AND entry ->> 'status' = 'closing' AND entry ->> 'plan' = 'dissolving'",
    )
  ).rowCount;

describe("adopting a dissolution", () => {
  it("a crash between the adoption and the wind-down leaves neither", async () => {
    const id = await publishedDissolution();
    const crashing = {
      ...t.deps,
      checkpoint: (name: string) => {
        if (name === "adopt:adopted") throw new Error("crash at adopt:adopted");
      },
    };
    await expect(adoptProposal(crashing, operator, id)).rejects.toThrow("crash at adopt:adopted");
    const state = await t.db.pool.query<{ state: string; adopted_version: string | null }>(
      "SELECT state, adopted_version FROM proposals WHERE proposal_id = $1",
      [id],
    );
    expect(state.rows[0]).toEqual({ state: "published", adopted_version: null });
    expect(await planStatus()).toBe("active");
    expect(await closingEntries()).toBe(0);
    const adoptEvents = await t.db.pool.query(
      "SELECT 1 FROM proposal_events WHERE proposal_id = $1 AND action = 'adopt'",
      [id],
    );
    expect(adoptEvents.rowCount).toBe(0);

    // the same adoption without the crash: the proposal is adopted and the plan winds down, together
    const adopted = await adoptProposal(t.deps, operator, id);
    expect(adopted.state).toBe("adopted");
    expect(await planStatus()).toBe("closing");
    expect(await closingEntries()).toBe(1);
    const plan = await t.db.pool.query<{ closing_on: string }>(
      "SELECT closing_on::text FROM plans WHERE plan_id = 'dissolving'",
    );
    expect(plan.rows[0]!.closing_on).toBe("2020-04-01");
  });
});
