import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";

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
      for (const secret of [ID, CHILD_ID, NAME, "欧阳小月", MOBILE]) {
        expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
      }
    }
    // and the masked forms are what people see
    expect(haystacks.responses).toContain("欧阳**");
    expect(haystacks.responses).toContain("139****5678");
  });
});
