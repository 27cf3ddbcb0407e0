import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandler } from "../../src/http/problems.ts";
import { PersonName } from "../../src/http/schema.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";

/** Each malformed input that answered 500 (issue 15, finding 6): now a 400 problem naming the field. */
let t: TestApp;
let member: Awaited<ReturnType<typeof registerMember>>;
let operator: Record<string, string>;
let admin: Record<string, string>;
let participationId: number;

beforeAll(async () => {
  t = await testApp();
  member = await registerMember(t, "13800000001", residentId("1985-06-01", 1), "王小明");
  operator = await staffToken(t, ["operator"]);
  admin = await staffToken(t, ["admin"]);
  const j = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: member.auth,
    payload: {
      memberId: member.memberId,
      planId: "xianghubao",
      answers: { major_illness: false, hospitalised: false },
      answersVersion: "V2",
    },
  });
  participationId = j.json().participationId;
});
afterAll(async () => {
  await t.close();
});

const send = (
  method: "GET" | "POST" | "PUT",
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });

/** A 400 problem+json naming `field`. */
function expectField(r: Awaited<ReturnType<typeof send>>, field: string) {
  expect(r.statusCode, r.body).toBe(400);
  expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(r.json()).toMatchObject({ code: "validation", field });
}

describe("dates that do not exist in the calendar", () => {
  it("diagnosedOn 2026-02-30 on a claim", async () => {
    const r = await send("POST", "/claims", member.auth, {
      participationId,
      event: "major",
      diagnosedOn: "2026-02-30",
    });
    expectField(r, "diagnosedOn");
    expect(r.json().detail).toContain("2026-02-30");
  });

  it("effectiveOn of a proposal's publication and closingOn of a plan's closing", async () => {
    const p = await send("POST", "/proposals", operator, {
      planId: "xianghubao",
      title: "提议",
      text: "理由",
    });
    expect(p.statusCode).toBe(201);
    expectField(
      await send("POST", `/proposals/${p.json().proposalId}/publish`, operator, {
        effectiveOn: "2026-02-30",
      }),
      "effectiveOn",
    );
    expectField(
      await send("POST", "/plans/xianghubao/close", operator, { closingOn: "2021-02-29", reason: "x" }),
      "closingOn",
    );
  });

  it("the `on` query of a plan (2021-02-29; 2020-02-29 is a leap day and fine)", async () => {
    expectField(await send("GET", "/plans/xianghubao?on=2021-02-29", {}), "on");
    expect((await send("GET", "/plans/xianghubao?on=2020-02-29", {})).statusCode).toBe(200);
  });
});

describe("query enums and cursors", () => {
  it("GET /claims?state=x", async () => {
    expectField(await send("GET", "/claims?state=x", operator), "state");
  });

  it("GET /audit-trail?cursor=garbage, and the cursor it hands out still pages", async () => {
    expectField(await send("GET", "/audit-trail?cursor=garbage", admin), "cursor");
    const first = await send("GET", "/audit-trail?limit=1", admin);
    expect(first.statusCode).toBe(200);
    const next = first.json().nextCursor as string;
    expect(next).toMatch(/^[1-9][0-9]*$/);
    const second = await send("GET", `/audit-trail?limit=1&cursor=${next}`, admin);
    expect(second.statusCode).toBe(200);
    expect(second.json().items[0].audit_id).toBeLessThan(Number(next));
  });

  it("a page limit above the maximum", async () => {
    expectField(await send("GET", "/proposals?limit=999", {}), "limit");
  });
});

describe("ids beyond what the edge takes (15 digits)", () => {
  it("members, participations and balances", async () => {
    expectField(await send("GET", "/members/9999999999999999", admin), "memberId");
    expectField(await send("GET", "/members/9999999999999999", member.auth), "memberId");
    expectField(await send("GET", "/participations/9999999999999999", admin), "participationId");
    expectField(await send("GET", "/members/9999999999999999/balance", member.auth), "memberId");
    // the largest id taken is 15 digits: a 404, not a 400
    expect((await send("GET", "/members/999999999999999", admin)).statusCode).toBe(404);
  });

  it("an id in a body beyond the bound", async () => {
    expectField(
      await send("POST", "/claims", member.auth, {
        participationId: 2 ** 53,
        event: "major",
        diagnosedOn: "2020-02-20",
      }),
      "participationId",
    );
  });
});

