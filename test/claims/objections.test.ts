import { describe, expect, it } from "vitest";
import { residentId } from "../support/app.ts";
import {
  applicant,
  at,
  claimId,
  get,
  jurors,
  post,
  reviewer,
  setNow,
  t,
  useClaimsStory,
} from "../support/claims.ts";

useClaimsStory("overturn");

describe("announcement and objections", () => {
  it("publishes the case masked; an objection sends it back to review and asks the applicant", async () => {
    const list = (await get("/plans/xianghubao/announcements", jurors[1]!.auth)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      claimId,
      nameMasked: "李*",
      benefitFen: 30_000_000,
      objectionsUntil: "2020-07-16",
    });
    expect(JSON.stringify(list)).not.toContain("李四");
    expect(JSON.stringify(list)).not.toContain(residentId("1990-05-01", 301));
    const o = await post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "该会员入会前已确诊" });
    expect(o.json()).toMatchObject({ state: "review" });
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox WHERE body LIKE $1", [`%#${claimId}%`]);
    expect(sms.rows).toHaveLength(1);
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(c).toMatchObject({ state: "review", explanationRequested: true });
    const e = await post(`/claims/${claimId}/explanation`, applicant.auth, {
      text: "入会时未患病，附首次就诊记录",
    });
    expect(e.json()).toMatchObject({ explanationRequested: false });
    const d = await post(`/claims/${claimId}/decision`, reviewer, {
      diagnosisProven: true,
      preExisting: false,
      note: "first visit 2020-05-31",
    });
    expect(d.json()).toMatchObject({
      state: "announcement",
      publishedOn: "2020-07-02",
      benefitFen: 30_000_000,
    });
  });

  it("an objection after the publicity period is refused", async () => {
    await setNow(at("2020-07-17"));
    const o = await post(`/claims/${claimId}/objections`, jurors[2]!.auth, { grounds: "late" });
    expect(o.statusCode).toBe(422);
    expect(o.json().code).toBe("claim_deadline_passed");
    expect((await get(`/claims/${claimId}`, applicant.auth)).json().state).toBe("announcement");
  });
});
