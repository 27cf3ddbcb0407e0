import type { Queryable } from "../store/db.ts";

export type SignalRow = {
  kind: "same_person_diagnosis" | "shared_document";
  otherClaimId: number;
  otherPlanId: string;
  otherState: string;
  sha256: string | null;
};

/**
 * The other claims a claim should be read beside: the same member (one person, one account) in another
 * plan with the same event or the same diagnosis date (plans name their events differently), and any
 * other claim holding a document with the same SHA-256.
 */
async function signalsOf(q: Queryable, claimId: number): Promise<SignalRow[]> {
  const { rows } = await q.query<SignalRow>(
    `SELECT 'same_person_diagnosis' AS kind, o.claim_id::int AS "otherClaimId", o.plan_id AS "otherPlanId",
            o.state AS "otherState", NULL AS sha256
     FROM claims c JOIN claims o ON o.member_id = c.member_id AND o.plan_id <> c.plan_id
       AND (o.event = c.event OR o.diagnosed_on = c.diagnosed_on)
     WHERE c.claim_id = $1
     UNION ALL
     SELECT 'shared_document', o.claim_id::int, oc.plan_id, oc.state, d.sha256
     FROM claim_documents d JOIN claim_documents o ON o.sha256 = d.sha256 AND o.claim_id <> d.claim_id
       JOIN claims oc ON oc.claim_id = o.claim_id
     WHERE d.claim_id = $1
     ORDER BY 2, 1, 5`,
    [claimId],
  );
  return rows;
}

export const signalsRepository = Object.freeze({ signalsOf });
