import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveCase,
  enrolMembers,
  registerMember,
  residentId,
  staffToken,
  type TestApp,
  testApp,
} from "../support/app.ts";

let t: TestApp;
let operator: Record<string, string>;
let auditor: Record<string, string>;
let admin: Record<string, string>;
let reviewer: Record<string, string>;
let member: Awaited<ReturnType<typeof registerMember>>;

// 2020-01-07 10:00 Shanghai: an announcement day of 相互宝 (the 7th and the 21st)
beforeAll(async () => {
  t = await testApp({
    nowMs: Date.UTC(2020, 0, 7, 2),
    presets: ["xianghubao"],
    provider: { failureRate: 0 },
  });
  operator = await staffToken(t, ["operator"]);
  auditor = await staffToken(t, ["auditor"]);
  admin = await staffToken(t, ["admin"]);
  reviewer = await staffToken(t, ["reviewer"]);
  member = await registerMember(t, "13900000001", residentId("1990-05-05", 501), "赵六");
});
afterAll(async () => {
  await t?.close();
});

const inject = (method: "GET" | "POST", url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const BOUNDARY = "----huzhu-test-boundary";
/** A multipart/form-data upload of one file, as a browser's form sends it. */
function upload(headers: Record<string, string>, csv: string, field = "file") {
  const body =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="members.csv"\r\n` +
    `Content-Type: text/csv\r\n\r\n${csv}\r\n--${BOUNDARY}--\r\n`;
  return t.app.inject({
    method: "POST",
    url: "/operations/members/import",
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    payload: body,
  });
}

const auditedRoutes = async () =>
  (await t.db.pool.query<{ action: string }>("SELECT action FROM audit_trail ORDER BY audit_id")).rows.map(
    (r) => r.action,
  );

describe("staff operations over HTTP: role checks", () => {
  it("refuses the signed-out (401), members and the wrong staff role (403) on every operation", async () => {
    const calls: Array<["GET" | "POST", string, object | undefined, Record<string, string>]> = [
      ["GET", "/operations/cycles?plan=xianghubao", undefined, reviewer],
      ["POST", "/operations/cycles/run", { plan: "xianghubao" }, auditor],
      ["POST", "/operations/audit", {}, operator],
      ["GET", "/operations/staff", undefined, operator],
      ["POST", "/dev/clock", { advance: "1d" }, auditor],
    ];
    for (const [method, url, payload, wrongRole] of calls) {
      expect((await inject(method, url, {}, payload)).statusCode, `${url} signed out`).toBe(401);
      expect((await inject(method, url, member.auth, payload)).statusCode, `${url} member`).toBe(403);
      const refused = await inject(method, url, wrongRole, payload);
      expect(refused.statusCode, `${url} wrong role`).toBe(403);
      expect(refused.headers["content-type"]).toMatch(/problem\+json/);
    }
    // every staff role may look a person up (masked); a member may not
    expect(
      (await inject("POST", "/operations/search", member.auth, { mobile: "13900000001" })).statusCode,
    ).toBe(403);
    const imported = await upload(reviewer, "name,mobile,resident_id,plan_id,tier,joined_on\n");
    expect(imported.statusCode).toBe(403);
  });
});

describe("the audit and the cycles", () => {
  it("POST /operations/audit runs `huzhu audit`: passes on a consistent database, in the audit trail", async () => {
    const r = await inject("POST", "/operations/audit", auditor, {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ passed: true, problems: [] });
    expect(await auditedRoutes()).toContain("POST /operations/audit");
  });

  // Changed with the calendar steps (issue 17): the 7th announces, the 14th collects; nothing early.
  it("cycle status lists what is due by the app clock; running it runs each step once on its day, nothing early", async () => {
    const { parts } = await enrolMembers(t, 3, "xianghubao", "1390000010", "1990-01-01", 601);
    await approveCase(t, parts[0]!, 30_000, "2020-01-05");
    const status = await inject("GET", "/operations/cycles?plan=xianghubao", operator);
    expect(status.statusCode).toBe(200);
    expect(status.json().today).toBe("2020-01-07");
    expect(status.json().cycles).toEqual([]);
    expect(status.json().due.map((s: { kind: string }) => s.kind)).toContain("announce");
    expect(status.json().due.map((s: { kind: string }) => s.kind)).not.toContain("collect");
    const announced = await inject("POST", "/operations/cycles/run", operator, { plan: "xianghubao" });
    expect(announced.statusCode).toBe(200);
    expect(announced.json().cyclesRun).toEqual(["2020-01-07"]);
    expect(announced.json().cycles).toHaveLength(1);
    // announced, not collected: the collection waits for the 14th
    expect(announced.json().cycles[0]).toMatchObject({ announcedOn: "2020-01-07", collectedFen: null });
    const early = await inject("POST", "/operations/cycles/run", operator, { plan: "xianghubao" });
    expect(early.json().cyclesRun).toEqual([]);
    t.clock.set(Date.UTC(2020, 0, 14, 2));
    try {
      const operator14 = await staffToken(t, ["operator"]); // a week on, the first session has expired
      const run = await inject("POST", "/operations/cycles/run", operator14, { plan: "xianghubao" });
      expect(run.json().cyclesRun).toEqual(["2020-01-07"]);
      // the claimant does not share; the two others pay 10 fen each (the preset's per-cycle share cap):
      // 20 collected, the 10% fee 2, 18 paid of the 30,000 approved
      expect(run.json().cycles[0]).toMatchObject({
        announcedOn: "2020-01-07",
        sharingMembers: 2,
        collectedFen: 20,
      });
      expect(run.json().cycles[0]).toMatchObject({
        feesFen: 2,
        benefitsFen: 18,
        approvedBenefitsFen: 30_000,
      });
      const again = await inject("POST", "/operations/cycles/run", operator14, { plan: "xianghubao" });
      expect(again.json().cyclesRun).toEqual([]);
      expect(again.json().cycles).toHaveLength(1);
    } finally {
      t.clock.set(Date.UTC(2020, 0, 7, 2));
    }
    expect(await auditedRoutes()).toContain("POST /operations/cycles/run");
  });

  it("refuses an unknown plan (404) and a malformed one (400 naming the field)", async () => {
    const unknown = await inject("POST", "/operations/cycles/run", operator, { plan: "no-such-plan" });
    expect(unknown.statusCode).toBe(404);
    const bad = await inject("GET", "/operations/cycles?plan=NOT%20A%20PLAN", operator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.field ?? bad.json().field).toMatch(/plan/);
    const extra = await inject("POST", "/operations/cycles/run", operator, {
      plan: "xianghubao",
      date: "2020-02-07",
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe("member import by upload", () => {
  const header = "name,mobile,resident_id,plan_id,tier,joined_on";

  it("imports a good file (201, the counts) and refuses a bad one with every bad row, importing nothing", async () => {
    const good = [
      header,
      `钱一,13900000201,${residentId("1991-02-02", 701)},xianghubao,standard,2020-01-01`,
      `钱二,13900000202,${residentId("1992-03-03", 703)},xianghubao,standard,2020-01-02`,
    ].join("\n");
    const r = await upload(operator, good);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ members: 2, participations: 2 });
    const bad = [
      header,
      `孙一,13900000203,${residentId("1993-04-04", 705)},xianghubao,standard,2020-01-01`, // line 2: fine
      `孙二,13900000204,${residentId("1993-04-04", 705)},xianghubao,standard,2020-01-01`, // line 3: same person
      `孙三,13900000205,${residentId("1994-05-05", 707)},nope,standard,2020-01-01`, // line 4: unknown plan
    ].join("\n");
    const before = (await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n;
    const refused = await upload(operator, bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      "line 3: resident_id",
      "line 4: plan_id",
    ]);
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n).toBe(before);
    expect(refused.body).not.toContain("13900000204");
    expect(await auditedRoutes()).toContain("POST /operations/members/import");
  });

  it("refuses JSON instead of a file (415) and an upload without a file (400)", async () => {
    const json = await inject("POST", "/operations/members/import", operator, { csv: "x" });
    expect(json.statusCode).toBe(415);
    const empty = await t.app.inject({
      method: "POST",
      url: "/operations/members/import",
      headers: { ...operator, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      payload: `--${BOUNDARY}--\r\n`,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe("file");
  });
});

describe("search and the staff list", () => {
  it("finds a person by mobile or resident ID through the lookup hashes, masked, with participations", async () => {
    const { registered, parts } = await enrolMembers(t, 1, "xianghubao", "1390000030", "1985-06-06", 801);
    const byMobile = await inject("POST", "/operations/search", operator, { mobile: "13900000300" });
    expect(byMobile.statusCode).toBe(200);
    const found = byMobile.json();
    expect(found.members.map((m: { memberId: number }) => m.memberId)).toEqual([registered[0]!.memberId]);
    expect(found.participations.map((p: { participationId: number }) => p.participationId)).toEqual(parts);
    // masked: neither the mobile nor the resident ID in plain
    expect(byMobile.body).not.toContain("13900000300");
    expect(byMobile.body).not.toContain(residentId("1985-06-06", 801));
    const byId = await inject("POST", "/operations/search", operator, {
      residentId: residentId("1985-06-06", 801),
    });
    expect(byId.json().members[0].memberId).toBe(registered[0]!.memberId);
    const nobody = await inject("POST", "/operations/search", operator, { mobile: "13900009999" });
    expect(nobody.json()).toEqual({ members: [], participations: [] });
  });

  it("refuses a malformed mobile or resident ID, or both at once (400 naming the field)", async () => {
    const mobile = await inject("POST", "/operations/search", operator, { mobile: "12345" });
    expect(mobile.statusCode).toBe(400);
    expect(mobile.json().field).toBe("mobile");
    const id = await inject("POST", "/operations/search", operator, { residentId: "110105199001010000" });
    expect(id.statusCode).toBe(400);
    expect(id.json().field).toBe("residentId");
    const both = await inject("POST", "/operations/search", operator, {
      mobile: "13900000300",
      residentId: "x",
    });
    expect(both.statusCode).toBe(400);
  });

  it("lists the staff for an admin: usernames and roles, never a password hash or second-factor secret", async () => {
    const r = await inject("GET", "/operations/staff", admin);
    expect(r.statusCode).toBe(200);
    const roles = r.json().items.map((s: { roles: string[] }) => s.roles[0]);
    // the four of beforeAll, and the operator signed in a week on by the cycle test
    expect(roles).toEqual(["operator", "auditor", "admin", "reviewer", "operator"]);
    expect(r.json().items.every((s: { secondFactor: boolean }) => s.secondFactor)).toBe(true);
    expect(r.body).not.toMatch(/password|totp_cipher|\$argon|scrypt/i);
  });
});
