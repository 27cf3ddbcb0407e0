import { describe, expect, it } from "vitest";
import {
  applicant,
  at,
  claimCount,
  get,
  jurors,
  post,
  reviewer,
  setNow,
  useClaimsStory,
} from "../support/claims.ts";

useClaimsStory("waiting");

let claimId: number;

describe("report", () => {
  it("a report on day 31 after the diagnosis is refused and records nothing; day 30 is accepted", async () => {
    await setNow(at("2020-07-01"));
    const before = await claimCount();
    // 2020-05-31 → 2020-07-01 is 31 days
    const late = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-05-31",
    });
    expect(late.statusCode).toBe(422);
    expect(late.headers["content-type"]).toContain("application/problem+json");
    expect(late.json()).toMatchObject({ code: "claim_deadline_passed", field: "diagnosedOn" });
    expect(await claimCount()).toBe(before);
    // 2020-06-01 → 2020-07-01 is 30 days
    const r = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
      description: "确诊恶性肿瘤，住院治疗",
    });
    expect(r.statusCode).toBe(201);
    claimId = r.json().claimId;
    expect(r.json()).toMatchObject({
      state: "reported",
      ruleVersion: "2020-01-01",
      nameMasked: "李*",
      // documents are due 7 days after the report
      deadlines: { documentsDueOn: "2020-07-08" },
      description: "确诊恶性肿瘤，住院治疗",
    });
  });

  it("refuses: bad body naming the field, someone else's participation, a second report, wrong roles", async () => {
    const bad = await post("/claims", applicant.auth, {
      participationId: "x",
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("participationId");
    const theirs = await post("/claims", jurors[0]!.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(theirs.statusCode).toBe(404);
    const dup = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-02",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("claim_duplicate");
    expect(
      (await post("/claims", reviewer, { participationId: 1, event: "major", diagnosedOn: "2020-06-01" }))
        .statusCode,
    ).toBe(403);
    expect((await post(`/claims/${claimId}/decision`, applicant.auth, {})).statusCode).toBe(403);
    expect((await get(`/claims/${claimId}`, jurors[0]!.auth)).statusCode).toBe(404);
    const early = await post(`/claims/${claimId}/submit`, applicant.auth);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("documents_missing");
  });
});
