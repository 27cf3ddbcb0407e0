import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, civilDateOfInstant } from "../../src/domain/calendar.ts";
import { defaultCharter } from "../../src/domain/governance/charter.ts";
import { governanceRepository } from "../../src/governance/governance.repository.ts";
import { installPlan } from "../../src/plans/install.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/*
 * Issue 20: the new log key is pinned through the charter's own process. Announcing it publishes a
 * `log_key` proposal in the plan; this plan's charter asks 10 days' notice and the members' vote on an
 * ordinary change (open 7 days). `huzhu keys rotate log-signing --hand-over` is refused (exit 2, one
 * line naming the date) before the notice ends, then until the vote is tallied, and accepted after.
 * The commands run on the development clock (`huzhu clock advance`), the app's test clock kept beside.
 */
let t: TestApp;
const saved = { url: process.env.DATABASE_URL, dir: process.env.HUZHU_DATA_DIR };
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.now(), presets: [] });
  await installPlan(t.db.pool, planDoc(mutualRules({ waiting: [] }), { id: "voting-plan" }));
  const charter = { ...defaultCharter("2000-01-01"), noticeDays: 10, votingWindowDays: 7, quorumPercent: 50 };
  charter.votes = {
    ...charter.votes,
    ordinary: { vote: true, thresholdPercent: 50, comparison: "moreThan" },
  };
  await governanceRepository.insertCharter(t.db.pool as never, "voting-plan", "2000-01-01", charter);
  for (let i = 0; i < 2; i++) {
    const m = await registerMember(t, `1371000000${i}`, residentId("1985-06-06", 701 + 2 * i));
    const r = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: m.auth,
      payload: { memberId: m.memberId, planId: "voting-plan" },
    });
    expect(r.statusCode).toBe(201);
    members.push(m.auth);
  }
  process.env.DATABASE_URL = t.db.url;
  process.env.HUZHU_DATA_DIR = t.deps.dataDir;
});
afterAll(async () => {
  for (const [k, v] of [
    ["DATABASE_URL", saved.url],
    ["HUZHU_DATA_DIR", saved.dir],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await t?.close();
});
const members: Record<string, string>[] = [];
/** Both clocks, the commands' (persisted offset) and the app's, moved together. */
const advanceDays = async (n: number) => {
  expect((await runCli(["clock", "advance", `${n}d`])).code).toBe(0);
  t.clock.advance(n * DAY);
};
const handOver = () => runCli(["keys", "rotate", "log-signing", "--hand-over"]);

describe("the log key hand-over through the charter", () => {
  it("waits for the notice and the members' vote, then is accepted and adopts the proposal", async () => {
    const today = civilDateOfInstant(Date.now());
    const announced = await runCli(["keys", "rotate", "log-signing"]);
    expect(announced.code).toBe(0);
    const due = addDays(today, 10);
    const closes = addDays(today, 7);
    const line =
      /plan voting-plan: proposal (\d+) published, notice until (\S+), the members vote until (\S+)/.exec(
        announced.stdout,
      );
    expect(line?.slice(2)).toEqual([due, closes]);
    const id = Number(line![1]);

    const charter = (await t.app.inject({ method: "GET", url: "/plans/voting-plan/charter" })).json();
    expect(charter.log.pending).toMatchObject({
      proposalId: id,
      handOverOn: due,
      voteRequired: true,
      votingClosesOn: closes,
    });
    expect(charter.log.pending.logKey).toMatch(/^huzhu\.local\/log\+[0-9a-f]{8}\+/);

    const early = await handOver();
    expect(early.code).toBe(2);
    expect(early.stderr).toBe(
      `huzhu: the log key may be handed over on ${due} at the earliest: the charter of plan voting-plan gives notice until then (proposal ${id})\n`,
    );
    // the members vote, in favour (2 of 2), while the window is open
    for (const auth of members) {
      const b = await t.app.inject({
        method: "POST",
        url: `/proposals/${id}/ballots`,
        headers: auth,
        payload: { inFavour: true },
      });
      expect(b.statusCode).toBe(200);
    }
    await advanceDays(9);
    const dayBefore = await handOver();
    expect(dayBefore.code).toBe(2);
    expect(dayBefore.stderr).toContain(`handed over on ${due} at the earliest`);
    await advanceDays(1);
    const untallied = await handOver();
    expect(untallied.code).toBe(2);
    expect(untallied.stderr).toBe(
      `huzhu: the members of plan voting-plan vote on the new log key: tally proposal ${id} first (huzhu proposals tally ${id})\n`,
    );
    const tally = await runCli(["proposals", "tally", String(id)]);
    expect(tally.stdout).toMatch(/^passed: 2 of 2 votes in favour/);

    const done = await handOver();
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^log-signing: version 2 signs from now on; version 1 is retired/);
    const p = await t.db.pool.query("SELECT state FROM proposals WHERE proposal_id = $1", [id]);
    expect(p.rows).toEqual([{ state: "adopted" }]);
    const after = (await t.app.inject({ method: "GET", url: "/plans/voting-plan/charter" })).json();
    expect(after.log.pending).toBeNull();
    // adopted by the hand-over only: the operator's adoption route refuses a log key proposal
    const operator = await staffToken(t, ["operator"]);
    const adopt = await t.app.inject({ method: "POST", url: `/proposals/${id}/adopt`, headers: operator });
    expect(adopt.statusCode).toBe(409);
  });
});
