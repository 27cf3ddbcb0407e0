import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.ts";
import { registerMember, residentId, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ presets: [] });

describe("the simulated SMS outbox", () => {
  it("is for staff only: no code to an anonymous caller (401) or a member (403)", async () => {
    const m = await registerMember(t, "13700000001", residentId("1990-01-01", 701));
    await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile: "13700000001" } });
    const anonymous = await t.app.inject({ method: "GET", url: "/dev/sms-outbox" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toMatch(/\d{6}/);
    const member = await t.app.inject({ method: "GET", url: "/dev/sms-outbox", headers: m.auth });
    expect(member.statusCode).toBe(403);
    expect(member.body).not.toMatch(/验证码/);
    const staff = await t.app.inject({
      method: "GET",
      url: "/dev/sms-outbox",
      headers: await staffToken(t, ["operator"]),
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().items[0].body).toMatch(/验证码 \d{6}/);
    expect(staff.headers["cache-control"]).toBe("no-store");
  });

  it("does not exist in production", async () => {
    const prod = await buildApp({ ...t.deps, production: true });
    try {
      const r = await prod.inject({
        method: "GET",
        url: "/dev/sms-outbox",
        headers: await staffToken(t, ["admin"]),
      });
      expect(r.statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
