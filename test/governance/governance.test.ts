import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate as d } from "../../src/domain/calendar.ts";
import { countFromLogEntries } from "../../src/domain/governance/ballots.ts";
import type { Fen } from "../../src/domain/money.ts";
import { decideClaim } from "../../src/domain/plan/decision.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { installPlan } from "../../src/plans/install.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
let t: TestApp;
let operator: Record<string, string>;
type M = Awaited<ReturnType<typeof registerMember>>;
const members: M[] = [];
const rules = mutualRules({ waiting: [], closure: { minimumMembers: 6, warnAbovePercent: 50 } });
// the reduction: cancer under 40, standard tier, from 300,000 to 200,000 yuan
const reduced = {
  benefits: {
    ...rules.benefits,
    schedule: rules.benefits.schedule.map((r, i) =>
      i === 0 ? { ...r, benefit: { kind: "fixed", amount: 200000 } } : r,
    ),
  },
};

async function setNow(ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}
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
  await post("/notifications/preferences", members[7]!.auth); // wrong method: changes nothing
  await t.app.inject({
    method: "PUT",
    url: "/notifications/preferences",
    headers: members[7]!.auth,
    payload: { sms: true, email: true, emailAddress: "wang@example.com", kinds: ["vote", "adopted_change"] },
  });
});
afterAll(async () => {
  await t.close();
});

async function propose(title: string, changes: Record<string, unknown>) {
  const r = await post("/proposals", members[0]!.auth, {
    planId: "gov-plan",
    title,
    text: "成本上涨",
    changes,
  });
  expect(r.statusCode).toBe(201);
  const id = r.json().proposalId as number;
  await post(`/proposals/${id}/evaluations`, operator, {
    role: "expert",
    expertName: "精算师",
    recommend: true,
    opinion: "the reduction keeps the annual share under the cap",
  });
  await post(`/proposals/${id}/decision`, operator, { accept: true, reasons: "expert support" });
  return { id, body: r.json() };
}

let p1: number;

