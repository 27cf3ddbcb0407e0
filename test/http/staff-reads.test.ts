import { describe, expect, it } from "vitest";
import { registerMember, residentId, staffToken } from "../support/app.ts";
import { claimWithDocument } from "../support/privacy.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const newestStaffId = async () =>
  (await t.db.pool.query("SELECT staff_id FROM staff ORDER BY staff_id DESC LIMIT 1")).rows[0]
    .staff_id as number;
const reads = async () =>
  (
    await t.db.pool.query(
      "SELECT actor_id, action, target FROM audit_trail WHERE action LIKE 'read %' ORDER BY audit_id",
    )
  ).rows;

describe("each staff read of personal data in plain is in the audit trail", () => {
  it("a claim's description and documents, read by its assigned reviewer; nothing for others or the applicant", async () => {
    const m = await registerMember(t, "13100000801", residentId("1990-01-01", 801), "许一");
    const reviewer = await staffToken(t, ["reviewer"]);
    const reviewerId = await newestStaffId();
    const other = await staffToken(t, ["reviewer"]);
    const { claimId, sha, upload } = await claimWithDocument(t, m, { description: "病情描述", reviewerId });
    expect(upload.statusCode).toBe(201);
    // the applicant's own reads are not recorded; an unassigned reviewer sees no text and no document
    await t.app.inject({ method: "GET", url: `/claims/${claimId}`, headers: m.auth });
    const unprivy = await t.app.inject({ method: "GET", url: `/claims/${claimId}`, headers: other });
    expect(unprivy.json().description).toBeUndefined();
    expect(
      (await t.app.inject({ method: "GET", url: `/claims/${claimId}/documents/${sha}`, headers: other }))
        .statusCode,
    ).toBe(404);
    expect(await reads()).toEqual([]);
    const view = await t.app.inject({ method: "GET", url: `/claims/${claimId}`, headers: reviewer });
    expect(view.json().description).toBe("病情描述");
    const doc = await t.app.inject({
      method: "GET",
      url: `/claims/${claimId}/documents/${sha}`,
      headers: reviewer,
    });
    expect(doc.statusCode).toBe(200);
    expect(await reads()).toEqual([
      { actor_id: reviewerId, action: "read claim_personal_text", target: JSON.stringify({ claimId }) },
      {
        actor_id: reviewerId,
        action: "read claim_document",
        target: JSON.stringify({ claimId, sha256: sha }),
      },
    ]);
    // one row per read: the reviewer's two GETs add no row by route beside what they read
    const byReviewer = await t.db.pool.query(
      "SELECT action FROM audit_trail WHERE actor_id = $1 ORDER BY audit_id",
      [reviewerId],
    );
    expect(byReviewer.rows.map((r) => r.action)).toEqual(["read claim_personal_text", "read claim_document"]);
  });
});
