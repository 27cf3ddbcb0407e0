import { describe, expect, it } from "vitest";
import { enrolChild, latestCode, registerMember, residentId, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

describe("real-name registration and families", () => {
  it("registers with an OTP and shows personal data masked", async () => {
    const m = await registerMember(t, "13812345678", residentId("1985-06-01", 11), "王小明");
    const me = await t.app.inject({ method: "GET", url: "/me", headers: m.auth });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.member).toMatchObject({
      name: "王**",
      mobile: "138****5678",
      birthDate: "1985-06-01",
      sex: "male",
    });
    // the subject sees the first and last character only (src/domain/disclosure.ts; was the first 4 and last 4)
    expect(body.member.residentId).toMatch(/^1\*{16}[\dX]$/);
    expect(me.body).not.toContain(residentId("1985-06-01", 11));
  });

  it("refuses a second account for the same person (409) and a wrong checksum (400 naming the field)", async () => {
    const otp = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile: "13900000001" } });
    const { challengeId } = otp.json();
    const code = await latestCode(t);
    const dup = await t.app.inject({
      method: "POST",
      url: "/auth/member/register",
      payload: {
        name: "李四",
        mobile: "13900000001",
        residentId: residentId("1985-06-01", 11),
        challengeId,
        code,
      },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(dup.json()).toMatchObject({
      code: "duplicate_person",
      field: "residentId",
      type: "https://huzhu.dev/problems/duplicate-person",
    });
    const bad =
      residentId("1990-01-01", 3).slice(0, 17) + (residentId("1990-01-01", 3).endsWith("0") ? "1" : "0");
    const otp2 = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile: "13900000002" } });
    const code2 = await latestCode(t);
    const r = await t.app.inject({
      method: "POST",
      url: "/auth/member/register",
      payload: {
        name: "李四",
        mobile: "13900000002",
        residentId: bad,
        challengeId: otp2.json().challengeId,
        code: code2,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "invalid_resident_id", field: "residentId" });
  });

  it("names the field of a bad body, and refuses unknown fields", async () => {
    const r = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { phone: "1" } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe("validation");
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["mobile", "phone"]),
    );
  });

  it("enrols a child as guardian with consent; refuses an adult as a child; hides others' members (404)", async () => {
    const parent = await registerMember(t, "13700000001", residentId("1980-01-01", 21), "赵六");
    // a child is enrolled once a reviewer accepts the guardianship document (was: at once, 201)
    const child = await enrolChild(t, parent, { name: "赵小六", residentId: residentId("2012-05-05", 22) });
    expect(child.request.statusCode).toBe(202);
    expect(child.decision!.json()).toMatchObject({ state: "enrolled" });
    const enrolled = await t.app.inject({
      method: "GET",
      url: `/members/${child.memberId}`,
      headers: parent.auth,
    });
    expect(enrolled.json()).toMatchObject({
      kind: "dependant",
      guardianId: parent.memberId,
      relation: "child",
      sex: "female",
    });
    const adult = await t.app.inject({
      method: "POST",
      url: `/members/${parent.memberId}/dependants`,
      headers: parent.auth,
      payload: {
        name: "赵大",
        residentId: residentId("2000-05-05", 23),
        relation: "child",
        consentVersion: "v1",
      },
    });
    expect(adult.json()).toMatchObject({ code: "not_a_minor" });
    const stranger = await registerMember(t, "13700000002", residentId("1981-01-01", 31), "钱七");
    const peek = await t.app.inject({
      method: "GET",
      url: `/members/${parent.memberId}`,
      headers: stranger.auth,
    });
    expect(peek.statusCode).toBe(404);
    const consents = await t.db.pool.query("SELECT given_by, text_version FROM consents");
    expect(consents.rows).toEqual([{ given_by: parent.memberId, text_version: "v1" }]);
  });

  it("lets staff read any member, forbids a member the audit trail (403), and records staff actions", async () => {
    const auditor = await staffToken(t, ["auditor"]);
    const admin = await staffToken(t, ["admin"]);
    const m = await registerMember(t, "13600000001", residentId("1975-01-01", 41));
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${m.memberId}`, headers: auditor })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/audit-trail", headers: m.auth })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: "GET", url: "/audit-trail" })).statusCode).toBe(401);
    const created = await t.app.inject({
      method: "POST",
      url: "/staff",
      headers: admin,
      payload: { username: "reviewer1", password: "a long enough password", roles: ["reviewer"] },
    });
    expect(created.statusCode).toBe(201);
    const trail = await t.app.inject({ method: "GET", url: "/audit-trail", headers: auditor });
    expect(trail.json().items[0]).toMatchObject({ actor_kind: "staff", action: "POST /staff" });
  });

  it("rate-limits sign-in: the sixth attempt in a minute is 429", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/auth/staff/login",
        payload: { username: "nobody", password: "wrong" },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
