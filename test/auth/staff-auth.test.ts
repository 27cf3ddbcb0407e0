import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoTotpCode, ensureDemoData } from "../../src/demo/demo.ts";
import { buildApp } from "../../src/http/app.ts";
import { nextAddress, staffToken, testApp, totpCode } from "../support/app.ts";
import { newStaff } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const login = (payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: "/auth/staff/login", payload, remoteAddress: nextAddress() });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("staff sign-in: a second factor for every role; disabled at once", () => {
  it("creating an account gives its otpauth URI once; sign-in needs password and a fresh TOTP code", async () => {
    const admin = await staffToken(t, ["admin"]);
    const created = await t.app.inject({
      method: "POST",
      url: "/staff",
      headers: admin,
      payload: { username: "reviewer.two", password: "a long enough password", roles: ["reviewer"] },
    });
    expect(created.statusCode).toBe(201);
    const uri: string = created.json().totpUri;
    expect(uri).toMatch(/^otpauth:\/\/totp\/huzhu:reviewer\.two\?.*secret=[A-Z2-7]+/);
    const secret = /secret=([A-Z2-7]+)/.exec(uri)![1]!;
    const { rows } = await t.db.pool.query("SELECT encode(totp_cipher, 'escape') AS c FROM staff");
    expect(rows.some((r) => String(r.c).includes(secret))).toBe(false); // stored encrypted
    const creds = { username: "reviewer.two", password: "a long enough password" };
    expect((await login(creds)).statusCode).toBe(401);
    expect(
      (await login({ ...creds, totp: "000000" === totpCode(t, uri) ? "111111" : "000000" })).statusCode,
    ).toBe(401);
    const ok = await login({ ...creds, totp: totpCode(t, uri) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(["reviewer"]);
    expect((await login({ ...creds, totp: totpCode(t, uri) })).statusCode).toBe(401); // a code works once
    t.clock.advance(30_000);
    expect((await login({ ...creds, totp: totpCode(t, uri) })).statusCode).toBe(200);
  });

  it("an admin disables an account: its sessions stop at the next request, sign-in is refused; re-enabled, it signs in", async () => {
    const admin = await staffToken(t, ["admin"]);
    const s = await newStaff(t, ["auditor"]);
    const token = (await login({ username: s.username, password: s.password, totp: s.code() })).json().token;
    expect(
      (await t.app.inject({ method: "GET", url: "/audit-trail", headers: bearer(token) })).statusCode,
    ).toBe(200);
    const off = await t.app.inject({ method: "POST", url: `/staff/${s.staffId}/disable`, headers: admin });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ staffId: s.staffId, disabled: true });
    expect(
      (await t.app.inject({ method: "GET", url: "/audit-trail", headers: bearer(token) })).statusCode,
    ).toBe(401);
    t.clock.advance(30_000);
    const refused = await login({ username: s.username, password: s.password, totp: s.code() });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("account_disabled");
    const on = await t.app.inject({ method: "POST", url: `/staff/${s.staffId}/enable`, headers: admin });
    expect(on.json()).toMatchObject({ disabled: false });
    t.clock.advance(30_000);
    expect((await login({ username: s.username, password: s.password, totp: s.code() })).statusCode).toBe(
      200,
    );
  });

  it("a disable applies even to a session whose row survives (roles and state read per request)", async () => {
    const s = await newStaff(t, ["auditor"]);
    const token = (await login({ username: s.username, password: s.password, totp: s.code() })).json().token;
    await t.db.pool.query("UPDATE staff SET disabled_at = now() WHERE staff_id = $1", [s.staffId]);
    expect(
      (await t.app.inject({ method: "GET", url: "/audit-trail", headers: bearer(token) })).statusCode,
    ).toBe(401);
  });

  it("a role change applies at the next request", async () => {
    const s = await newStaff(t, ["auditor"]);
    const token = (await login({ username: s.username, password: s.password, totp: s.code() })).json().token;
    expect(
      (await t.app.inject({ method: "GET", url: "/audit-trail", headers: bearer(token) })).statusCode,
    ).toBe(200);
    await t.db.pool.query("UPDATE staff SET roles = '{operator}' WHERE staff_id = $1", [s.staffId]);
    expect(
      (await t.app.inject({ method: "GET", url: "/audit-trail", headers: bearer(token) })).statusCode,
    ).toBe(403);
  });

  it("only an admin disables, never their own account, and an unknown account is 404", async () => {
    const a = await newStaff(t, ["admin"]);
    const admin = bearer(
      (await login({ username: a.username, password: a.password, totp: a.code() })).json().token,
    );
    const operator = await staffToken(t, ["operator"]);
    const s = await newStaff(t, ["reviewer"]);
    const post = (url: string, headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url, headers });
    expect((await post(`/staff/${s.staffId}/disable`, operator)).statusCode).toBe(403);
    expect((await post(`/staff/${s.staffId}/disable`, {})).statusCode).toBe(401);
    expect((await post("/staff/999999/disable", admin)).statusCode).toBe(404);
    expect((await post("/staff/0/disable", admin)).statusCode).toBe(400);
    const own = await post(`/staff/${a.staffId}/disable`, admin);
    expect(own.statusCode).toBe(409);
    expect(own.json().field).toBe("staffId");
  });

  it("the demo's staff sign in with the code `huzhu staff totp` prints from the data dir; an older data dir gets second factors", async () => {
    const demo = await testApp({ presets: [] });
    try {
      const { logins } = await ensureDemoData(demo.deps, buildApp);
      const admin = logins.find((l) => l.username === "admin")!;
      const signIn = (totp: string | undefined) =>
        demo.app.inject({
          method: "POST",
          url: "/auth/staff/login",
          payload: { username: "admin", password: admin.password, totp },
          remoteAddress: nextAddress(),
        });
      const now = demoTotpCode(demo.deps.dataDir, "admin", demo.clock.now())!;
      expect(now.validSeconds).toBeGreaterThan(0);
      expect((await signIn(now.code)).statusCode).toBe(200);
      expect(demoTotpCode(demo.deps.dataDir, "nobody", demo.clock.now())).toBeUndefined();
      // a data dir from before second factors: its logins have no URI and its accounts no secret
      const file = join(demo.deps.dataDir, "demo-logins.json");
      writeFileSync(file, JSON.stringify(logins.map(({ totpUri: _, ...l }) => l)));
      await demo.db.pool.query("UPDATE staff SET totp_cipher = NULL");
      demo.clock.advance(30_000);
      expect(demoTotpCode(demo.deps.dataDir, "admin", demo.clock.now())).toBeUndefined();
      expect((await signIn(now.code)).statusCode).toBe(401);
      await ensureDemoData(demo.deps, buildApp);
      expect(
        (await signIn(demoTotpCode(demo.deps.dataDir, "admin", demo.clock.now())!.code)).statusCode,
      ).toBe(200);
    } finally {
      await demo.close();
    }
  });
});
