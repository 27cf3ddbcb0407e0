import { describe, expect, it } from "vitest";
import { objectToClaim } from "../../src/claims/objections.ts";
import { objectionWaitSeconds } from "../../src/domain/claim/objection.ts";
import { registerMember, residentId } from "../support/app.ts";
import {
  applicant,
  claimId,
  early,
  get,
  jurors,
  operator,
  post,
  reviewer,
  t,
  useClaimsStory,
} from "../support/claims.ts";

// the applicant's claim has just been published again after the jury overturned the refusal (2020-07-02)
useClaimsStory("overturn");

const state = async () => (await get(`/claims/${claimId}`, applicant.auth)).json().state;

describe("who may object", () => {
  it("refuses a member with no participation in the plan, and one whose participation ended", async () => {
    const outsider = await registerMember(t, "13900000090", residentId("1988-08-08", 391));
    const a = await post(`/claims/${claimId}/objections`, outsider.auth, { grounds: "路人甲的异议" });
    expect(a.statusCode).toBe(403);
    expect(a.json().code).toBe("not_sharing_member");
    // early's participation ended when their claim inside the waiting period was refused
    const b = await post(`/claims/${claimId}/objections`, early.auth, { grounds: "已退出的会员" });
    expect(b.statusCode).toBe(403);
    expect(b.json().code).toBe("not_sharing_member");
    // the use case refuses the same way, whatever the edge
    await expect(
      objectToClaim(
        t.deps,
        { kind: "member", id: outsider.memberId, roles: ["member"] },
        claimId,
        "直接调用",
      ),
    ).rejects.toMatchObject({ problem: { code: "not_sharing_member" } });
    expect(await state()).toBe("announcement");
    const n = await t.db.pool.query("SELECT count(*)::int AS n FROM claim_objections");
    expect(n.rows[0].n).toBe(0);
  });

  it("takes one objection per member per claim: a second, after the case is published again, is refused", async () => {
    const first = await post(`/claims/${claimId}/objections`, jurors[1]!.auth, {
      grounds: "邻居说他入会前已确诊，可致电13912345678核实",
    });
    expect(first.json()).toMatchObject({ state: "review" });
    await post(`/claims/${claimId}/explanation`, applicant.auth, {
      text: "入会时未患病，身份证110101199005010301可查",
    });
    const d = await post(`/claims/${claimId}/decision`, reviewer, {
      diagnosisProven: true,
      preExisting: false,
    });
    expect(d.json().state).toBe("announcement");
    const again = await post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "再次异议" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_objected");
    expect(await state()).toBe("announcement");
  });

  it("limits a member to 3 objections a day across claims (429 with Retry-After)", async () => {
    // jurors[3] lodged three objections an hour ago (on early's claim, recorded as earlier repeats so
    // the one-per-claim index lets them stand): the next waits until the oldest is a day old,
    // 86,400 − 3,600 = 82,800 s
    const early1 = await t.db.pool.query("SELECT claim_id FROM claims WHERE member_id = $1", [
      early.memberId,
    ]);
    const hourAgo = new Date(t.clock.now() - 3_600_000);
    for (let i = 0; i < 3; i++)
      await t.db.pool.query(
        "INSERT INTO claim_objections (claim_id, member_id, grounds_cipher, at, repeated) VALUES ($1, $2, '\\x00', $3, true)",
        [early1.rows[0].claim_id, jurors[3]!.memberId, new Date(hourAgo.getTime() + i)],
      );
    const r = await post(`/claims/${claimId}/objections`, jurors[3]!.auth, { grounds: "第四次" });
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe("rate_limited");
    expect(Number(r.headers["retry-after"])).toBe(82_800);
    // another member is not held back by jurors[3]'s count
    const ok = await post(`/claims/${claimId}/objections`, jurors[2]!.auth, { grounds: "另一位会员的异议" });
    expect(ok.json().state).toBe("review");
  });

  it("the rate rule: below the allowance no wait; objections older than the window do not count", () => {
    const rate = { perWindow: 3, windowSeconds: 86_400 };
    const now = 1_000_000_000;
    expect(objectionWaitSeconds(rate, [now - 1000, now - 2000], now)).toBe(0);
    expect(objectionWaitSeconds(rate, [now - 1000, now - 2000, now - 86_400_000], now)).toBe(0);
    // three in the window, the oldest 10 s ago: wait 86,390 s
    expect(objectionWaitSeconds(rate, [now - 1000, now - 5000, now - 10_000], now)).toBe(86_390);
  });
});

describe("reading objections and explanations", () => {
  it("the reviewer reads the grounds as written, with the objector masked; the applicant reads them masked", async () => {
    const staff = (await get(`/claims/${claimId}`, reviewer)).json();
    expect(staff.objections).toHaveLength(2);
    expect(staff.objections[0]).toMatchObject({
      grounds: "邻居说他入会前已确诊，可致电13912345678核实",
      objector: { pseudonym: expect.any(String), nameMasked: "张*" },
    });
    expect(staff.explanations[0].text).toBe("入会时未患病，身份证110101199005010301可查");
    const mine = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(mine.objections[0]).toEqual({
      grounds: "邻居说他入会前已确诊，可致电139****5678核实",
      at: staff.objections[0].at,
    });
    expect(mine.explanations[0].text).toBe("入会时未患病，身份证1101**********0301可查");
    expect(JSON.stringify(mine)).not.toContain(staff.objections[0].objector.pseudonym);
    // the staff read of the free text is in the audit trail
    const audit = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_trail WHERE action = 'read claim_personal_text' AND target = $1",
      [JSON.stringify({ claimId })],
    );
    expect(audit.rows[0].n).toBeGreaterThan(0);
  });

  it("another member, and the list, carry no free text", async () => {
    const other = await get(`/claims/${claimId}`, jurors[4]!.auth);
    expect(other.statusCode).toBe(404);
    const list = (await get("/claims", operator)).json();
    const item = list.items.find((c: { claimId: number }) => c.claimId === claimId);
    expect(item.objections).toBeUndefined();
    expect(item.explanations).toBeUndefined();
  });
});
