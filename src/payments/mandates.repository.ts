import { SHARE_STATUS_SQL as S } from "../domain/cycle/share-status.ts";
import type { Queryable } from "../store/db.ts";

export type AuthorisationRow = {
  status: "signed" | "revoked" | "expired";
  agreementRef: string;
  signedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

const COLUMNS = `status, agreement_ref AS "agreementRef", signed_at AS "signedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** Table debit_authorisations: a member's 代扣 agreement as the provider last answered. */
export const mandateRepository = Object.freeze({
  async byMember(q: Queryable, memberId: number): Promise<AuthorisationRow | undefined> {
    const { rows } = await q.query<AuthorisationRow>(
      `SELECT ${COLUMNS} FROM debit_authorisations WHERE member_id = $1`,
      [memberId],
    );
    return rows[0];
  },

  async store(
    q: Queryable,
    memberId: number,
    a: { status: string; agreementRef: string; signedAt: Date; expiresAt: Date; revokedAt: Date | null },
  ): Promise<void> {
    await q.query(
      `INSERT INTO debit_authorisations (member_id, status, agreement_ref, signed_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id) DO UPDATE SET status = excluded.status, agreement_ref = excluded.agreement_ref,
         signed_at = excluded.signed_at, expires_at = excluded.expires_at, revoked_at = excluded.revoked_at`,
      [memberId, a.status, a.agreementRef, a.signedAt, a.expiresAt, a.revokedAt],
    );
  },

  async revoke(q: Queryable, memberId: number, at: Date): Promise<void> {
    await q.query(
      "UPDATE debit_authorisations SET status = 'revoked', revoked_at = $2 WHERE member_id = $1",
      [memberId, at],
    );
  },

  /**
   * A cycle's due shares of members whose authorisation was revoked or has expired by `at`, made
   * unconfirmed: collection then treats them as the plan's rule for an unconfirmed share says.
   */
  async unconfirmWithoutAuthorisation(q: Queryable, cycleId: number, at: Date): Promise<number> {
    const r = await q.query(
      `UPDATE cycle_shares s SET status = ${S.unconfirmed}
       FROM debit_authorisations a
       WHERE s.cycle_id = $1 AND s.status = ${S.due} AND s.share_fen > 0 AND a.member_id = s.member_id
         AND (a.status <> 'signed' OR a.expires_at <= $2)`,
      [cycleId, at],
    );
    return r.rowCount ?? 0;
  },
});
