import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GUARDIANSHIP_PDF,
  registerMember,
  residentId,
  staffToken,
  type TestApp,
  testApp,
} from "../support/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ logLevel: "trace" }); // every request and response is logged
});
afterAll(async () => {
  await t.close();
});

const ID = residentId("1988-08-08", 881);
const CHILD_ID = residentId("2014-04-04", 882);
const NAME = "欧阳明月";
const MOBILE = "13912345678";
const PARENT_ID = residentId("1958-08-08", 883);
const PARENT_MOBILE = "13987654321";

describe("personal data never appears in plain text", () => {
  it("not in the database, the API responses, or the logs", async () => {
    const bodies: string[] = [];
    const m = await registerMember(t, MOBILE, ID, NAME);
    const admin = await staffToken(t, ["admin"]);
    for (const req of [
      { method: "GET" as const, url: "/me", headers: m.auth },
      {
        method: "POST" as const,
        url: `/members/${m.memberId}/dependants`,
        headers: m.auth,
        payload: { name: "欧阳小月", residentId: CHILD_ID, relation: "child", consentVersion: "v1" },
      },
      { method: "GET" as const, url: `/members/${m.memberId}`, headers: admin },
      { method: "POST" as const, url: "/auth/otp", payload: { mobile: MOBILE } },
      { method: "GET" as const, url: "/dev/sms-outbox" },
      { method: "GET" as const, url: "/audit-trail", headers: admin },
      // a refusal must not echo the ID either
      {
        method: "POST" as const,
        url: `/members/${m.memberId}/dependants`,
        headers: m.auth,
        payload: { name: NAME, residentId: ID, relation: "child", consentVersion: "v1" },
      },
    ]) {
      const r = await t.app.inject(req);
      bodies.push(r.body);
    }
    // a parent confirmed by their own code, a child's guardianship document reviewed: the new tables too
    const parent = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/dependants`,
      headers: m.auth,
      payload: {
        name: "欧阳老",
        residentId: PARENT_ID,
        relation: "parent",
        mobile: PARENT_MOBILE,
        consentVersion: "v1",
      },
    });
    bodies.push(parent.body);
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox ORDER BY sms_id DESC LIMIT 1");
    const confirmed = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/dependant-requests/${parent.json().requestId}/confirmation`,
      headers: m.auth,
      payload: { code: /(\d{6})/.exec(sms.rows[0].body)![1] },
    });
    expect(confirmed.statusCode).toBe(201);
    bodies.push(confirmed.body);
    const child = await t.db.pool.query("SELECT request_id FROM dependant_requests WHERE relation = 'child'");
    await t.app.inject({
      method: "PUT",
      url: `/members/${m.memberId}/dependant-requests/${child.rows[0].request_id}/document`,
      headers: { ...m.auth, "content-type": "application/pdf" },
      payload: GUARDIANSHIP_PDF,
    });
    const reviewer = await staffToken(t, ["reviewer"]);
    for (const url of ["/dependant-requests", `/members/${m.memberId}/dependant-requests`]) {
      const r = await t.app.inject({
        method: "GET",
        url,
        headers: url.startsWith("/members") ? m.auth : reviewer,
      });
      bodies.push(r.body);
    }
    // Every text, json and bytea column of every table, as text.
    const { rows: columns } = await t.db.pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'bytea', 'ARRAY', 'character varying')`,
    );
    const dump: string[] = [];
    for (const c of columns) {
      const { rows } = await t.db.pool.query(
        c.data_type === "bytea"
          ? `SELECT encode("${c.column_name}", 'escape') AS v FROM "${c.table_name}"`
          : `SELECT "${c.column_name}"::text AS v FROM "${c.table_name}"`,
      );
      for (const r of rows) if (r.v !== null) dump.push(String(r.v));
    }
    const haystacks = { database: dump.join("\n"), responses: bodies.join("\n"), logs: t.logs.join("\n") };
    expect(dump.length).toBeGreaterThan(20); // the dump really read the tables
    expect(t.logs.length).toBeGreaterThan(10); // and the logs were captured
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of [ID, CHILD_ID, NAME, "欧阳小月", MOBILE, PARENT_ID, PARENT_MOBILE, "欧阳老"]) {
        expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
      }
    }
    // and the masked forms are what people see
    expect(haystacks.responses).toContain("欧阳**");
    expect(haystacks.responses).toContain("139****5678");
  });
});
