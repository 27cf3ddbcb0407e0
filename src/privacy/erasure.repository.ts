import type { ErasureFacts } from "../domain/erasure.ts";
import type { Queryable, Tx } from "../store/db.ts";

export type ErasureRequest = {
  requestId: number;
  memberId: number;
  requestedBy: number;
  status: "requested" | "refused" | "erased";
  requestedAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
  reason: string | null;
};

const REQUEST = `request_id::int AS "requestId", member_id::int AS "memberId", requested_by::int AS "requestedBy",
  status, requested_at AS "requestedAt", decided_by::int AS "decidedBy", decided_at AS "decidedAt", reason`;

/**
 * Erasure (table erasure_requests, and the erased state of members). Executing one writes the tables
 * of other features — members' contact columns, sessions, codes, outboxes, notification contents,
 * idempotent answers, dependant requests — as documented cross-writes: the one place that removes a
 * person, in one transaction.
 */
export const erasureRepository = Object.freeze({
  async insertRequest(
    tx: Tx,
    r: { memberId: number; requestedBy: number; at: Date },
  ): Promise<ErasureRequest> {
    const { rows } = await tx.query<ErasureRequest>(
      `INSERT INTO erasure_requests (member_id, requested_by, status, requested_at)
       VALUES ($1, $2, 'requested', $3) RETURNING ${REQUEST}`,
      [r.memberId, r.requestedBy, r.at],
    );
    return rows[0]!;
  },

  async openRequestOf(q: Queryable, memberId: number): Promise<ErasureRequest | undefined> {
    const { rows } = await q.query<ErasureRequest>(
      `SELECT ${REQUEST} FROM erasure_requests WHERE member_id = $1 AND status = 'requested'`,
      [memberId],
    );
    return rows[0];
  },

  async lockRequest(tx: Tx, requestId: number): Promise<ErasureRequest | undefined> {
    const { rows } = await tx.query<ErasureRequest>(
      `SELECT ${REQUEST} FROM erasure_requests WHERE request_id = $1 FOR UPDATE`,
      [requestId],
    );
    return rows[0];
  },

  async list(q: Queryable, status: string, limit: number): Promise<ErasureRequest[]> {
    const { rows } = await q.query<ErasureRequest>(
      `SELECT ${REQUEST} FROM erasure_requests WHERE status = $1 ORDER BY request_id LIMIT $2`,
      [status, limit],
    );
    return rows;
  },

  async decide(
    tx: Tx,
    requestId: number,
    d: { status: "refused" | "erased"; decidedBy: number; at: Date; reason: string | null },
  ): Promise<ErasureRequest> {
    const { rows } = await tx.query<ErasureRequest>(
      `UPDATE erasure_requests SET status = $2, decided_by = $3, decided_at = $4, reason = $5
       WHERE request_id = $1 RETURNING ${REQUEST}`,
      [requestId, d.status, d.decidedBy, d.at, d.reason],
    );
    return rows[0]!;
  },

  /** What the member still has open (domain/erasure.ts erasureBlockers decides). */
  async facts(q: Queryable, memberId: number): Promise<ErasureFacts> {
    const { rows } = await q.query<ErasureFacts>(
      `SELECT
         (SELECT count(*)::int FROM participations WHERE member_id = $1 AND status <> 'ended') AS "openParticipations",
         (SELECT count(*)::int FROM claims WHERE member_id = $1
            AND state NOT IN ('paid', 'rejected', 'withdrawn', 'lapsed')) AS "openClaims",
         (SELECT count(*)::int FROM payment_requests WHERE member_id = $1 AND status = 'pending') AS "pendingPayments",
         (SELECT count(*)::int FROM ledger_accounts a JOIN account_balances b USING (account_id)
            WHERE a.member_id = $1 AND b.balance_fen <> 0) AS "unsettledAccounts",
         (SELECT count(*)::int FROM deduction_disputes WHERE member_id = $1 AND status = 'open') AS "openDisputes",
         (SELECT count(*)::int FROM members WHERE guardian_id = $1 AND erased_at IS NULL) AS "liveDependants",
         (SELECT count(*)::int FROM dependant_requests WHERE member_id = $1
            AND state IN ('awaiting_code', 'awaiting_document', 'awaiting_review')) AS "pendingDependantRequests"`,
      [memberId],
    );
    return rows[0]!;
  },

  /** The member row keeps its id, pseudonym, birth date and sex; the identity evidence, re-encrypted. */
  async eraseMember(
    tx: Tx,
    memberId: number,
    e: { evidenceCipher: Buffer; at: Date; keptUntil: string; nameMasked: string; idMasked: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE members SET personal_cipher = $2, id_cipher = NULL, name_cipher = NULL, mobile_cipher = NULL,
         mobile_lookup = NULL, mobile_masked = NULL, mobile_used_at = NULL, id_lookup = NULL,
         name_masked = $3, id_masked = $4, erased_at = $5, evidence_kept_until = $6
       WHERE member_id = $1`,
      [memberId, e.evidenceCipher, e.nameMasked, e.idMasked, e.at, e.keptUntil],
    );
  },

  /** Everything else held only to reach or serve the person: gone, or emptied where a fact stays. */
  async removeContactData(tx: Tx, memberId: number, mobileLookup: Buffer | null): Promise<void> {
    await tx.query("DELETE FROM sessions WHERE principal_kind = 'member' AND principal_id = $1", [memberId]);
    await tx.query("DELETE FROM idempotency_keys WHERE principal = $1", [`member:${memberId}`]);
    if (mobileLookup) {
      await tx.query("DELETE FROM otp_codes WHERE mobile_lookup = $1", [mobileLookup]);
      await tx.query("DELETE FROM sms_outbox WHERE mobile_lookup = $1", [mobileLookup]);
    }
    await tx.query("DELETE FROM notification_preferences WHERE member_id = $1", [memberId]);
    await tx.query("DELETE FROM notification_reads WHERE member_id = $1", [memberId]);
    // that a notice was sent, of which kind and when, stays; what it said goes
    await tx.query("UPDATE notifications SET title = '', body = '' WHERE member_id = $1", [memberId]);
    await tx.query("DELETE FROM dependant_requests WHERE member_id = $1 OR dependant_id = $1", [memberId]);
  },

  /** Erased members whose evidence retention ended before `today`: the evidence is deleted. */
  async deleteExpiredEvidence(q: Queryable, today: string, at: Date): Promise<number[]> {
    const { rows } = await q.query<{ memberId: number }>(
      `UPDATE members SET personal_cipher = NULL, id_cipher = NULL, name_cipher = NULL, evidence_deleted_at = $2
       WHERE evidence_kept_until < $1 AND evidence_deleted_at IS NULL
       RETURNING member_id::int AS "memberId"`,
      [today, at],
    );
    return rows.map((r) => r.memberId);
  },
});
