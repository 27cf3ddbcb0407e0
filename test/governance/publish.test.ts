import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gov, govApp, reduced } from "./fixture.ts";

// src/governance/publish.ts: publication with the charter's notice, and every member told
let g: Gov;
let p1: number;
beforeAll(async () => {
  g = await govApp();
  p1 = (await g.propose("癌症互助金调整", reduced)).id;
});
afterAll(async () => {
  await g.t.close();
});

describe("co-deliberation with a vote", () => {
  it("publication with 14 days' notice when the charter asks 15 is refused and changes nothing; 15 is accepted", async () => {
    const { operator, post, get } = g;
    // published 2020-03-01: 15 days → effective 2020-03-16 at the earliest
    const short = await post(`/proposals/${p1}/publish`, operator, { effectiveOn: "2020-03-15" });
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: "notice_too_short", field: "effectiveOn" });
    expect((await get(`/proposals/${p1}`)).json().state).toBe("accepted");
    const ok = await post(`/proposals/${p1}/publish`, operator, { effectiveOn: "2020-03-16" });
    expect(ok.statusCode).toBe(200);
    // a reduction needs the vote: 7 days, the last day 03-07; 8 adult members eligible
    expect(ok.json()).toMatchObject({
      state: "published",
      voteRequired: true,
      votingClosesOn: "2020-03-08",
      noticeEndsOn: "2020-03-16",
      eligible: 8,
      voteRule: { thresholdPercent: 75, comparison: "atLeast" },
    });
  });

  it("members are told: the inbox shows the broadcast; SMS and e-mail go to those who asked", async () => {
    const { members, post, get, t } = g;
    const inbox = (await get("/notifications", members[1]!.auth)).json();
    expect(inbox.items[0]).toMatchObject({ kind: "vote", read: false });
    expect(inbox.items[0].body).toContain("benefits.schedule[0].benefit.amount: 300000 → 200000");
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox WHERE body LIKE '%规则变更%'");
    const mail = await t.db.pool.query("SELECT email_masked, subject FROM email_outbox");
    expect(sms.rows).toHaveLength(1);
    expect(mail.rows).toEqual([
      { email_masked: "w***@example.com", subject: "规则变更公示：癌症互助金调整" },
    ]);
    const read = await post(`/notifications/${inbox.items[0].notificationId}/read`, members[1]!.auth);
    expect(read.json()).toEqual({ notificationId: inbox.items[0].notificationId, read: true });
  });
});