describe("control and bidi-override characters, and names", () => {
  it("a NUL in a staff username at sign-in", async () => {
    expectField(
      await send("POST", "/auth/staff/login", {}, { username: "a\u0000b", password: "x" }),
      "username",
    );
  });

  it("a NUL in a plan's id or name", async () => {
    expectField(await send("POST", "/plans", operator, { id: "p\u0000", name: "x", versions: [] }), "id");
    expectField(
      await send("POST", "/plans", operator, { id: "p", name: "计划\u0000", versions: [] }),
      "name",
    );
  });

  it("a dependant named with a zero-width space, or holding U+202E, is refused", async () => {
    const url = `/members/${member.memberId}/dependants`;
    const dependant = { residentId: residentId("2015-05-05", 2), relation: "child", consentVersion: "v1" };
    expectField(await send("POST", url, member.auth, { ...dependant, name: "\u200b" }), "name");
    expectField(await send("POST", url, member.auth, { ...dependant, name: "王\u202e明" }), "name");
  });

  it("names are normalised to NFC and need a letter", () => {
    expect(PersonName.parse("  Jose\u0301 ")).toBe("Jos\u00e9");
    expect(PersonName.safeParse("123").success).toBe(false);
    expect(PersonName.safeParse("王小明").success).toBe(true);
  });

  it("line breaks: allowed in multi-line text (grounds), refused in one-line text (a title)", async () => {
    expectField(
      await send("POST", "/proposals", operator, { planId: "xianghubao", title: "一\n二", text: "理由" }),
      "title",
    );
    const ok = await send("POST", "/proposals", operator, {
      planId: "xianghubao",
      title: "一二",
      text: "第一段\n\n第二段\t附注",
    });
    expect(ok.statusCode).toBe(201);
  });

  it("a control character in a query value", async () => {
    expectField(await send("GET", "/cycles?plan=x%00y", {}), "plan");
  });
});

describe("bodies", () => {
  it("deeply nested JSON with an Idempotency-Key is a 400 before anything recurses over it", async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    const r = await send(
      "POST",
      "/plans",
      { ...operator, "content-type": "application/json", "idempotency-key": "deep-1" },
      deep,
    );
    expectField(r, "body");
    // an ordinary plan document (about 8 levels) is far inside the limit
    const arrays = `${"[".repeat(33)}${"]".repeat(33)}`;
    expectField(
      await send("POST", "/plans", { ...operator, "content-type": "application/json" }, arrays),
      "body",
    );
  });

  it("a text that trims to nothing is a 400 naming the field (zod after the JSON Schema)", async () => {
    const r = await send("POST", "/claims", member.auth, {
      participationId,
      event: "major",
      diagnosedOn: "2020-02-20",
      description: "   ",
    });
    expectField(r, "description");
  });

  it("a correctly signed webhook without `result`", async () => {
    const raw = JSON.stringify({ eventId: "e1", key: "k1", at: 1 });
    const sig = signWebhook(t.deps.webhookSecret, raw, Math.floor(t.clock.now() / 1000));
    const r = await send(
      "POST",
      "/payments/webhook",
      { "content-type": "application/json", "x-signature": sig },
      raw,
    );
    expectField(r, "result");
  });
});

describe("the error handler", () => {
  it("answers a PostgreSQL data exception (a parameter the edge missed) 400, never 500", async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get("/x", async () => {
      throw Object.assign(new Error('invalid input syntax for type bigint: "NaN"'), {
        code: "22P02",
        severity: "ERROR",
      });
    });
    const r = await app.inject({ method: "GET", url: "/x" });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "validation" });
    await app.close();
  });

  it("a path parameter longer than the router takes is a 414 problem", async () => {
    const r = await send("GET", `/members/${"1".repeat(500)}`, admin);
    expect(r.statusCode).toBe(414);
    expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });
});
