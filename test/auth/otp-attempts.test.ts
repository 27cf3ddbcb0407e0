import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lookupHash } from "../../src/secrets.ts";
import { nextAddress, registerMember, residentId } from "../support/app.ts";
import { type Proof, requestCode, wrongGuess } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const register = (mobile: string, id: string, proof: Proof, remoteAddress = nextAddress()) =>
  t.app.inject({
    method: "POST",
    url: "/auth/member/register",
    payload: { name: "周八", mobile, residentId: id, ...proof },
    remoteAddress,
  });
const login = (mobile: string, proof: Proof, remoteAddress = nextAddress()) =>
  t.app.inject({ method: "POST", url: "/auth/member/login", payload: { mobile, ...proof }, remoteAddress });

describe("one-time codes: every wrong try counts, whatever the route", () => {
  it("registration counts wrong codes durably: after 5 the right code is dead (finding 1)", async () => {
    const victim = await registerMember(t, "13500000001", residentId("1980-02-02", 101));
    const code = await requestCode(t, "13500000001");
    // each guess from its own address, so only the code's own cap is at work
    for (let i = 0; i < 5; i++) {
      const r = await register("13500000001", residentId("1990-01-01", 102), wrongGuess(code));
      expect(r.json()).toMatchObject({ code: "invalid_code", field: "code" });
    }
    const right = await register("13500000001", residentId("1990-01-01", 102), code);
    expect(right.statusCode).toBe(400);
    expect(right.json().code).toBe("invalid_code"); // not 409: a right guess is no longer recognisable
    expect((await login("13500000001", code)).statusCode).toBe(400); // and gives no sign-in
    expect(victim.memberId).toBeGreaterThan(0);
  });

  it("registration checks and consumes the code first: a right code with a registered ID is spent, not left for login", async () => {
    await registerMember(t, "13500000002", residentId("1981-03-03", 103));
    // an unproven caller: a wrong code says nothing about whether the ID or number is registered
    const c1 = await requestCode(t, "13500000009");
    const unproven = await register("13500000009", residentId("1981-03-03", 103), wrongGuess(c1));
    const fresh = await register("13500000009", residentId("1999-03-03", 109), wrongGuess(c1));
    expect(unproven.json()).toEqual(fresh.json());
    expect(unproven.json().code).toBe("invalid_code");
    // the owner of a registered number, with the right code: 409, and the code cannot then sign in
    const code = await requestCode(t, "13500000002");
    const dup = await register("13500000002", residentId("1999-09-09", 104), code);
    expect(dup.statusCode).toBe(409);
    const again = await login("13500000002", code);
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe("invalid_code");
  });

  it("100 concurrent wrong guesses on login are checked exactly 5 times, then the code is dead", async () => {
    await registerMember(t, "13500000003", residentId("1982-04-04", 105));
    const code = await requestCode(t, "13500000003");
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => login("13500000003", wrongGuess(code))),
    );
    expect(answers.every((r) => r.statusCode === 400)).toBe(true);
    const wrong = answers.filter((r) => r.json().detail === "the code is wrong").length;
    expect(wrong).toBe(5);
    const { rows } = await t.db.pool.query(
      "SELECT attempts, used FROM otp_codes WHERE mobile_lookup = $1 ORDER BY otp_id DESC LIMIT 1",
      [lookupHash(t.deps.secrets, "mobile", "13500000003")],
    );
    expect(rows[0]).toEqual({ attempts: 5, used: false });
    expect((await login("13500000003", code)).statusCode).toBe(400);
  });

  it("the right code within the cap signs in once; a replay of it is refused", async () => {
    await registerMember(t, "13500000004", residentId("1983-05-05", 106));
    const code = await requestCode(t, "13500000004");
    for (let i = 0; i < 4; i++) await login("13500000004", wrongGuess(code));
    const ok = await login("13500000004", code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().token).toBeTypeOf("string");
    expect((await login("13500000004", code)).statusCode).toBe(400);
  });

  it("stores codes only as keyed hashes: not the plain SHA-256 anyone could reverse by trying 10⁶ codes", async () => {
    const { code } = await requestCode(t, "13500000005");
    const lookup = lookupHash(t.deps.secrets, "mobile", "13500000005");
    const { rows } = await t.db.pool.query<{ code_hash: Buffer }>(
      "SELECT code_hash FROM otp_codes WHERE mobile_lookup = $1",
      [lookup],
    );
    const unkeyed = createHash("sha256")
      .update(`${lookup.toString("hex")}:${code}`)
      .digest();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash.equals(unkeyed)).toBe(false);
  });

  it("a proven number cannot try resident IDs one after another: its registrations are throttled (finding 2, registration)", async () => {
    const ids = [110, 111, 112, 113, 114].map((seq) => residentId("1987-07-07", seq));
    for (const [i, id] of ids.entries()) await registerMember(t, `1350000002${i}`, id);
    const answers: string[] = [];
    for (const id of ids) {
      const r = await register("13500000007", id, await requestCode(t, "13500000007"));
      answers.push(`${r.statusCode} ${r.json().code}`);
    }
    expect(answers).toEqual([
      "409 duplicate_person",
      "409 duplicate_person",
      "409 duplicate_person",
      "429 rate_limited",
      "429 rate_limited",
    ]);
  });
});
