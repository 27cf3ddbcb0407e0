import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { collectCycle } from "../../src/cycles/collect.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, enrolMembers, type TestApp, testApp } from "../support/app.ts";
import { clockTo } from "../support/cycles.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), presets: ["meituan"], provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe("members who confirm each cycle", () => {
  it("a confirmed share is collected; an unconfirmed one, or one over the member's limit, becomes a default", async () => {
    const { parts: ids, registered: members } = await enrolMembers(
      t,
      4,
      "meituan",
      "1320000000",
      "1990-01-01",
      300,
      {
        coveredFrom: "2019-07-01",
        ruleVersion: "2019-04-01",
      },
    );
    const mode = (i: number, body: object) =>
      t.app.inject({
        method: "PUT",
        url: `/participations/${ids[i]}/share-mode`,
        headers: members[i]!.auth,
        payload: body,
      });
    await mode(0, { mode: "confirm" });
    await mode(1, { mode: "confirm" });
    await mode(2, { mode: "auto_limit", shareLimitFen: 1 });
    await approveCase(t, ids[3]!, 300, "2020-01-05");
    // member 1 wants cycle charges by SMS too
    await t.app.inject({
      method: "PUT",
      url: "/notifications/preferences",
      headers: members[1]!.auth,
      payload: { sms: true, email: false, kinds: ["cycle_charge"] },
    });
    clockTo(t, "2020-01-07");
    const cycleId = await announceCycle(t.deps, "meituan", civilDate("2020-01-07"));
    // 3 yuan + 8% = 324 fen among 3 members = 108 each, capped at 0.10 × 1 case = 10 fen

    // the members who confirm (0, 1) and the one over her limit (2: 10 fen > 1 fen) are asked; the
    // claimant (3) owes nothing and is not
    const asked = async (i: number) => {
      const r = await t.app.inject({ method: "GET", url: "/notifications", headers: members[i]!.auth });
      return r
        .json()
        .items.filter((n: { kind: string }) => n.kind === "cycle_charge")
        .map((n: { title: string; body: string }) => `${n.title}: ${n.body}`);
    };
    for (const i of [0, 1, 2]) {
      const notes = await asked(i);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain("本期分摊待确认");
      expect(notes[0]).toContain("0.10 元"); // 10 fen
      expect(notes[0]).toContain("2020-01-14"); // 美团's collection day after the 7th
    }
    expect(await asked(3)).toEqual([]);
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox WHERE body LIKE '%本期分摊待确认%'");
    expect(sms.rows).toHaveLength(1); // member 1 only
    const confirm = await t.app.inject({
      method: "POST",
      url: `/cycles/${cycleId}/confirm`,
      headers: members[0]!.auth,
      payload: { memberId: members[0]!.memberId },
    });
    expect(confirm.json()).toEqual({ status: "confirmed", shareFen: 10 });
    const stranger = await t.app.inject({
      method: "POST",
      url: `/cycles/${cycleId}/confirm`,
      headers: members[1]!.auth,
      payload: { memberId: members[0]!.memberId },
    });
    expect(stranger.statusCode).toBe(404);
    // the collection runs on its day (01-14), not at the announcement
    clockTo(t, "2020-01-14");
    const d = await collectCycle(t.deps, cycleId);
    const { rows } = await t.db.pool.query(
      "SELECT member_id, status FROM cycle_shares WHERE cycle_id = $1 ORDER BY member_id",
      [cycleId],
    );
    expect(rows.map((r) => r.status)).toEqual(["collected", "failed", "failed"]);
    expect(d).toMatchObject({ collectedFen: 10, failedFen: 20 });
    // (sessions last 7 days; the test's clock moved 13)
    await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(t.clock.now() + 86_400_000)]);
    // after the collection, an answer is refused with a 409 saying why, not {"status":"failed"}
    const late = await t.app.inject({
      method: "POST",
      url: `/cycles/${cycleId}/confirm`,
      headers: members[1]!.auth,
      payload: { memberId: members[1]!.memberId },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: "confirmation_closed" });
    const decline = await t.app.inject({
      method: "POST",
      url: `/cycles/${cycleId}/decline`,
      headers: members[0]!.auth,
      payload: { memberId: members[0]!.memberId },
    });
    expect(decline.statusCode).toBe(409);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});
