import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  applicant,
  claimId,
  get,
  investigator,
  investigatorId,
  operator,
  otherReviewer,
  PDF,
  post,
  reviewer,
  reviewerId,
  t,
  useClaimsStory,
} from "../support/claims.ts";

useClaimsStory("documents");

describe("review, investigation, decision", () => {
  it("starts the review with its working-day limit; the operator assigns the reviewer and complexity", async () => {
    const s = await post(`/claims/${claimId}/submit`, applicant.auth);
    expect(s.statusCode).toBe(200);
    // 2020-07-01 is a Wednesday: 30 working days = 6 weeks → 2020-08-12
    expect(s.json()).toMatchObject({
      state: "review",
      complexity: "clear",
      deadlines: { reviewDueOn: "2020-08-12" },
    });
    const a = await post(`/claims/${claimId}/assignment`, operator, { reviewerId, complexity: "complex" });
    // 60 working days = 12 weeks → 2020-09-23
    expect(a.json()).toMatchObject({
      reviewerId,
      complexity: "complex",
      deadlines: { reviewDueOn: "2020-09-23" },
    });
    const notMine = await post(`/claims/${claimId}/decision`, otherReviewer, { note: "" });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe("not_assigned");
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect((await get(`/claims/${claimId}/documents/${sha}`, reviewer)).statusCode).toBe(200);
  });

  it("an investigation's findings (not proven) lead to a refusal with a reason and an appeal deadline", async () => {
    const i = await post(`/claims/${claimId}/investigation`, reviewer, {
      investigatorId,
      reason: "hospital records needed",
    });
    expect(i.json().state).toBe("investigation");
    const wrong = await post(`/claims/${claimId}/findings`, investigator, { findings: "x" });
    expect(wrong.statusCode).toBe(400);
    const f = await post(`/claims/${claimId}/findings`, investigator, {
      findings: "病理报告缺失",
      expertOpinion: "无法确认诊断",
      diagnosisProven: false,
      preExisting: false,
      falseClaim: false,
    });
    expect(f.statusCode).toBe(200);
    expect(f.json().findings[0]).toMatchObject({ findings: "病理报告缺失", expertOpinion: "无法确认诊断" });
    const d = await post(`/claims/${claimId}/decision`, reviewer, { note: "pathology report missing" });
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { approved: false, reason: "not_proven", by: "reviewer" },
      // decided 07-01, appeal within 15 days
      deadlines: { appealDueOn: "2020-07-16" },
    });
    // the findings are stored encrypted
    const raw = await t.db.pool.query("SELECT findings_cipher FROM claim_findings WHERE claim_id = $1", [
      claimId,
    ]);
    expect(raw.rows[0].findings_cipher.includes(Buffer.from("病理报告"))).toBe(false);
  });

  it("each step carries its reason code and parameters beside the English; the refusal's is not_proven", async () => {
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    const step = (action: string) => c.transitions.find((x: { action: string }) => x.action === action);
    expect(step("reject")).toMatchObject({
      reason: "not_proven: the documents do not prove the diagnosis (pathology report missing)",
      reasonCode: "not_proven",
      reasonParams: { note: "pathology report missing" },
    });
    expect(c.decision).toMatchObject({
      reason: "not_proven",
      reasonCode: "not_proven",
      reasonParams: { note: "pathology report missing" },
      explanation: "the documents do not prove the diagnosis (pathology report missing)",
    });
    expect(step("assign")).toMatchObject({
      reason: `reviewer ${reviewerId}, complexity complex`,
      reasonCode: "assigned_reviewer_complexity",
      reasonParams: { reviewerId, complexity: "complex" },
    });
    expect(step("submit")).toMatchObject({ reasonCode: "submitted", reasonParams: {} });
    expect(step("report")).toMatchObject({ reasonCode: "reported" });
    // as stored: the columns of migration 171
    const rows = await t.db.pool.query(
      "SELECT reason_code, reason_params FROM claim_transitions WHERE claim_id = $1 AND action = 'reject'",
      [claimId],
    );
    expect(rows.rows).toEqual([
      { reason_code: "not_proven", reason_params: { note: "pathology report missing" } },
    ]);
  });
});
