import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitationCodeOf } from "../../src/domain/invitation.ts";
import { useInvitation } from "../../src/invitations/issue.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { withTransaction } from "../../src/store/db.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
let operator: Record<string, string>;
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

const post = (url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: "GET", url, headers });
const joinKangai = (m: { memberId: number; auth: Record<string, string> }, invitationCode?: string) =>
  post("/participations", m.auth, {
    memberId: m.memberId,
    planId: "kangai",
    answers: { listed_disease: false },
    answersVersion: "2016",
    ...(invitationCode === undefined ? {} : { invitationCode }),
  });

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 2, 1, 2) });
  operator = await staffToken(t, ["operator"]);
});
afterAll(async () => {
  await t.close();
});

describe("invitation codes of 抗癌公社 (registration closed, by invitation)", () => {
  let staffCodes: string[];
  let inviter: Awaited<ReturnType<typeof registerMember>>;

  it("staff issue a batch; the log records the count and the issuer, never a code", async () => {
    const r = await post("/plans/kangai/invitations", operator, { count: 3 });
    expect(r.statusCode).toBe(201);
    staffCodes = r.json().codes;
    expect(staffCodes).toHaveLength(3);
    for (const c of staffCodes) expect(c).toMatch(CODE);
    expect(new Set(staffCodes).size).toBe(3);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const log = await t.db.pool.query("SELECT canonical FROM log_entries WHERE kind = 'invitation'");
    expect(log.rows).toHaveLength(1);
    expect(JSON.parse(log.rows[0].canonical)).toMatchObject({ plan: "kangai", count: 3, issuer: "staff" });
    const all = (await t.db.pool.query("SELECT canonical FROM log_entries")).rows.map((x) => x.canonical);
    for (const c of staffCodes) expect(all.join("\n")).not.toContain(c);
  });

  it("a join needs a valid code, uses it once, and accepts it as typed (case, spaces)", async () => {
    inviter = await registerMember(t, "13700000001", residentId("1990-01-01", 1));
    expect((await joinKangai(inviter)).json().code).toBe("invitation_required");
    expect((await joinKangai(inviter, "ABCD-EFGH-JKMN-PQRS")).json().code).toBe("invitation_required");
    const ok = await joinKangai(inviter, ` ${staffCodes[0]!.toLowerCase()} `);
    expect(ok.statusCode).toBe(201);
    const other = await registerMember(t, "13700000002", residentId("1990-01-01", 3));
    const again = await joinKangai(other, staffCodes[0]);
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: "invitation_required", field: "invitationCode" });
  });

  it("a member sharing in the plan invites, up to 5 unused codes at once; a stranger may not", async () => {
    const stranger = await registerMember(t, "13700000003", residentId("1990-01-01", 5));
    const refused = await post("/plans/kangai/invitations", stranger.auth, { count: 1 });
    expect(refused.statusCode).toBe(403);
    const five = await post("/plans/kangai/invitations", inviter.auth, { count: 5 });
    expect(five.statusCode).toBe(201);
    const sixth = await post("/plans/kangai/invitations", inviter.auth, {});
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe("invitation_limit");
    // the stranger joins with one of the inviter's codes: the inviter holds 4 unused, and may issue 1 more
    const code = five.json().codes[2];
    expect((await joinKangai(stranger, code)).statusCode).toBe(201);
    expect((await post("/plans/kangai/invitations", inviter.auth, {})).statusCode).toBe(201);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const log = await t.db.pool.query(
      "SELECT canonical::jsonb->>'issuer' AS issuer, (canonical::jsonb->>'count')::int AS n FROM log_entries WHERE kind = 'invitation'",
    );
    const pseudonym = (
      await t.db.pool.query("SELECT pseudonym FROM members WHERE member_id = $1", [inviter.memberId])
    ).rows[0].pseudonym;
    expect(log.rows).toContainEqual({ issuer: pseudonym, n: 5 });
  });

  it("counts the codes: issued, by staff, by members, used; a member sees their own", async () => {
    // 3 by staff + 5 + 1 by the inviter = 9 issued; 2 used (the inviter's join, the stranger's)
    const staffView = (await get("/plans/kangai/invitations", operator)).json();
    expect(staffView).toEqual({ planId: "kangai", issued: 9, byStaff: 3, byMembers: 6, used: 2 });
    const mine = (await get("/plans/kangai/invitations", inviter.auth)).json();
    expect(mine.mine).toHaveLength(6);
    expect(mine.mine.filter((c: { used: boolean }) => c.used)).toHaveLength(1);
  });

  it("two joins with the same code at once: exactly one gets in", async () => {
    const [code] = (await post("/plans/kangai/invitations", operator, { count: 1 })).json().codes;
    const a = await registerMember(t, "13700000011", residentId("1990-01-01", 21));
    const b = await registerMember(t, "13700000012", residentId("1990-01-01", 23));
    const answers = await Promise.all([joinKangai(a, code), joinKangai(b, code)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 422]);
  });

  it("the use case: a code is used once, and a rolled-back join gives it back", async () => {
    const [code] = (await post("/plans/kangai/invitations", operator, { count: 1 })).json().codes;
    const use = (memberId: number) =>
      withTransaction(t.db.pool, (tx) =>
        useInvitation(tx, { planId: "kangai", code, memberId, at: new Date(t.clock.now()) }),
      );
    await expect(
      withTransaction(t.db.pool, async (tx) => {
        await useInvitation(tx, {
          planId: "kangai",
          code,
          memberId: inviter.memberId,
          at: new Date(t.clock.now()),
        });
        throw new Error("the join failed later");
      }),
    ).rejects.toThrow("the join failed later");
    expect(await use(inviter.memberId)).toBe(true);
    expect(await use(inviter.memberId)).toBe(false);
    expect(
      await withTransaction(t.db.pool, (tx) =>
        useInvitation(tx, { planId: "kangai", memberId: 1, at: new Date(t.clock.now()) }),
      ),
    ).toBe(false);
  });

  it("refuses codes for a plan that needs none, and malformed counts", async () => {
    const r = await post("/plans/xianghubao/invitations", operator, { count: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().field).toBe("planId");
    for (const count of [0, 1001, 1.5, "3"]) {
      const bad = await post("/plans/kangai/invitations", operator, { count });
      expect(bad.statusCode, String(count)).toBe(400);
    }
    expect((await post("/plans/nowhere/invitations", operator, { count: 1 })).statusCode).toBe(404);
  });
});

describe("invitationCodeOf", () => {
  it("writes 80 bits as 16 base32 characters in groups of four", () => {
    expect(invitationCodeOf(new Uint8Array(10))).toBe("0000-0000-0000-0000");
    expect(invitationCodeOf(new Uint8Array(10).fill(255))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x08 = 00001000 then zeros: the first 5 bits 00001 → "1", the next 5 bits 000 00 → "0"
    expect(invitationCodeOf(Uint8Array.from([8, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe("1000-0000-0000-0000");
  });
});
