import { describe, expect, it } from "vitest";
import { applicant, at, claimId, get, operator, post, setNow, t, useClaimsStory } from "../support/claims.ts";
import { runDueOn } from "../support/cycles.ts";

useClaimsStory("object");

describe("into the money path", () => {
  it("after publicity the case enters the next cycle, is paid in one sum, and every step is recorded", async () => {
    const r = await post("/admin/claims/advance", operator);
    expect(r.json()).toMatchObject({ shared: 1 });
    const p = await get(`/participations/${applicant.participationId}`, applicant.auth);
    expect(p.json()).toMatchObject({ status: "ended" });
    const k = await t.db.pool.query(
      "SELECT benefit_fen, decided_on::text FROM cycle_cases WHERE member_id = $1",
      [applicant.memberId],
    );
    expect(k.rows).toEqual(
      [{ benefit_fen: "30000000", decided_on: "2020-07-17" }].map((x) => ({
        ...x,
        benefit_fen: Number(x.benefit_fen),
      })),
    );
    await setNow(at("2020-07-21"));
    await runDueOn(t, "xianghubao", "2020-07-21", "2020-07-21");
    // the cycle's second step: its collection on 07-28 (announced on 07-21)
    await setNow(at("2020-07-28"));
    await runDueOn(t, "xianghubao", "2020-07-28", "2020-07-21");
    await post("/admin/claims/advance", operator);
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(c.state).toBe("paid");
    // collected on 2020-07-28 (a Tuesday); 10 working days → Tuesday 2020-08-11
    expect(c.deadlines.payoutDueOn).toBe("2020-08-11");
    const actions = c.transitions.map((x: { action: string }) => x.action);
    expect(actions).toEqual([
      "report",
      "upload",
      "submit",
      "assign",
      "investigate",
      "record_findings",
      "reject",
      "appeal",
      "overturn",
      "object",
      "explain",
      "approve",
      "share",
      "pay",
    ]);
    for (const x of c.transitions) {
      expect(x.ruleVersion).toBe("2020-01-01");
      expect(x.reason.length).toBeGreaterThan(0);
    }
    expect(c.transitions.find((x: { action: string }) => x.action === "overturn").actor).toBe("jury");
    // a paid claim cannot be withdrawn: a problem with a stable type, and nothing changes
    const w = await post(`/claims/${claimId}/withdraw`, applicant.auth, {});
    expect(w.statusCode).toBe(409);
    expect(w.json()).toMatchObject({
      code: "claim_wrong_state",
      type: "https://huzhu.dev/problems/claim-wrong-state",
    });
    const after = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(after.transitions).toHaveLength(c.transitions.length);
    expect(after.state).toBe("paid");
  });
});
