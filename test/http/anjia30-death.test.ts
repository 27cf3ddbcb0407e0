import { describe, expect, it } from "vitest";
import { registerMember, residentId, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

/** Shanghai 10:00 on a day (UTC+8). */
const at = (date: string) => Date.parse(`${date}T02:00:00Z`);
const PDF = Buffer.from("%PDF-1.4\n% 死亡证明\n1 0 obj <<>> endobj\n%%EOF\n");

const t = useTestApp({ nowMs: at("2020-01-01"), presets: ["anjia30"] });

describe("安家30: deciding a death inside the observation period", () => {
  it("answers a refusal with its reason, not a 500 from claims_benefit_fen_check", async () => {
    const operator = await staffToken(t, ["operator"]);
    const reviewer = await staffToken(t, ["reviewer"]);
    const ids = await t.db.pool.query("SELECT staff_id FROM staff ORDER BY staff_id");
    const m = await registerMember(t, "13800000001", residentId("1940-01-01", 1), "陈老");
    const j = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: m.auth,
      payload: { memberId: m.memberId, planId: "anjia30" },
    });
    expect(j.statusCode, j.body).toBe(201);
    // joined 2020-01-01, died 2020-01-05 (membership day 5 ≤ 1095): the benefit is the refund of the
    // shares paid, and no cycle has collected one yet: 0 fen, so nothing is payable
    t.clock.set(at("2020-01-07"));
    const post = (url: string, headers: Record<string, string>, payload?: object | Buffer) =>
      t.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
    // the death is recorded by one operator; another acts for the heir (heirs have no accounts)
    const recorded = await post(`/members/${m.memberId}/death`, operator, { diedOn: "2020-01-05" });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const agent = await staffToken(t, ["operator"]);
    const c = await post("/claims", agent, {
      participationId: j.json().participationId,
      event: "death",
      diagnosedOn: "2020-01-05",
      afterDeath: true,
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().claimId;
    expect(
      (await post(`/claims/${id}/documents`, { ...agent, "content-type": "application/pdf" }, PDF))
        .statusCode,
    ).toBe(201);
    expect((await post(`/claims/${id}/submit`, agent)).statusCode).toBe(200);
    const assigned = await post(`/claims/${id}/assignment`, operator, { reviewerId: ids.rows[1].staff_id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const d = await post(`/claims/${id}/decision`, reviewer, { note: "" });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { approved: false, reason: "nothing_paid_in" },
    });
  });
});
