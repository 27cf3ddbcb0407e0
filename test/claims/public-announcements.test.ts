import { describe, expect, it } from "vitest";
import { objectionOutcome } from "../../src/domain/claim/objection.ts";
import { residentId } from "../support/app.ts";
import { claimId, get, jurors, post, reviewer, useClaimsStory } from "../support/claims.ts";

/*
 * 公示 without signing in (issue 18's public pages): the announcements and what became of the cases
 * members objected to — masked as the announcement is, the count of objections, never their grounds.
 */
useClaimsStory("overturn");

describe("the public announcements and objections' outcomes", () => {
  it("anyone reads the announcements signed out", async () => {
    const r = await get("/plans/xianghubao/announcements");
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([
      expect.objectContaining({
        claimId,
        nameMasked: "李*",
        benefitFen: 30_000_000,
        objectionsUntil: "2020-07-16",
      }),
    ]);
    expect((await get("/plans/nosuchplan/announcements")).json().items).toEqual([]);
    expect((await get("/plans/xianghubao/announcements?cursor=x1")).statusCode).toBe(400);
  });

  it("names the covered event in the members' notice by the plan's own name, not its code", async () => {
    const inbox = (await get("/notifications", jurors[1]!.auth)).json();
    const notices = inbox.items.filter((n: { kind: string }) => n.kind === "announcement");
    // xianghubao's rules name the class `major` 重大疾病 (99种大病、恶性肿瘤及罕见病) (plans/xianghubao.yaml)
    expect(notices.map((n: { title: string }) => n.title)).toEqual([
      "互助公示：重大疾病 (99种大病、恶性肿瘤及罕见病)",
    ]);
  });

  it("lists an objected case under review, then approved again, with its count and no grounds", async () => {
    expect((await get("/plans/xianghubao/objections")).json().items).toEqual([]);
    await post(`/claims/${claimId}/objections`, jurors[1]!.auth, {
      grounds: "该会员入会前已确诊 13910000001",
    });
    // the first sends the case back to review: a second member can no longer object to it
    const second = await post(`/claims/${claimId}/objections`, jurors[2]!.auth, { grounds: "诊断日期可疑" });
    expect(second.statusCode).toBeGreaterThanOrEqual(400);
    const open = await get("/plans/xianghubao/objections");
    expect(open.statusCode).toBe(200);
    expect(open.json().items).toEqual([
      expect.objectContaining({ claimId, nameMasked: "李*", objections: 1, outcome: "under_review" }),
    ]);
    // 李四, born 1990-05-01, diagnosed 2020-06-01 at 30: the 30–39 band, never the ID or a grounds' text
    expect(open.json().items[0].ageBand).toBe("30–39");
    const text = JSON.stringify(open.json());
    for (const secret of ["李四", residentId("1990-05-01", 301), "入会前", "13910000001"])
      expect(text).not.toContain(secret);
    await post(`/claims/${claimId}/decision`, reviewer, {
      diagnosisProven: true,
      preExisting: false,
      note: "",
    });
    const after = (await get("/plans/xianghubao/objections")).json().items;
    // published again: the decision stands; early's claim, refused in its waiting period, is not listed
    expect(after.map((c: { claimId: number; outcome: string }) => [c.claimId, c.outcome])).toEqual([
      [claimId, "approved"],
    ]);
  });

  it("reads each state as an outcome", () => {
    const states = [
      "review",
      "investigation",
      "announcement",
      "sharing",
      "paid",
      "rejected",
      "appeal",
      "withdrawn",
      "lapsed",
    ];
    expect(states.map(objectionOutcome)).toEqual([
      "under_review",
      "under_review",
      "approved",
      "approved",
      "approved",
      "refused",
      "refused",
      "ended",
      "ended",
    ]);
  });
});
