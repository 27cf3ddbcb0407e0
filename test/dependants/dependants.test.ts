import { describe, expect, it } from "vitest";
import { insertPerson } from "../../src/members/register.ts";
import { withTransaction } from "../../src/store/db.ts";
import { enrolChild, GUARDIANSHIP_PDF, registerMember, residentId, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

type M = Awaited<ReturnType<typeof registerMember>>;
const request = (m: M, payload: Record<string, unknown>) =>
  t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/dependants`,
    headers: m.auth,
    payload: { consentVersion: "v1", ...payload },
  });
const confirm = (m: M, requestId: number, code: string) =>
  t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/dependant-requests/${requestId}/confirmation`,
    headers: m.auth,
    payload: { code },
  });
const lastCode = async () => {
  const { rows } = await t.db.pool.query("SELECT body FROM sms_outbox ORDER BY sms_id DESC LIMIT 1");
  return /(\d{6})/.exec(rows[0].body)![1]!;
};
/** Each test's member starts with a fresh per-minute budget: the clock moves on a minute. */
const nextMinute = () => t.clock.advance(61_000);

describe("no identity oracle when enrolling a dependant", () => {
  it("answers a registered and an unregistered ID alike (was 409 duplicate_person against 201)", async () => {
    nextMinute();
    const taken = residentId("1950-02-02", 601);
    await registerMember(t, "13600000601", taken, "孙老");
    const m = await registerMember(t, "13600000602", residentId("1980-02-02", 603), "孙一");
    const a = await request(m, {
      name: "孙老",
      residentId: taken,
      relation: "parent",
      mobile: "13600000690",
    });
    const b = await request(m, {
      name: "孙老",
      residentId: residentId("1950-02-02", 605),
      relation: "parent",
      mobile: "13600000691",
    });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const shape = (r: typeof a) => {
      const { requestId: _, createdAt: __, mobile: ___, ...rest } = r.json();
      return rest;
    };
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).toMatchObject({ state: "awaiting_code", dependantId: null, refusal: null });
  });

  it("enrols an adult only with the code sent to their own mobile; every wrong try counts and the code dies", async () => {
    nextMinute();
    const m = await registerMember(t, "13600000611", residentId("1980-03-03", 611), "周一");
    const r = await request(m, {
      name: "周父",
      residentId: residentId("1955-03-03", 613),
      relation: "parent",
      mobile: "13600000619",
    });
    expect(r.json()).toMatchObject({ state: "awaiting_code", mobile: "136****0619" });
    const { rows } = await t.db.pool.query(
      "SELECT mobile_masked, body FROM sms_outbox ORDER BY sms_id DESC LIMIT 1",
    );
    expect(rows[0].mobile_masked).toBe("136****0619"); // the parent's mobile, not the member's
    const code = await lastCode();
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await confirm(m, r.json().requestId, wrong)).json()).toMatchObject({ code: "invalid_code" });
    const ok = await confirm(m, r.json().requestId, code);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: "dependant", relation: "parent", guardianId: m.memberId });
    // the code is used up with the request
    expect((await confirm(m, r.json().requestId, code)).json()).toMatchObject({ code: "invalid_code" });

    nextMinute();
    const r2 = await request(m, {
      name: "周母",
      residentId: residentId("1956-03-03", 614),
      relation: "parent",
      mobile: "13600000618",
    });
    const code2 = await lastCode();
    const other = code2 === "000000" ? "111111" : "000000";
    const tries = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => confirm(m, r2.json().requestId, other)));
    expect(tries.every((x) => x.json().code === "invalid_code")).toBe(true);
    const attempts = await t.db.pool.query(
      "SELECT code_attempts FROM dependant_requests WHERE request_id = $1",
      [r2.json().requestId],
    );
    expect(attempts.rows[0].code_attempts).toBe(5); // counted atomically, capped
    expect((await confirm(m, r2.json().requestId, code2)).json()).toMatchObject({ code: "invalid_code" });
  });

  it("refuses implausible relations from the birth dates alone", async () => {
    nextMinute();
    const m = await registerMember(t, "13600000621", residentId("1980-04-04", 621), "吴一");
    const parent = await request(m, {
      name: "吴父",
      residentId: residentId("1966-01-01", 623), // 14 years older
      relation: "parent",
      mobile: "13600000629",
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json()).toMatchObject({ code: "implausible_relation", field: "relation" });
    const spouse = await request(m, {
      name: "吴妻",
      residentId: residentId("2001-01-01", 624), // 19 on 2020-03-01
      relation: "spouse",
      mobile: "13600000628",
    });
    expect(spouse.json()).toMatchObject({ code: "implausible_relation" });
    const child = await request(m, {
      name: "吴子",
      residentId: residentId("1994-01-01", 626),
      relation: "child",
    });
    expect(child.json()).toMatchObject({ code: "not_a_minor" });
    const noMobile = await request(m, {
      name: "吴母",
      residentId: residentId("1950-01-01", 628),
      relation: "parent",
    });
    expect(noMobile.json()).toMatchObject({ code: "invalid_mobile", field: "mobile" });
  });

  it("limits lookups per member (per minute, per day) and records each one", async () => {
    nextMinute();
    const m = await registerMember(t, "13600000631", residentId("1985-05-05", 631), "郑一");
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) nextMinute();
      const seq = 633 + 2 * i;
      const r = await request(m, {
        name: "郑子",
        residentId: residentId("2015-05-05", seq),
        relation: "child",
      });
      codes.push(r.statusCode);
    }
    // 3 a minute pass; the day's 10 then stop the 11th and 12th
    expect(codes).toEqual([202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 429, 429]);
    nextMinute();
    const burst: number[] = [];
    const n = await registerMember(t, "13600000632", residentId("1985-05-06", 632), "郑二");
    for (let i = 0; i < 4; i++) {
      const r = await request(n, {
        name: "郑女",
        residentId: residentId("2016-05-05", 661 + 2 * i),
        relation: "child",
      });
      burst.push(r.statusCode);
    }
    expect(burst).toEqual([202, 202, 202, 429]);
    const recorded = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM dependant_requests WHERE member_id = $1",
      [m.memberId],
    );
    expect(recorded.rows[0].n).toBe(10);
  });
});

