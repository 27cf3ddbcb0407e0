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

/**
 * A plan's claims that members objected to, the latest objection first: the masked case (as the
 * announcement showed it), its state now, and how many objections it drew. Never the grounds' text.
 */
async function objectedCases(q: Queryable, planId: string, limit: number) {
  const { rows } = await q.query<{
    claimId: number;
    nameMasked: string;
    birthDate: string;
    event: string;
    diagnosedOn: string;
    state: string;
    benefitFen: number | null;
    objections: number;
    lastObjectedAt: Date;
  }>(
    `SELECT c.claim_id AS "claimId", m.name_masked AS "nameMasked", m.birth_date::text AS "birthDate", c.event,
       c.diagnosed_on::text AS "diagnosedOn", c.state, c.benefit_fen AS "benefitFen", o.n AS objections,
       o.last AS "lastObjectedAt"
     FROM (SELECT claim_id, count(*)::int AS n, max(at) AS last FROM claim_objections GROUP BY claim_id) o
     JOIN claims c USING (claim_id) JOIN members m USING (member_id)
     WHERE c.plan_id = $1 ORDER BY o.last DESC, c.claim_id DESC LIMIT $2`,
    [planId, limit],
  );
  return rows;
}

export const objectionRepository = Object.freeze({
  objectedCases,
  sharesInPlan,
  hasObjected,
  objectionTimesSince,
  objectionsOf,
  explanationsOf,
});
