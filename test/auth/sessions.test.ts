import { describe, expect, it } from "vitest";
import { purgeExpiredAuth } from "../../src/auth/purge.ts";
import { nextAddress, registerMember, residentId } from "../support/app.ts";
import { requestCode, wrongGuess } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const me = (auth: Record<string, string>) => t.app.inject({ method: "GET", url: "/me", headers: auth });
const signIn = async (mobile: string) => {
  const r = await t.app.inject({
    method: "POST",
    url: "/auth/member/login",
    payload: { mobile, ...(await requestCode(t, mobile)) },
    remoteAddress: nextAddress(),
  });
  return { authorization: `Bearer ${r.json().token}` };
};

describe("sessions: logout, sign-out everywhere, purge", () => {
  it("logout ends this session only", async () => {
    const m = await registerMember(t, "13200000001", residentId("1986-01-01", 401));
    const other = await signIn("13200000001");
    const out = await t.app.inject({ method: "POST", url: "/auth/logout", headers: m.auth });
    expect(out.statusCode).toBe(204);
    expect((await me(m.auth)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/auth/logout" })).statusCode).toBe(401);
  });

  it("sign-out everywhere ends every session of the account, and no one else's", async () => {
    const m = await registerMember(t, "13200000002", residentId("1986-02-02", 402));
    const second = await signIn("13200000002");
    const stranger = await registerMember(t, "13200000003", residentId("1986-03-03", 403));
    const out = await t.app.inject({ method: "POST", url: "/auth/logout-everywhere", headers: second });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ended: 2 });
    expect((await me(m.auth)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    expect((await me(stranger.auth)).statusCode).toBe(200);
  });

  it("the purge deletes expired sessions, codes and old attempts, and keeps live ones", async () => {
    const live = await registerMember(t, "13200000004", residentId("1986-04-04", 404));
    const proof = await requestCode(t, "13200000005");
    await t.app.inject({
      method: "POST",
      url: "/auth/member/login",
      payload: { mobile: "13200000005", ...wrongGuess(proof) },
    });
    const count = async () =>
      (
        await t.db.pool.query(
          "SELECT (SELECT count(*) FROM sessions)::int AS s, (SELECT count(*) FROM otp_codes)::int AS c, (SELECT count(*) FROM login_attempts)::int AS a",
        )
      ).rows[0];
    const before = await count();
    expect(await purgeExpiredAuth(t.deps)).toEqual({ sessions: 0, codes: 0, attempts: 0 });
    t.clock.advance(8 * 86_400_000); // past every session (7 days), code (5 min) and attempt window (1 day)
    const fresh = await signIn("13200000004"); // one live session, one live code, new attempts
    const purged = await purgeExpiredAuth(t.deps);
    expect(purged.sessions).toBe(before.s);
    expect(purged.codes).toBe(before.c);
    expect(purged.attempts).toBe(before.a);
    expect(await count()).toMatchObject({ s: 1, c: 1 });
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await me(live.auth)).statusCode).toBe(401);
  });
});