describe("a minor is enrolled on a guardianship document a reviewer accepts", () => {
  it("waits for the document and the review; the reviewer's read of the document is in the audit trail", async () => {
    nextMinute();
    const m = await registerMember(t, "13600000641", residentId("1984-06-06", 641), "冯一");
    const r = await request(m, {
      name: "冯小一",
      residentId: residentId("2014-06-06", 642),
      relation: "child",
    });
    expect(r.json()).toMatchObject({ state: "awaiting_document", mobile: null });
    const id = r.json().requestId as number;
    const me = await t.app.inject({ method: "GET", url: "/me", headers: m.auth });
    expect(me.json().dependants).toEqual([]); // nothing enrolled yet
    const html = await t.app.inject({
      method: "PUT",
      url: `/members/${m.memberId}/dependant-requests/${id}/document`,
      headers: { ...m.auth, "content-type": "application/pdf" },
      payload: Buffer.from("<html>"),
    });
    expect(html.json()).toMatchObject({ code: "document_type" });
    const put = await t.app.inject({
      method: "PUT",
      url: `/members/${m.memberId}/dependant-requests/${id}/document`,
      headers: { ...m.auth, "content-type": "application/pdf" },
      payload: GUARDIANSHIP_PDF,
    });
    expect(put.json()).toMatchObject({ state: "awaiting_review" });
    const operator = await staffToken(t, ["operator"]);
    const refused = await t.app.inject({
      method: "POST",
      url: `/dependant-requests/${id}/decision`,
      headers: operator,
      payload: { accept: true },
    });
    expect(refused.statusCode).toBe(403);
    const reviewer = await staffToken(t, ["reviewer"]);
    const queue = (
      await t.app.inject({ method: "GET", url: "/dependant-requests", headers: reviewer })
    ).json();
    const item = queue.items.find((x: { requestId: number }) => x.requestId === id);
    expect(item.person).toMatchObject({ ageYears: 5, sex: "female", name: "冯**" });
    expect(item.person.residentId).toMatch(/^\*{14}\d{3}[\dX]$/);
    const doc = await t.app.inject({
      method: "GET",
      url: `/dependant-requests/${id}/document`,
      headers: reviewer,
    });
    expect(doc.rawPayload.equals(GUARDIANSHIP_PDF)).toBe(true);
    expect(doc.headers["content-disposition"]).toBe("attachment");
    const trail = await t.db.pool.query(
      "SELECT action, target FROM audit_trail WHERE action = 'read guardianship_document'",
    );
    expect(trail.rows).toEqual([
      { action: "read guardianship_document", target: JSON.stringify({ requestId: id, member: m.memberId }) },
    ]);
    const ok = await t.app.inject({
      method: "POST",
      url: `/dependant-requests/${id}/decision`,
      headers: reviewer,
      payload: { accept: true },
    });
    expect(ok.json()).toMatchObject({ state: "enrolled" });
    const after = await t.app.inject({ method: "GET", url: "/me", headers: m.auth });
    expect(after.json().dependants).toHaveLength(1);
  });

  it("records a duplicate found on review as the refusal (the reviewer has seen the papers)", async () => {
    nextMinute();
    const a = await registerMember(t, "13600000651", residentId("1984-07-07", 651), "陈父");
    const b = await registerMember(t, "13600000652", residentId("1985-07-07", 652), "陈母");
    const kid = residentId("2013-07-07", 653);
    expect((await enrolChild(t, a, { name: "陈小", residentId: kid })).decision!.json().state).toBe(
      "enrolled",
    );
    const second = await enrolChild(t, b, { name: "陈小", residentId: kid });
    expect(second.request.statusCode).toBe(202);
    expect(second.decision!.json()).toMatchObject({ state: "refused", refusal: "duplicate_person" });
  });
});

