import { describe, expect, it } from "vitest";
import { throttleWaitSeconds } from "../../src/domain/throttle.ts";
import { limits } from "../../src/limits.ts";
import { registerMember, residentId } from "../support/app.ts";
import { lastCode, newStaff, wrongCode } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const inject = (url: string, payload: Record<string, unknown>, remoteAddress: string) =>
  t.app.inject({ method: "POST", url, payload, remoteAddress });

describe("sign-in limits delay, keyed by account and address, and never lock the owner out", () => {
  it("after 5 bad staff logins from one address, the right password and code from another still sign in", async () => {
    const s = await newStaff(t, ["reviewer"]);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await inject(
            "/auth/staff/login",
            { username: s.username, password: "wrong password", totp: s.code() },
            "203.0.113.9",
          )
        ).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const owner = await inject(
      "/auth/staff/login",
      { username: s.username, password: s.password, totp: s.code() },
      "198.51.100.7",
    );
    expect(owner.statusCode).toBe(200);
  });

  it("delays grow: Retry-After doubles with each attempt past the allowance, and passes with time", async () => {
    const s = await newStaff(t, ["auditor"]);
    const bad = () =>
      inject("/auth/staff/login", { username: s.username, password: "nope", totp: "000000" }, "203.0.113.10");
    for (let i = 0; i < 5; i++) expect((await bad()).statusCode).toBe(401);
    const waits: string[] = [];
    for (const wait of [1, 2, 4]) {
      const refused = await bad();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(refused.json().code).toBe("rate_limited");
      waits.push(String(refused.headers["retry-after"]));
      t.clock.advance(wait * 1000);
      expect((await bad()).statusCode).toBe(401);
    }
    expect(waits).toEqual(["1", "2", "4"]);
    // the rule itself: capped, and nothing within the allowance
    const rule = limits.authThrottle.staffPerUserAddress;
    expect(throttleWaitSeconds(rule, rule.freeAttempts - 1, 0)).toBe(0);
    expect(throttleWaitSeconds(rule, 1000, 0)).toBe(rule.maxDelaySeconds);
  });

  it("a stranger asking codes for someone's number is delayed; the owner still gets a code and signs in", async () => {
    await registerMember(t, "13400000001", residentId("1984-01-01", 201));
    const stranger: number[] = [];
    for (let i = 0; i < 6; i++)
      stranger.push((await inject("/auth/otp", { mobile: "13400000001" }, "203.0.113.20")).statusCode);
    const owner = await inject("/auth/otp", { mobile: "13400000001" }, "198.51.100.20");
    expect(owner.statusCode).toBe(202);
    expect(stranger).toEqual([202, 202, 202, 429, 429, 429]);
    const code = await lastCode(t, "13400000001");
    const { challengeId } = owner.json();
    const ok = await inject(
      "/auth/member/login",
      { mobile: "13400000001", challengeId, code },
      "198.51.100.20",
    );
    expect(ok.statusCode).toBe(200);
  });

  // Meant to change: a stranger's wrong guesses used to spoil the owner's code; now they count against
  // the stranger's own challenge only, and the stranger is still held back.
  it("a stranger's wrong guesses for someone's number spoil nothing of the owner's and are held back", async () => {
    await registerMember(t, "13400000002", residentId("1984-02-02", 202));
    const own = await inject("/auth/otp", { mobile: "13400000002" }, "198.51.100.21");
    const first = { challengeId: own.json().challengeId, code: await lastCode(t, "13400000002") };
    const theirs = await inject("/auth/otp", { mobile: "13400000002" }, "203.0.113.21");
    const guess = { challengeId: theirs.json().challengeId, code: wrongCode(first.code) };
    for (let i = 0; i < 5; i++)
      await inject("/auth/member/login", { mobile: "13400000002", ...guess }, "203.0.113.21");
    const blocked = await inject("/auth/member/login", { mobile: "13400000002", ...guess }, "203.0.113.21");
    expect(blocked.statusCode).toBe(429);
    const ok = await inject("/auth/member/login", { mobile: "13400000002", ...first }, "198.51.100.21");
    expect(ok.statusCode).toBe(200);
  });

  it("registration is limited too: a 6th wrong code from one address for one number waits", async () => {
    const otp = await inject("/auth/otp", { mobile: "13400000003" }, "203.0.113.30");
    expect(otp.statusCode).toBe(202);
    const code = await lastCode(t, "13400000003");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await inject(
            "/auth/member/register",
            {
              name: "吴九",
              mobile: "13400000003",
              residentId: residentId("1985-03-03", 203),
              challengeId: otp.json().challengeId,
              code: wrongCode(code),
            },
            "203.0.113.30",
          )
        ).statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it("the per-address limit of code requests is not shared with staff sign-in", async () => {
    const s = await newStaff(t, ["operator"]);
    let refused = 0;
    for (let i = 0; i < 100 && refused === 0; i++) {
      const r = await inject("/auth/otp", { mobile: `1360000${String(i).padStart(4, "0")}` }, "203.0.113.40");
      if (r.statusCode === 429) refused = i;
    }
    expect(refused).toBe(limits.authThrottle.codeRequestPerAddress.freeAttempts);
    const staff = await inject(
      "/auth/staff/login",
      { username: s.username, password: s.password, totp: s.code() },
      "203.0.113.40",
    );
    expect(staff.statusCode).toBe(200);
  });

  it("successes do not use up an address's allowance: more colleagues than it allows sign in from one office", async () => {
    const n = limits.authThrottle.staffPerAddress.freeAttempts + 5;
    for (let i = 0; i < n; i++) {
      const s = await newStaff(t, ["reviewer"]);
      const r = await inject(
        "/auth/staff/login",
        { username: s.username, password: s.password, totp: s.code() },
        "192.0.2.50",
      );
      expect(r.statusCode).toBe(200);
    }
  });
  it("a stranger behind the owner's address delays the owner's code request by a minute at most", async () => {
    // the same NAT: a stranger runs down both the number-and-address and the address allowances
    const shared = "100.64.0.77";
    await registerMember(t, "13400000077", residentId("1985-05-05", 277));
    for (let i = 0; i < 40; i++) await inject("/auth/otp", { mobile: "13400000077" }, shared);
    const refused = await inject("/auth/otp", { mobile: "13400000077" }, shared);
    expect(refused.statusCode).toBe(429);
    const waitSeconds = Number(refused.headers["retry-after"]);
    expect(waitSeconds).toBeGreaterThan(0);
    expect(waitSeconds).toBeLessThanOrEqual(60);
    // a minute later the owner, behind the same address, gets a code and signs in with it
    t.clock.advance(60_000);
    const owner = await inject("/auth/otp", { mobile: "13400000077" }, shared);
    expect(owner.statusCode).toBe(202);
    const ok = await inject(
      "/auth/member/login",
      {
        mobile: "13400000077",
        challengeId: owner.json().challengeId,
        code: await lastCode(t, "13400000077"),
      },
      shared,
    );
    expect(ok.statusCode).toBe(200);
    // and every rule a stranger can run down waits at most a minute
    for (const rule of Object.values(limits.authThrottle))
      if (rule !== limits.authThrottle.provenPerMobile) expect(rule.maxDelaySeconds).toBeLessThanOrEqual(60);
  });
});
