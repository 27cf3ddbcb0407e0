import { encryptPersonal } from "../../src/secrets.ts";
import { GUARDIANSHIP_PDF, type TestApp } from "./app.ts";

/**
 * The personal-data tests' claim: in `documents` on an active 相互宝 participation (inserted unless one
 * is given), its description encrypted, assigned to a reviewer if one is named, and one document
 * uploaded by the applicant. The upload's answer comes back for the test to check.
 */
export async function claimWithDocument(
  t: TestApp,
  m: { memberId: number; auth: Record<string, string> },
  o: { description: string; reviewerId?: number; participationId?: number },
) {
  const participationId =
    o.participationId ??
    (
      await t.db.pool.query(
        "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
        [m.memberId],
      )
    ).rows[0].participation_id;
  const c = await t.db.pool.query(
    `INSERT INTO claims (participation_id, member_id, plan_id, event, diagnosed_on, reported_on, rule_version, state,
       documents_due_on, description_cipher, reviewer_id)
     VALUES ($1, $2, 'xianghubao', 'major', '2020-02-20', '2020-02-21', '2018-10-16', 'documents', '2020-03-30', $3, $4)
     RETURNING claim_id`,
    [participationId, m.memberId, encryptPersonal(t.deps.secrets, o.description), o.reviewerId ?? null],
  );
  const claimId = c.rows[0].claim_id as number;
  const upload = await t.app.inject({
    method: "POST",
    url: `/claims/${claimId}/documents`,
    headers: { ...m.auth, "content-type": "application/pdf" },
    payload: GUARDIANSHIP_PDF,
  });
  return { claimId, upload, sha: upload.json().sha256 as string };
}
