import { describe, expect, it } from "vitest";
import {
  at,
  early,
  get,
  operator,
  PDF,
  post,
  reviewer,
  reviewerId,
  setNow,
  useClaimsStory,
} from "../support/claims.ts";

useClaimsStory();

describe("a claim inside the waiting period", () => {
  it("is refused by the rules and ends the participation in the same transaction; it is not for a jury", async () => {
    await setNow(at("2020-06-10"));
    // diagnosed 2020-05-29, the last day of the 90-day waiting period
    const r = await post("/claims", early.auth, {
      participationId: early.participationId,
      event: "major",
      diagnosedOn: "2020-05-29",
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().claimId;
    expect(
      (await post(`/claims/${id}/documents`, { ...early.auth, "content-type": "application/pdf" }, PDF))
        .statusCode,
    ).toBe(201);
    expect((await post(`/claims/${id}/submit`, early.auth)).statusCode).toBe(200);
    expect((await post(`/claims/${id}/assignment`, operator, { reviewerId })).statusCode).toBe(200);
    const d = await post(`/claims/${id}/decision`, reviewer, { note: "" });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { approved: false, reason: "waiting_period" },
    });
    const p = await get(`/participations/${early.participationId}`, early.auth);
    expect(p.json()).toMatchObject({ status: "ended", endedOn: "2020-06-10" });
    const a = await post(`/claims/${id}/appeal`, early.auth);
    expect(a.statusCode).toBe(409);
    expect(a.json().code).toBe("not_appealable");
  });
});
