import { describe, expect, it } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { enrolChild, registerMember, residentId, staffToken } from "../support/app.ts";
import { claimWithDocument } from "../support/privacy.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();
const answers = { major_illness: false, hospitalised: false };
const exportOf = (id: number | string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url: `/members/${id}/export`, headers });

async function joined(mobile: string, seq: number, name: string) {
  const m = await registerMember(t, mobile, residentId("1985-03-03", seq), name);
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion: "V2" },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { ...m, participationId: r.json().participationId as number };
}

describe("GET /members/:memberId/export: everything held about a member", () => {
  it("gives the member their identity in plain, their plans, claims, money, notices, sessions and log facts", async () => {
    const m = await joined("13300000001", 1, "韩梅梅");
    // a claim with its description and a document; a notice; a top-up of ¥3.00 to 水滴
    const { claimId, sha, upload } = await claimWithDocument(t, m, {
      description: "我的病情",
      participationId: m.participationId,
    });
    expect(upload.statusCode).toBe(201);
    await t.db.pool.query(
      "INSERT INTO notifications (member_id, kind, title, body, created_at) VALUES ($1, 'announcement', '通知', '正文', now())",
      [m.memberId],
    );
    const topUp = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "export-top-up-1" },
      payload: { amountFen: 300, planId: "shuidi" },
    });
    expect(topUp.statusCode).toBeLessThan(300);

    await sequenceLog(t.db.pool, t.deps.logKeys, t.deps.clock);
    const r = await exportOf(m.memberId, m.auth);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toBe(`attachment; filename="huzhu-member-${m.memberId}.json"`);
    expect(r.headers["cache-control"]).toBe("no-store");
    const e = r.json();
    expect(e.member.identity).toEqual({
      residentId: residentId("1985-03-03", 1),
      name: "韩梅梅",
      mobile: "13300000001",
    });
    expect(e.member).toMatchObject({
      memberId: m.memberId,
      kind: "member",
      erasedAt: null,
      birthDate: "1985-03-03",
    });
    expect(e.participations).toEqual([
      expect.objectContaining({ participationId: m.participationId, planId: "xianghubao" }),
    ]);
    expect(e.claims).toEqual([
      expect.objectContaining({
        claimId,
        description: "我的病情",
        documents: [expect.objectContaining({ sha256: sha, contentType: "application/pdf" })],
      }),
    ]);
    expect(e.claims[0].descriptionCipher).toBeUndefined();
    expect(e.notifications.items).toEqual([
      expect.objectContaining({ title: "通知", body: "正文", readAt: null }),
    ]);
    expect(e.money.topUps).toEqual([expect.objectContaining({ kind: "topup", amountFen: 300 })]);
    // the registration's session (and no token or hash of it)
    expect(e.sessions.length).toBeGreaterThanOrEqual(1);
    expect(r.body).not.toContain(m.token);
    expect(Object.keys(e.sessions[0]).sort()).toEqual(["createdAt", "expiresAt"]);
    // the join is a log fact under the pseudonym, with where its proof is
    const join = e.log.entries.find((x: { kind: string }) => x.kind === "join");
    expect(join).toMatchObject({
      entry: `/log/entries/${join.index}`,
      inclusionProof: `/log/proofs/inclusion?index=${join.index}`,
    });
    expect(e.log.pseudonym).toMatch(/^[0-9a-f]{32}$/);
    // the member's own export is no staff read
    expect(e.staffReads).toEqual([]);
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM personal_data_reads")).rows[0].n).toBe(0);
  });

  it("a guardian exports their dependant; nobody else can, and bad ids are refused", async () => {
    const g = await registerMember(t, "13300000002", residentId("1980-01-01", 2), "李雷");
    const child = await enrolChild(t, g, { name: "李小雷", residentId: residentId("2015-06-01", 3) });
    const d = child.memberId!;
    const mine = (await exportOf(g.memberId, g.auth)).json();
    expect(mine.dependants).toEqual([expect.objectContaining({ memberId: d, relation: "child" })]);
    expect(mine.consents.length).toBeGreaterThanOrEqual(1);
    expect(mine.dependantRequests).toEqual([expect.objectContaining({ state: "enrolled", dependantId: d })]);
    const theirs = await exportOf(d, g.auth);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().member).toMatchObject({ kind: "dependant", guardianId: g.memberId });
    expect(theirs.json().member.identity).toMatchObject({ name: "李小雷", mobile: null });

    const other = await registerMember(t, "13300000003", residentId("1980-01-01", 4), "路人");
    // another member's export and their dependant's: 404, existence not revealed (like an unknown id)
    for (const id of [g.memberId, d, 999_999]) {
      const r = await exportOf(id, other.auth);
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain("李");
    }
    expect((await exportOf(g.memberId)).statusCode).toBe(401);
    const staff = await exportOf(g.memberId, await staffToken(t, ["admin"]));
    expect(staff.statusCode).toBe(403);
    for (const bad of ["abc", "0", "-1", "1".repeat(16)]) {
      const r = await exportOf(bad, g.auth);
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain("memberId");
    }
  });
});
