import { describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { broadcast } from "../../src/notifications/notify.ts";
import { approveCase, enrolChild, enrolMembers, registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

// A dependant (a child) has no sign-in: what concerns their share is the guardian's to read and answer.
const t = useTestApp({
  nowMs: Date.UTC(2020, 0, 7, 2),
  presets: ["xianghubao"],
  provider: { failureRate: 0 },
});
const answers = { major_illness: false, hospitalised: false };

describe("a guardian's inbox carries the dependants' charges", () => {
  it("sends the child's confirmation notice (and SMS) to the guardian, lists the child's share by masked name; the guardian is in no plan", async () => {
    const g = await registerMember(t, "13900000701", residentId("1982-02-02", 871), "吴九");
    const child = await enrolChild(t, g, { name: "吴小九", residentId: residentId("2015-05-05", 872) });
    const childId = child.memberId as number;
    const joined = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: g.auth,
      payload: { memberId: childId, planId: "xianghubao", answers, answersVersion: "V2" },
    });
    expect(joined.statusCode).toBe(201);
    const part = joined.json().participationId as number;
    // sharers are members joined before the announcement day
    await t.db.pool.query("UPDATE participations SET joined_on = '2020-01-06' WHERE participation_id = $1", [
      part,
    ]);
    const mode = await t.app.inject({
      method: "PUT",
      url: `/participations/${part}/share-mode`,
      headers: g.auth,
      payload: { mode: "confirm" },
    });
    expect(mode.statusCode).toBe(200);
    const prefs = await t.app.inject({
      method: "PUT",
      url: "/notifications/preferences",
      headers: g.auth,
      payload: { sms: true, email: false, kinds: ["cycle_charge"] },
    });
    expect(prefs.statusCode).toBe(200);
    const { parts } = await enrolMembers(t, 4, "xianghubao", "1370000070", "1985-01-01", 880);
    await approveCase(t, parts[3]!, 100_000, "2020-01-05");
    const cycleId = await announceCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    await broadcast(t.deps, t.db.pool, "xianghubao", "announcement", "本期公示", "公示期 7 天");

    const inbox = await t.app.inject({ method: "GET", url: "/notifications", headers: g.auth });
    expect(inbox.statusCode).toBe(200);
    const body = inbox.json();
    const masked = body.cycleCharges[0]?.dependant as string;
    expect(masked).toMatch(/^吴\*+$/); // masked, never 吴小九
    // the child's share: one line, whose (the child's id and masked name) and its status
    expect(body.cycleCharges).toEqual([
      {
        kind: "cycle_charge",
        cycleId,
        planId: "xianghubao",
        announcedOn: "2020-01-07",
        shareFen: expect.any(Number),
        status: "unconfirmed",
        memberId: childId,
        dependant: masked,
      },
    ]);
    const shareYuan = (body.cycleCharges[0].shareFen / 100).toFixed(2);
    // the notice to confirm it, addressed to the guardian and naming the child; the plan's broadcast too,
    // though the guardian holds no participation of their own
    const notices = body.items.map((n: { kind: string; title: string; body: string }) => [
      n.kind,
      n.title,
      n.body,
    ]);
    expect(notices).toEqual([
      ["announcement", "本期公示", "公示期 7 天"],
      ["cycle_charge", "本期分摊待确认", expect.stringContaining(`您为${masked}本期应分摊 ${shareYuan} 元`)],
    ]);
    const { rows: mine } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM notifications WHERE member_id = $1",
      [childId],
    );
    expect(mine).toEqual([{ n: 0 }]); // nothing addressed to the child, who cannot sign in
    const sms = await t.db.pool.query<{ mobile_masked: string }>(
      "SELECT mobile_masked FROM sms_outbox WHERE body LIKE '%本期分摊待确认%'",
    );
    expect(sms.rows.map((r) => r.mobile_masked)).toEqual([expect.stringMatching(/0701$/)]);
    // the guardian confirms it for the child
    const confirm = await t.app.inject({
      method: "POST",
      url: `/cycles/${cycleId}/confirm`,
      headers: g.auth,
      payload: { memberId: childId },
    });
    expect(confirm.json()).toMatchObject({ status: "confirmed" });
    // another member sees neither the child's charges nor the notice
    const other = await registerMember(t, "13900000702", residentId("1982-02-03", 873));
    const theirs = (await t.app.inject({ method: "GET", url: "/notifications", headers: other.auth })).json();
    expect(theirs.cycleCharges).toEqual([]);
    expect(theirs.items).toEqual([]);
  });
});