describe("a person enrolled by someone else claims their identity back", () => {
  it("registering themselves takes the record over: the participations stay, the guardian's access ends", async () => {
    nextMinute();
    const stranger = await registerMember(t, "13600000661", residentId("1990-08-08", 661), "恶意");
    const victimId = residentId("1960-08-08", 663);
    // the old unproven path (20 strangers enrolled as "parents"): a dependant row nobody confirmed
    const held = await withTransaction(t.db.pool, (tx) =>
      insertPerson(t.deps, tx, {
        name: "假名",
        residentId: victimId,
        kind: "dependant",
        guardianId: stranger.memberId,
        relation: "parent",
      }),
    );
    await t.db.pool.query(
      "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active')",
      [held.memberId],
    );
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${held.memberId}`, headers: stranger.auth }))
        .statusCode,
    ).toBe(200);
    const victim = await registerMember(t, "13600000669", victimId, "真名");
    expect(victim.memberId).toBe(held.memberId); // the same person, the same record
    const me = (await t.app.inject({ method: "GET", url: "/me", headers: victim.auth })).json();
    expect(me.member).toMatchObject({ kind: "member", guardianId: null, relation: null, name: "真*" });
    const parts = (
      await t.app.inject({ method: "GET", url: "/participations", headers: victim.auth })
    ).json();
    expect(parts.items).toHaveLength(1);
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${held.memberId}`, headers: stranger.auth }))
        .statusCode,
    ).toBe(404);
    const claims = await t.db.pool.query(
      "SELECT former_guardian, relation FROM identity_claims WHERE member_id = $1",
      [held.memberId],
    );
    expect(claims.rows).toEqual([{ former_guardian: stranger.memberId, relation: "parent" }]);
  });

  it("leaves a minor with the guardian: the ID is taken, as any registered one", async () => {
    nextMinute();
    const g = await registerMember(t, "13600000671", residentId("1980-09-09", 671), "何父");
    const kid = residentId("2010-09-09", 673);
    await enrolChild(t, g, { name: "何小", residentId: kid });
    await expect(registerMember(t, "13600000679", kid, "何小")).rejects.toThrow(/duplicate_person/);
  });
});

describe("malformed and foreign requests are 4xx naming the field", () => {
  it("refuses a bad code, another member's request, a wrong document type and a repeated step", async () => {
    nextMinute();
    const m = await registerMember(t, "13600000681", residentId("1982-10-10", 681), "黄一");
    const other = await registerMember(t, "13600000682", residentId("1982-10-11", 682), "黄二");
    const r = await request(m, {
      name: "黄小",
      residentId: residentId("2012-10-10", 683),
      relation: "child",
    });
    const id = r.json().requestId as number;
    const bad = await confirm(m, id, "12ab");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "validation", field: "code" });
    // a child has no code to confirm; another member's request is not found
    expect((await confirm(m, id, "123456")).json()).toMatchObject({ code: "invalid_code" });
    const put = (who: M, type: string, payload: string | Buffer) =>
      t.app.inject({
        method: "PUT",
        url: `/members/${m.memberId}/dependant-requests/${id}/document`,
        headers: { ...who.auth, "content-type": type },
        payload,
      });
    expect((await put(other, "application/pdf", GUARDIANSHIP_PDF)).statusCode).toBe(404);
    const json = await put(m, "application/json", "{}");
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: "document_type", field: "content-type" });
    expect((await put(m, "application/pdf", GUARDIANSHIP_PDF)).statusCode).toBe(200);
    const again = await put(m, "application/pdf", GUARDIANSHIP_PDF);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "request_wrong_state" });
    const mobile = await request(m, {
      name: "黄女",
      residentId: residentId("2013-10-10", 685),
      relation: "child",
      mobile: "13600000689",
    });
    expect(mobile.json()).toMatchObject({ code: "validation", field: "mobile" });
    const reviewer = await staffToken(t, ["reviewer"]);
    const none = await t.app.inject({
      method: "POST",
      url: "/dependant-requests/999999999999999/decision",
      headers: reviewer,
      payload: { accept: true },
    });
    expect(none.statusCode).toBe(404);
    const noBody = await t.app.inject({
      method: "POST",
      url: `/dependant-requests/${id}/decision`,
      headers: reviewer,
    });
    expect(noBody.statusCode).toBe(400);
  });
});
