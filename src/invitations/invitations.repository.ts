import type { Queryable, Tx } from "../store/db.ts";

async function insertCodes(
  tx: Tx,
  c: { planId: string; codes: readonly string[]; memberId: number | null; staffId: number | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO invitation_codes (plan_id, code, issued_by, issued_by_staff, issued_at)
     SELECT $1, unnest($2::text[]), $3, $4, $5`,
    [c.planId, c.codes, c.memberId, c.staffId, c.at],
  );
}

/** A member's codes in the plan that nobody has used yet. */
async function unusedOfMember(q: Queryable, planId: string, memberId: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM invitation_codes WHERE plan_id = $1 AND issued_by = $2 AND used_at IS NULL",
    [planId, memberId],
  );
  return rows[0]?.n ?? 0;
}

/** Uses a code once: returns false when there is no such code or it was used (the row lock orders joins). */
async function useCode(tx: Tx, u: { planId: string; code: string; memberId: number; at: Date }) {
  const r = await tx.query(
    `UPDATE invitation_codes SET used_by = $3, used_at = $4
     WHERE plan_id = $1 AND code = $2 AND used_at IS NULL`,
    [u.planId, u.code, u.memberId, u.at],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The plan's codes counted: issued by staff, by members, used. */
async function counts(q: Queryable, planId: string) {
  const { rows } = await q.query<{ issued: number; byStaff: number; byMembers: number; used: number }>(
    `SELECT count(*)::int AS issued, count(issued_by_staff)::int AS "byStaff", count(issued_by)::int AS "byMembers",
            count(used_at)::int AS used
     FROM invitation_codes WHERE plan_id = $1`,
    [planId],
  );
  return rows[0]!;
}

/** The codes a member issued in a plan, newest first, with whether each was used. */
async function codesOfMember(q: Queryable, planId: string, memberId: number) {
  const { rows } = await q.query<{ code: string; issuedAt: Date | null; used: boolean }>(
    `SELECT code, issued_at AS "issuedAt", used_at IS NOT NULL AS used FROM invitation_codes
     WHERE plan_id = $1 AND issued_by = $2 ORDER BY issued_at DESC, code`,
    [planId, memberId],
  );
  return rows;
}

export const invitationRepository = Object.freeze({
  insertCodes,
  unusedOfMember,
  useCode,
  counts,
  codesOfMember,
});
