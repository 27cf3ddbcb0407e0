import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lookupHash } from "../../src/secrets.ts";
import { nextAddress, registerMember, residentId } from "../support/app.ts";
import { type Proof, requestCode, wrongCode } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const post = (url: string, payload: Record<string, unknown>, remoteAddress = nextAddress()) =>
  t.app.inject({ method: "POST", url, payload, remoteAddress });
const guessedChallenge = () => randomBytes(16).toString("base64url");

/**
 * A stranger with 20 addresses: from each, a code request for the number (its own challenge) and 5
 * wrong codes, alternately with that challenge and a guessed one, on the route and body `attack` builds.
 */
async function strangerSpoils(
  mobile: string,
  victimCode: string,
  attack: (p: Proof) => [string, Record<string, unknown>],
) {
  for (let a = 0; a < 20; a++) {
    const address = `203.0.${100 + a}.7`;
    const own = await post("/auth/otp", { mobile }, address);
    expect(own.statusCode).toBe(202);
    for (let i = 0; i < 5; i++) {
      const challengeId = i % 2 === 0 ? own.json().challengeId : guessedChallenge();
      const [url, body] = attack({ challengeId, code: wrongCode(victimCode) });
      const r = await post(url, body, address);
      expect(r.json()).toMatchObject({ code: "invalid_code", field: "code" });
    }
  }
}

describe("one-time codes bound to the request that asked for them", () => {
  it("a stranger from 20 addresses, 5 wrong codes each and new code requests, leaves the owner's code working", async () => {
    await registerMember(t, "13100000001", residentId("1980-01-01", 501));
    const victim = await requestCode(t, "13100000001", "198.51.100.50");
    await strangerSpoils("13100000001", victim.code, (p) => [
      "/auth/member/login",
      { mobile: "13100000001", ...p },
    ]);
    const ok = await post("/auth/member/login", { mobile: "13100000001", ...victim }, "198.51.100.50");
    expect(ok.statusCode).toBe(200);
    expect(ok.json().token).toBeTypeOf("string");
    // the wrong tries counted against the stranger's challenges only: each of those is dead at 5 or fewer
    const { rows } = await t.db.pool.query<{ attempts: number; used: boolean }>(
      "SELECT attempts, used FROM otp_codes WHERE mobile_lookup = $1 ORDER BY otp_id",
      [lookupHash(t.deps.secrets, "mobile", "13100000001")],
    );
    // registration's code and the victim's, each right at the first try
    expect(rows.filter((r) => r.used)).toEqual([
      { attempts: 1, used: true },
      { attempts: 1, used: true },
    ]);
    expect(rows).toHaveLength(22);
    expect(rows.every((r) => r.attempts <= 5)).toBe(true);
  });

  it("the same on registration and on a change of number", async () => {
    const victim = await requestCode(t, "13100000002", "198.51.100.51");
    await strangerSpoils("13100000002", victim.code, (p) => [
      "/auth/member/register",
      { name: "陈一", mobile: "13100000002", residentId: residentId("1990-01-01", 502), ...p },
    ]);
    const reg = await post(
      "/auth/member/register",
      { name: "陈一", mobile: "13100000002", residentId: residentId("1990-01-01", 502), ...victim },
      "198.51.100.51",
    );
    expect(reg.statusCode).toBe(201);
    const moving = await requestCode(t, "13100000003", "198.51.100.51");
    await strangerSpoils("13100000003", moving.code, (p) => [
      "/auth/member/mobile",
      { name: "陈一", mobile: "13100000003", residentId: residentId("1990-01-01", 502), ...p },
    ]);
    const moved = await post(
      "/auth/member/mobile",
      { name: "陈一", mobile: "13100000003", residentId: residentId("1990-01-01", 502), ...moving },
      "198.51.100.51",
    );
    expect(moved.statusCode).toBe(200);
  });

  it("a stranger behind the owner's address (a shared NAT) who runs its allowance down does not delay the owner's open challenge", async () => {
    await registerMember(t, "13100000008", residentId("1982-01-01", 508));
    const shared = "100.64.0.8";
    const owner = await requestCode(t, "13100000008", shared);
    let refused = 0;
    for (let i = 0; refused < 3; i++) {
      const mobile = `1310001${String(i).padStart(4, "0")}`;
      const r = await post(
        "/auth/member/login",
        { mobile, challengeId: guessedChallenge(), code: "123456" },
        shared,
      );
      if (r.statusCode === 429) refused++;
    }
    // the stranger waits; the owner's right code on their open challenge signs in at once
    const ok = await post("/auth/member/login", { mobile: "13100000008", ...owner }, shared);
    expect(ok.statusCode).toBe(200);
    // a challenge no longer open (this one is used) signs nobody in
    const used = await post("/auth/member/login", { mobile: "13100000008", ...owner }, shared);
    expect([400, 429]).toContain(used.statusCode);
  });

  it("a challenge checks its own code only: not another request's code, not another number's", async () => {
    await registerMember(t, "13100000004", residentId("1981-01-01", 504));
    await registerMember(t, "13100000005", residentId("1981-01-01", 505));
    const older = await requestCode(t, "13100000004");
    const newer = await requestCode(t, "13100000004");
    const other = await requestCode(t, "13100000005");
    const login = (mobile: string, p: Proof) => post("/auth/member/login", { mobile, ...p });
    // the newest code with the older challenge, another number's challenge with its right code
    expect((await login("13100000004", { ...older, code: newer.code })).statusCode).toBe(
      older.code === newer.code ? 200 : 400,
    );
    expect((await login("13100000004", other)).json()).toMatchObject({ code: "invalid_code" });
    // several open challenges coexist: a newer request does not end the older one
    expect((await login("13100000004", newer)).statusCode).toBe(200);
    expect((await login("13100000004", older)).statusCode).toBe(older.code === newer.code ? 400 : 200);
    expect((await login("13100000005", other)).statusCode).toBe(200);
  });

  it("a challenge id is 22 base64url characters; anything else is a 400 naming it", async () => {
    for (const challengeId of [
      undefined,
      "",
      "x".repeat(21),
      "x".repeat(23),
      `${"x".repeat(21)}=`,
      "a\u0000".repeat(11),
    ]) {
      const r = await post("/auth/member/login", { mobile: "13100000006", challengeId, code: "123456" });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ field: "challengeId" });
    }
  });

  it("only a keyed hash of the challenge id is stored", async () => {
    const p = await requestCode(t, "13100000007");
    const { rows } = await t.db.pool.query("SELECT row_to_json(o)::text AS j FROM otp_codes o");
    expect(rows.map((r) => r.j).join("\n")).not.toContain(
      Buffer.from(p.challengeId, "base64url").toString("hex"),
    );
    expect(rows.map((r) => r.j).join("\n")).not.toContain(p.challengeId);
  });
});