describe("co-deliberation with a vote", () => {
  it("a member's proposal is shown as a readable diff and classed as a benefit reduction", async () => {
    await setNow(at("2020-03-01"));
    const { id, body } = await propose("癌症互助金调整", reduced);
    p1 = id;
    expect(body).toMatchObject({ state: "submitted", changeClass: "benefitReduction" });
    expect(body.diff).toEqual(["benefits.schedule[0].benefit.amount: 300000 → 200000"]);
    const view = (await get(`/proposals/${id}`)).json();
    expect(view.state).toBe("accepted");
    expect(view.evaluations[0]).toMatchObject({ role: "expert", recommend: true });
  });

  it("publication with 14 days' notice when the charter asks 15 is refused and changes nothing; 15 is accepted", async () => {
    // published 2020-03-01: 15 days → effective 2020-03-16 at the earliest
    const short = await post(`/proposals/${p1}/publish`, operator, { effectiveOn: "2020-03-15" });
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: "notice_too_short", field: "effectiveOn" });
    expect((await get(`/proposals/${p1}`)).json().state).toBe("accepted");
    const ok = await post(`/proposals/${p1}/publish`, operator, { effectiveOn: "2020-03-16" });
    expect(ok.statusCode).toBe(200);
    // a reduction needs the vote: 7 days, the last day 03-07; 8 adult members eligible
    expect(ok.json()).toMatchObject({
      state: "published",
      voteRequired: true,
      votingClosesOn: "2020-03-08",
      noticeEndsOn: "2020-03-16",
      eligible: 8,
      voteRule: { thresholdPercent: 75, comparison: "atLeast" },
    });
  });

  it("members are told: the inbox shows the broadcast; SMS and e-mail go to those who asked", async () => {
    const inbox = (await get("/notifications", members[1]!.auth)).json();
    expect(inbox.items[0]).toMatchObject({ kind: "vote", read: false });
    expect(inbox.items[0].body).toContain("benefits.schedule[0].benefit.amount: 300000 → 200000");
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox WHERE body LIKE '%规则变更%'");
    const mail = await t.db.pool.query("SELECT email_masked, subject FROM email_outbox");
    expect(sms.rows).toHaveLength(1);
    expect(mail.rows).toEqual([
      { email_masked: "w***@example.com", subject: "规则变更公示：癌症互助金调整" },
    ]);
    const read = await post(`/notifications/${inbox.items[0].notificationId}/read`, members[1]!.auth);
    expect(read.json()).toEqual({ notificationId: inbox.items[0].notificationId, read: true });
  });

  it("one counted vote per member, changeable until the window closes; comments under a pseudonym", async () => {
    const vote = (m: M, inFavour: boolean) => post(`/proposals/${p1}/ballots`, m.auth, { inFavour });
    expect((await vote(members[0]!, false)).json()).toMatchObject({ seq: 1, inFavour: false });
    expect((await vote(members[0]!, true)).json()).toMatchObject({ seq: 2, replacesEarlier: true });
    await vote(members[1]!, true);
    await vote(members[2]!, true);
    await vote(members[3]!, false);
    const c = await post(`/proposals/${p1}/comments`, members[4]!.auth, { text: "同意，但请公开精算报告" });
    expect(c.json().member).toMatch(/^[0-9a-f]{32}$/);
    const early = await post(`/proposals/${p1}/tally`, operator);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("voting_open");
    const staffVote = await post(`/proposals/${p1}/ballots`, operator, { inFavour: true });
    expect(staffVote.statusCode).toBe(403);
  });

  it("a vote after the window is refused; the tally (3 of 4 = 75%) passes the three-quarters rule", async () => {
    await setNow(at("2020-03-08"));
    const late = await post(`/proposals/${p1}/ballots`, members[5]!.auth, { inFavour: false });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("voting_closed");
    const t1 = await post(`/proposals/${p1}/tally`, operator);
    // member 0's last ballot is yes: 3 yes (0, 1, 2), 1 no (3); 4 of 8 eligible ≥ 5% quorum
    expect(t1.json()).toMatchObject({ state: "passed", tally: { inFavour: 3, against: 1, passed: true } });
  });

  it("the tally recomputed from the log equals the published one, and differs when a ballot is altered", async () => {
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect((await get(`/proposals/${p1}/recount`)).json()).toEqual({ inFavour: 3, against: 1, members: 4 });
    const entries = (await t.db.pool.query("SELECT canonical FROM log_entries ORDER BY idx")).rows.map(
      (r) => r.canonical as string,
    );
    const ballot = entries.findIndex((e) => e.includes(`"proposal":${p1}`) && e.includes('"inFavour":true'));
    const altered = [...entries];
    altered[ballot] = altered[ballot]!.replace('"inFavour":true', '"inFavour":false');
    expect(countFromLogEntries(altered, p1)).not.toEqual(countFromLogEntries(entries, p1));
    // and through the command, on this database and on an altered export
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const ok = await runCli(["votes", "tally", "--proposal", String(p1), "--from-log"]);
    expect(ok.stdout).toContain("the published result is reproduced");
    expect(ok.code).toBe(0);
    const file = join(tmpdir(), `huzhu-altered-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ entries: altered.map((entry, index) => ({ index, entry })) }));
    const bad = await runCli(["votes", "tally", "--proposal", String(p1), "--from-log", "--file", file]);
    expect(bad.stdout).toContain("does NOT match");
    expect(bad.code).toBe(1);
    expect((await runCli(["votes", "tally", "--proposal", "x"])).code).toBe(2);
  });

  it("adoption creates the version; a claim diagnosed the day before is judged by the old rules, the day after by the new", async () => {
    const a = await post(`/proposals/${p1}/adopt`, operator);
    expect(a.json()).toMatchObject({ state: "adopted", adoptedVersion: "2020-03-16" });
    const plan = await loadStoredPlan(t.db.pool, "gov-plan");
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
});

describe("a failed vote", () => {
  it("2 of 3 (66.7%) fails three quarters; adopting it is refused and no version appears", async () => {
    await setNow(at("2020-04-01"));
    const { id } = await propose("等待期延长", { waiting: [{ days: 180 }] });
    const pub = await post(`/proposals/${id}/publish`, operator, { effectiveOn: "2020-05-01" });
    expect(pub.json()).toMatchObject({ changeClass: "benefitReduction", voteRequired: true });
    for (const [i, yes] of [
      [0, true],
      [1, true],
      [2, false],
    ] as const)
      await post(`/proposals/${id}/ballots`, members[i]!.auth, { inFavour: yes });
    await setNow(at("2020-04-08"));
    const t2 = await post(`/proposals/${id}/tally`, operator);
    expect(t2.json()).toMatchObject({ state: "failed", tally: { inFavour: 2, against: 1, passed: false } });
    const adopt = await post(`/proposals/${id}/adopt`, operator);
    expect(adopt.statusCode).toBe(409);
    const versions = await t.db.pool.query(
      "SELECT effective::text FROM rule_versions WHERE plan_id = 'gov-plan' ORDER BY 1",
    );
    expect(versions.rows.map((r) => r.effective)).toEqual(["2018-10-16", "2020-03-16"]);
  });
});
