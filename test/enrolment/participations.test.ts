import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { applyBalanceRules } from "../../src/enrolment/balance-rules.ts";
import { transferDueParticipations } from "../../src/enrolment/transfers.ts";
import { enrolChild, registerMember, residentId, staffToken } from "../support/app.ts";
import { joinShuidi } from "../support/enrol.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp(); // today is 2020-03-01 in Shanghai

const answers = { major_illness: false, hospitalised: false };

/** A member asks to join 相互宝 with a clean health declaration (in the V2 questions unless told). */
const joinXianghubao = (m: { auth: Record<string, string>; memberId: number }, answersVersion = "V2") =>
  t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion },
  });

describe("enrolment", () => {
  it("joins 相互宝 under the rules in force and shows the 90-day waiting period", async () => {
    const m = await registerMember(t, "13800000101", residentId("1990-05-01", 101));
    const r = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: m.auth,
      payload: {
        memberId: m.memberId,
        planId: "xianghubao",
        tier: "standard",
        answers,
        answersVersion: "V2",
      },
    });
    expect(r.statusCode).toBe(201);
    // joined 2020-03-01 with 90 days: waiting 03-01 … 05-29 (31 + 30 + 29 = 90), covered from 05-30
    expect(r.json()).toMatchObject({
      planId: "xianghubao",
      joinedOn: "2020-03-01",
      ruleVersion: "2020-01-01",
      status: "active",
      coveredFrom: "2020-05-30",
    });
    const again = await joinXianghubao(m);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_joined");
  });

  it("refuses by the rules: age on the 60th birthday, a yes in the declaration, an old declaration version", async () => {
    // born 1960-03-01: 60 on 2020-03-01 (today), over 相互宝's 59
    const old = await registerMember(t, "13800000102", residentId("1960-03-01", 103));
    const r1 = await joinXianghubao(old);
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ code: "age_limit" });
    // born 1960-03-02: still 59 today
    const young = await registerMember(t, "13800000103", residentId("1960-03-02", 105));
    const r2 = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: young.auth,
      payload: {
        memberId: young.memberId,
        planId: "xianghubao",
        answers: { major_illness: true, hospitalised: false },
        answersVersion: "V2",
      },
    });
    expect(r2.json()).toMatchObject({ code: "health_declaration", field: "answers.major_illness" });
    const r3 = await joinXianghubao(young, "V1");
    expect(r3.json()).toMatchObject({ code: "declaration_outdated" });
    expect(
      (
        await t.db.pool.query("SELECT count(*)::int AS n FROM participations WHERE member_id = $1", [
          young.memberId,
        ])
      ).rows[0].n,
    ).toBe(0);
  });

  it("needs an invitation code for 抗癌公社, and enrols a child as guardian", async () => {
    const parent = await registerMember(t, "13800000104", residentId("1985-01-01", 107));
    const child = await enrolChild(t, parent, { name: "孩子", residentId: residentId("2015-01-01", 108) });
    const payload = {
      memberId: child.memberId,
      planId: "kangai",
      answers: { listed_disease: false },
      answersVersion: "2016",
    };
    const refused = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: parent.auth,
      payload,
    });
    expect(refused.json().code).toBe("invitation_required");
    await t.db.pool.query("INSERT INTO invitation_codes (plan_id, code) VALUES ('kangai', 'INVITE-1')");
    const ok = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: parent.auth,
      payload: { ...payload, invitationCode: "INVITE-1" },
    });
    expect(ok.statusCode).toBe(201);
    // kangai's 2020 rules: 365 days for every age; 2020-03-01 + 365 days = 2021-03-01 (no 29 February in between)
    expect(ok.json()).toMatchObject({ memberId: child.memberId, coveredFrom: "2021-03-01" });
    const stranger = await registerMember(t, "13800000105", residentId("1986-01-01", 109));
    const steal = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: stranger.auth,
      payload: { ...payload, invitationCode: "INVITE-1" },
    });
    expect(steal.statusCode).toBe(404);
  });

  it("exits at any time; rejoining restarts the waiting period", async () => {
    const m = await registerMember(t, "13800000106", residentId("1991-01-01", 111));
    const first = (await joinXianghubao(m)).json();
    const out = await t.app.inject({
      method: "POST",
      url: `/participations/${first.participationId}/exit`,
      headers: m.auth,
    });
    expect(out.json()).toMatchObject({
      participation: { status: "ended", endReason: "exit", endedOn: "2020-03-01" },
      refundFen: 0,
      stillOwedFen: 0,
    });
    t.clock.advance(5 * 86_400_000); // 2020-03-06 (sessions last 7 days)
    const second = (await joinXianghubao(m)).json();
    expect(second).toMatchObject({ joinedOn: "2020-03-06", coveredFrom: "2020-06-04" }); // 03-06 + 90 days: 25 + 30 + 31 + 4
    t.clock.advance(-5 * 86_400_000);
  });

  it("chooses how shares are taken", async () => {
    const m = await registerMember(t, "13800000107", residentId("1992-01-01", 113));
    const p = (await joinXianghubao(m)).json();
    const r = await t.app.inject({
      method: "PUT",
      url: `/participations/${p.participationId}/share-mode`,
      headers: m.auth,
      payload: { mode: "auto_limit", shareLimitFen: 500 },
    });
    expect(r.json()).toMatchObject({ shareMode: "auto_limit", shareLimitFen: 500 });
    const bad = await t.app.inject({
      method: "PUT",
      url: `/participations/${p.participationId}/share-mode`,
      headers: m.auth,
      payload: { mode: "auto_limit" },
    });
    expect(bad.json()).toMatchObject({ code: "validation", field: "shareLimitFen" });
  });
});

