import type { Queryable } from "../store/db.ts";

/** Whether the member has an active participation in the plan (shares in its cycles). */
async function sharesInPlan(q: Queryable, memberId: number, planId: string): Promise<boolean> {
  const { rows } = await q.query(
    "SELECT 1 FROM participations WHERE member_id = $1 AND plan_id = $2 AND status = 'active' LIMIT 1",
    [memberId, planId],
  );
  return rows.length > 0;
}

async function hasObjected(q: Queryable, claimId: number, memberId: number): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM claim_objections WHERE claim_id = $1 AND member_id = $2", [
    claimId,
    memberId,
  ]);
  return rows.length > 0;
}

/** The instants (ms) of a member's objections since a moment: the rate limit's input. */
async function objectionTimesSince(q: Queryable, memberId: number, since: Date): Promise<number[]> {
  const { rows } = await q.query<{ at: Date }>(
    "SELECT at FROM claim_objections WHERE member_id = $1 AND at > $2 ORDER BY at DESC",
    [memberId, since],
  );
  return rows.map((r) => r.at.getTime());
}

/** A claim's objections with the objector's masked name and pseudonym (the reviewer's reading). */
async function objectionsOf(q: Queryable, claimId: number) {
  const { rows } = await q.query<{
    objectionId: number;
    groundsCipher: Buffer;
    at: Date;
    nameMasked: string;
    pseudonym: string;
  }>(
    `SELECT o.objection_id::int AS "objectionId", o.grounds_cipher AS "groundsCipher", o.at,
            m.name_masked AS "nameMasked", m.pseudonym
     FROM claim_objections o JOIN members m USING (member_id) WHERE o.claim_id = $1 ORDER BY o.objection_id`,
    [claimId],
  );
  return rows;
}

async function explanationsOf(q: Queryable, claimId: number) {
  const { rows } = await q.query<{ textCipher: Buffer; at: Date }>(
    `SELECT text_cipher AS "textCipher", at FROM claim_explanations WHERE claim_id = $1 ORDER BY explanation_id`,
    [claimId],
  );
  return rows;
}

export const objectionRepository = Object.freeze({
  sharesInPlan,
  hasObjected,
  objectionTimesSince,
  objectionsOf,
  explanationsOf,
});
