import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, civilDateOfInstant } from "../../src/domain/calendar.ts";
import { watchEveryPlan } from "../../src/plans/membership-watch.ts";
import { enrolMembers, staffToken, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

// Issue 17 point 1: closing follows the charter on every path (API, CLI, the scheduler), with notice to
// every member. "voted" keeps the default charter (dissolution is the members' vote); "operated" and
// "by-cli" have a charter that leaves closing to the operator. Minimum 6, warning 50% above (from 9 down).
const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
let t: TestApp;
let operator: Record<string, string>;
const rules = mutualRules({
  waiting: [],
  closure: { minimumMembers: 6, warnAbovePercent: 50, noticeDays: 15 },
});
const noVote = { vote: false, thresholdPercent: 50, comparison: "moreThan" } as const;
const enrolled: Record<string, Awaited<ReturnType<typeof enrolMembers>>> = {};

const post = (url: string, payload: unknown, headers = operator) =>
  t.app.inject({ method: "POST", url, headers, payload: payload as object });
const inboxTitles = async (auth: Record<string, string>) =>
  (
    (await t.app.inject({ method: "GET", url: "/notifications", headers: auth })).json().items as Array<{
      title: string;
    }>
  ).map((n) => n.title);
const planRow = async (id: string) =>
  (await t.db.pool.query("SELECT status, closing_on::text FROM plans WHERE plan_id = $1", [id])).rows[0];
async function setNow(ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}

async function launched(id: string, charter?: object) {
  expect((await post("/plans", planDoc(rules, { id }))).statusCode).toBe(201);
  if (charter) expect((await post(`/plans/${id}/charter`, charter)).statusCode).toBe(200);
  expect((await post(`/plans/${id}/launch`, {})).statusCode).toBe(200);
}

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-03-01"), presets: ["xianghubao"] });
  operator = await staffToken(t, ["operator"]);
  const operatorCloses = {
    effective: "2018-10-16",
    votes: { ordinary: noVote, benefitReduction: noVote, feeIncrease: noVote, dissolution: noVote },
  };
  await launched("voted");
  await launched("operated", operatorCloses);
  await launched("by-cli", operatorCloses);
  let seq = 601;
  for (const [id, prefix] of [
    ["voted", "1360000100"],
    ["operated", "1360000200"],
    ["by-cli", "1360000300"],
  ] as const) {
    enrolled[id] = await enrolMembers(t, 8, id, prefix, "1985-06-06", seq);
    seq += 20;
  }
  process.env.DATABASE_URL = t.db.url;
  process.env.HUZHU_DATA_DIR = t.deps.dataDir;
});
afterAll(async () => {
  await t.close();
});

describe("huzhu wind-down follows the charter", () => {
  // the command runs on the real clock: its dates are counted from the real today
  const today = civilDateOfInstant(Date.now());
  it("refuses a plan whose charter reserves closing to a vote (exit 2, one line), as the API does", async () => {
    const r = await runCli(["wind-down", "--plan", "voted", "--on", addDays(today, 60), "--reason", "costs"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^huzhu: this plan's charter reserves dissolution to the members' vote[^\n]*\n$/,
    );
    const api = await post("/plans/voted/close", { closingOn: "2020-06-01", reason: "costs" });
    expect(api.json().code).toBe("vote_required");
    expect((await planRow("voted")).status).toBe("active");
  });

  it("refuses a past date and one inside the rules' 15 days' notice", async () => {
    for (const on of ["2020-01-01", addDays(today, 14)]) {
      const r = await runCli(["wind-down", "--plan", "by-cli", "--on", on, "--reason", "costs"]);
      expect(r.code, on).toBe(2);
      expect(r.stderr).toContain(`${addDays(today, 15)} at the earliest, not ${on}`);
    }
    expect((await planRow("by-cli")).status).toBe("active");
  });

  it("closes with the notice and tells every member", async () => {
    const on = addDays(today, 15);
    const r = await runCli(["wind-down", "--plan", "by-cli", "--on", on, "--reason", "成本过高"]);
    expect(r.code).toBe(0);
    expect(await planRow("by-cli")).toEqual({ status: "closing", closing_on: on });
    for (const m of [enrolled["by-cli"]!.registered[0]!, enrolled["by-cli"]!.registered[7]!])
      expect(await inboxTitles(m.auth)).toContain("计划将关闭");
  });
});

describe("the scheduler, when membership falls under the minimum", () => {
  it("a plan that never reached its minimum is not closed for it", async () => {
    // xianghubao: minimum 3,240,000, no members here
    const watched = await watchEveryPlan(t.deps);
    expect(watched.find((w) => w.planId === "xianghubao")).toMatchObject({ status: "below", members: 0 });
    expect((await planRow("xianghubao")).status).toBe("active");
    // 8 members against a minimum of 6 and a line of 9: a warning, nothing closes
    expect(watched.filter((w) => w.planId !== "xianghubao").map((w) => [w.planId, w.status])).toEqual([
      ["operated", "warning"],
      ["voted", "warning"],
    ]);
  });

  it("the same day the plans are not counted again", async () => {
    expect(await watchEveryPlan(t.deps)).toEqual([]);
  });

  it("three members leave: the operator's plan winds down with notice, the members' plan gets a dissolution proposal", async () => {
    await setNow(at("2020-03-02"));
    for (const id of ["voted", "operated"]) {
      const e = enrolled[id]!;
      for (const i of [0, 1, 2]) {
        const r = await post(`/participations/${e.parts[i]}/exit`, {}, e.registered[i]!.auth);
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    // a staff read shows the fall, and leaves recording it (and closing) to the scheduler
    const read = await t.app.inject({ method: "GET", url: "/plans/operated/membership", headers: operator });
    expect(read.json()).toMatchObject({ status: "below", members: 5 });
    expect((await planRow("operated")).status).toBe("active");
    const watched = await watchEveryPlan(t.deps);
    expect(
      watched.filter((w) => w.planId !== "xianghubao").map((w) => [w.planId, w.status, w.members]),
    ).toEqual([
      ["operated", "below", 5],
      ["voted", "below", 5],
    ]);
    // the rules' 15 days from 2020-03-02
    expect(await planRow("operated")).toEqual({ status: "closing", closing_on: "2020-03-17" });
    expect(await inboxTitles(enrolled.operated!.registered[5]!.auth)).toEqual(
      expect.arrayContaining(["计划将关闭", "成员人数低于最低要求"]),
    );
    expect((await planRow("voted")).status).toBe("active");
    const proposals = await t.db.pool.query(
      "SELECT kind, state, proposer, change_class FROM proposals WHERE plan_id = 'voted'",
    );
    expect(proposals.rows).toEqual([
      {
        kind: "dissolution",
        state: "submitted",
        proposer: "system:membership-watch",
        change_class: "dissolution",
      },
    ]);
    expect(await inboxTitles(enrolled.voted!.registered[5]!.auth)).toContain("解散提案");
  });

  it("still under the minimum the next day: no second proposal", async () => {
    await setNow(at("2020-03-03"));
    await watchEveryPlan(t.deps);
    const n = await t.db.pool.query("SELECT count(*)::int AS n FROM proposals WHERE plan_id = 'voted'");
    expect(n.rows[0].n).toBe(1);
    expect((await planRow("voted")).status).toBe("active");
  });
});