describe("prepaid balances (水滴: first deposit 3 yuan, floor 1, 15 days' grace)", () => {
  it("needs the deposit first, suspends under the floor, resumes on a top-up, lapses after the grace days", async () => {
    const m = await registerMember(t, "13800000201", residentId("1995-01-01", 201));
    const join = {
      memberId: m.memberId,
      planId: "shuidi",
      answers: { major_illness: false },
      answersVersion: "2016",
    };
    expect(
      (await t.app.inject({ method: "POST", url: "/participations", headers: m.auth, payload: join })).json()
        .code,
    ).toBe("insufficient_balance");
    const top = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "first" },
      payload: { amountFen: 300, planId: "shuidi" },
    });
    expect(top.statusCode).toBe(201);
    expect(top.json()).toMatchObject({ status: "succeeded", balanceFen: 300 });
    const p = (
      await t.app.inject({ method: "POST", url: "/participations", headers: m.auth, payload: join })
    ).json();
    expect(p.status).toBe("active");
    // a share of 2.01 yuan taken from the balance leaves 0.99 < 1.00: suspended on the next check
    await t.db.pool.query(`SELECT 1`);
    const { postTransaction } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    await withTransaction(t.db.pool, (tx) =>
      postTransaction(tx, {
        key: "test-share",
        kind: "share",
        at: new Date(),
        postings: [
          { accountId: `member:${m.memberId}:balance`, amountFen: 201 as never },
          { accountId: "plan:shuidi:pool", amountFen: -201 as never },
        ],
      }),
    );
    expect(await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-01"))).toMatchObject({
      suspended: 1,
    });
    // exactly at the floor after topping up 1 fen: 99 + 1 = 100 → covered again, at once (the top-up
    // applies the balance rules; the next check has nothing left to resume)
    await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "one-fen" },
      payload: { amountFen: 1 },
    });
    const resumed = await t.app.inject({
      method: "GET",
      url: `/participations/${p.participationId}`,
      headers: m.auth,
    });
    expect(resumed.json()).toMatchObject({ status: "active" });
    expect(await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-02"))).toMatchObject({ resumed: 0 });
    await withTransaction(t.db.pool, (tx) =>
      postTransaction(tx, {
        key: "test-share-2",
        kind: "share",
        at: new Date(),
        postings: [
          { accountId: `member:${m.memberId}:balance`, amountFen: 1 as never },
          { accountId: "plan:shuidi:pool", amountFen: -1 as never },
        ],
      }),
    );
    await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-03")); // suspended on 03-03, grace to 03-18
    expect(await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-18"))).toMatchObject({ lapsed: 0 });
    expect(await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-19"))).toMatchObject({ lapsed: 1 });
    const ended = await t.app.inject({
      method: "GET",
      url: `/participations/${p.participationId}`,
      headers: m.auth,
    });
    expect(ended.json()).toMatchObject({ status: "ended", endReason: "lapsed", endedOn: "2020-03-19" });
  });

  it("refunds the balance on exit", async () => {
    const m = await registerMember(t, "13800000202", residentId("1996-01-01", 203));
    await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "k" },
      payload: { amountFen: 900, planId: "shuidi" },
    });
    const p = (await joinShuidi(t, m)).json();
    const out = await t.app.inject({
      method: "POST",
      url: `/participations/${p.participationId}/exit`,
      headers: m.auth,
    });
    expect(out.json()).toMatchObject({ refundFen: 900 });
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${m.memberId}/balance`, headers: m.auth })).json()
        .balanceFen,
    ).toBe(0);
  });
});

describe("automatic transfer at an age", () => {
  it("moves a 抗癌公社 member to the parents' plan on the 65th birthday", async () => {
    const ops = await staffToken(t, ["operator"]);
    expect(ops).toBeDefined();
    const m = await registerMember(t, "13800000301", residentId("1955-03-01", 301));
    // joined long ago, before the age limit: inserted directly as an existing member
    await t.db.pool.query(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'kangai', 'standard', '2015-01-01', '2016-01-01', '2011-05-01', 'active')`,
      [m.memberId],
    );
    expect(await transferDueParticipations(t.deps, "kangai", civilDate("2020-02-29"))).toBe(0);
    expect(await transferDueParticipations(t.deps, "kangai", civilDate("2020-03-01"))).toBe(1);
    const { rows } = await t.db.pool.query(
      "SELECT plan_id, status, end_reason FROM participations WHERE member_id = $1 ORDER BY participation_id",
      [m.memberId],
    );
    expect(rows).toEqual([
      { plan_id: "kangai", status: "ended", end_reason: "transferred:kangai-parents" },
      { plan_id: "kangai-parents", status: "active", end_reason: null },
    ]);
  });
});
