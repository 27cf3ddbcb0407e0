import { describe, expect, it } from "vitest";
import { encryptPersonal } from "../../src/secrets.ts";
import { GUARDIANSHIP_PDF, registerMember, residentId, staffToken } from "../support/app.ts";
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
    const p = await t.db.pool.query(
      "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
      [m.memberId],
    );
    const c = await t.db.pool.query(
      `INSERT INTO claims (participation_id, member_id, plan_id, event, diagnosed_on, reported_on, rule_version, state,
         documents_due_on, description_cipher, reviewer_id)
       VALUES ($1, $2, 'xianghubao', 'major', '2020-02-20', '2020-02-21', '2018-10-16', 'documents', '2020-03-30', $3, $4)
       RETURNING claim_id`,
      [p.rows[0].participation_id, m.memberId, encryptPersonal(t.deps.secrets, "病情描述"), reviewerId],
    );
    const claimId = c.rows[0].claim_id as number;
    const up = await t.app.inject({
      method: "POST",
      url: `/claims/${claimId}/documents`,
      headers: { ...m.auth, "content-type": "application/pdf" },
      payload: GUARDIANSHIP_PDF,
    });
    expect(up.statusCode).toBe(201);
    const sha = up.json().sha256 as string;
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
