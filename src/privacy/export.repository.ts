import type { Queryable } from "../store/db.ts";

/** A member's row as the export and the erasure read it: the ciphertexts, the masks, the erased state. */
export type HeldMember = {
  memberId: number;
  kind: string;
  guardianId: number | null;
  relation: string | null;
  pseudonym: string;
  birthDate: string;
  sex: string;
  personalCipher: Buffer | null;
  idCipher: Buffer | null;
  nameCipher: Buffer | null;
  mobileCipher: Buffer | null;
  mobileLookup: Buffer | null;
  createdAt: Date;
  diedOn: string | null;
  erasedAt: Date | null;
  evidenceKeptUntil: string | null;
  evidenceDeletedAt: Date | null;
};

const MEMBER = `member_id::int AS "memberId", kind, guardian_id::int AS "guardianId", relation, pseudonym,
  birth_date AS "birthDate", sex, personal_cipher AS "personalCipher", id_cipher AS "idCipher",
  name_cipher AS "nameCipher", mobile_cipher AS "mobileCipher", mobile_lookup AS "mobileLookup",
  created_at AS "createdAt", died_on AS "diedOn", erased_at AS "erasedAt",
  evidence_kept_until AS "evidenceKeptUntil", evidence_deleted_at AS "evidenceDeletedAt"`;

type Row = Record<string, unknown>;

const rowsOf = async <T = Row>(q: Queryable, sql: string, key: number | string): Promise<T[]> =>
  (await q.query<T & Row>(sql, [key])).rows;

/**
 * Everything held about one member, table by table: the export is the one reader of every member-scoped
 * table (documented cross-reads; each feature's repository still owns its writes). No statement returns
 * a lookup hash, a token hash or a code hash; ciphertexts come back only where the export decrypts them
 * for the member (their identity, email, claim descriptions, objection grounds).
 */
export const exportRepository = Object.freeze({
  async member(q: Queryable, memberId: number): Promise<HeldMember | undefined> {
    const { rows } = await q.query<HeldMember>(`SELECT ${MEMBER} FROM members WHERE member_id = $1`, [
      memberId,
    ]);
    return rows[0];
  },
  async lockMember(q: Queryable, memberId: number): Promise<HeldMember | undefined> {
    const { rows } = await q.query<HeldMember>(
      `SELECT ${MEMBER} FROM members WHERE member_id = $1 FOR UPDATE`,
      [memberId],
    );
    return rows[0];
  },
  dependants: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT member_id::int AS "memberId", relation, pseudonym, erased_at AS "erasedAt"
       FROM members WHERE guardian_id = $1 ORDER BY member_id`,
      memberId,
    ),
  consents: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT consent_id::int AS "consentId", member_id::int AS "memberId", given_by::int AS "givenBy",
              text_version AS "textVersion", given_at AS "givenAt"
       FROM consents WHERE member_id = $1 OR given_by = $1 ORDER BY consent_id`,
      memberId,
    ),
  identityClaims: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT member_id::int AS "memberId", former_guardian::int AS "formerGuardian", relation, at
       FROM identity_claims WHERE member_id = $1 OR former_guardian = $1 ORDER BY claim_id`,
      memberId,
    ),
  participations: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT participation_id::int AS "participationId", plan_id AS "planId", tier, joined_on AS "joinedOn",
              covered_from AS "coveredFrom", rule_version AS "ruleVersion", status, suspended_on AS "suspendedOn",
              ended_on AS "endedOn", end_reason AS "endReason", declaration,
              declaration_version AS "declarationVersion", invitation_code AS "invitationCode",
              share_mode AS "shareMode", share_limit_fen AS "shareLimitFen"
       FROM participations WHERE member_id = $1 ORDER BY participation_id`,
      memberId,
    ),
  participationEvents: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT participation_id::int AS "participationId", kind, on_date AS "onDate", reason, at
       FROM participation_events WHERE member_id = $1 ORDER BY event_id`,
      memberId,
    ),
  claims: (q: Queryable, memberId: number) =>
    rowsOf<{ claimId: number; descriptionCipher: Buffer | null } & Row>(
      q,
      `SELECT claim_id::int AS "claimId", plan_id AS "planId", participation_id::int AS "participationId",
              event, diagnosed_on AS "diagnosedOn", reported_on AS "reportedOn", after_death AS "afterDeath",
              rule_version AS "ruleVersion", state, benefit_fen AS "benefitFen", decided_on AS "decidedOn",
              decision, deposit_fen AS "depositFen", deposit_status AS "depositStatus",
              description_cipher AS "descriptionCipher"
       FROM claims WHERE member_id = $1 ORDER BY claim_id`,
      memberId,
    ),
  claimDocuments: (q: Queryable, memberId: number) =>
    rowsOf<{ claimId: number } & Row>(
      q,
      `SELECT d.claim_id::int AS "claimId", d.sha256, d.content_type AS "contentType", d.size_bytes AS "sizeBytes",
              d.kind, d.at
       FROM claim_documents d JOIN claims c USING (claim_id) WHERE c.member_id = $1 ORDER BY d.at, d.sha256`,
      memberId,
    ),
  shares: (q: Queryable, memberId: number) =>
    rowsOf<{ cycleId: number } & Row>(
      q,
      `SELECT cycle_id::int AS "cycleId", weight, share_fen AS "shareFen", status
       FROM cycle_shares WHERE member_id = $1 ORDER BY cycle_id`,
      memberId,
    ),
  payments: (q: Queryable, memberId: number) =>
    rowsOf<{ kind: string } & Row>(
      q,
      `SELECT request_id::int AS "requestId", kind, amount_fen AS "amountFen", status, plan_id AS "planId",
              failure_reason AS "failureReason", created_at AS "createdAt", settled_at AS "settledAt"
       FROM payment_requests WHERE member_id = $1 ORDER BY request_id`,
      memberId,
    ),
  balances: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT a.account_id AS "accountId", a.kind, a.plan_id AS "planId", coalesce(b.balance_fen, 0) AS "balanceFen"
       FROM ledger_accounts a LEFT JOIN account_balances b USING (account_id)
       WHERE a.member_id = $1 ORDER BY a.account_id`,
      memberId,
    ),
  mandates: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT status, agreement_ref AS "agreementRef", signed_at AS "signedAt", expires_at AS "expiresAt",
              revoked_at AS "revokedAt"
       FROM debit_authorisations WHERE member_id = $1`,
      memberId,
    ),
  disputes: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT dispute_id::int AS "disputeId", cycle_id::int AS "cycleId", amount_fen AS "amountFen", reason, status,
              opened_at AS "openedAt", decided_at AS "decidedAt"
       FROM deduction_disputes WHERE member_id = $1 ORDER BY dispute_id`,
      memberId,
    ),
  notifications: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT n.notification_id::int AS "notificationId", n.kind, n.plan_id AS "planId", n.title, n.body,
              n.created_at AS "createdAt", r.read_at AS "readAt"
       FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.notification_id AND r.member_id = $1
       WHERE n.member_id = $1 ORDER BY n.notification_id`,
      memberId,
    ),
  preferences: (q: Queryable, memberId: number) =>
    rowsOf<{ emailCipher: Buffer | null } & Row>(
      q,
      `SELECT sms, email, email_cipher AS "emailCipher", kinds FROM notification_preferences WHERE member_id = $1`,
      memberId,
    ),
  ballots: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT proposal_id::int AS "proposalId", seq, in_favour AS "inFavour", at
       FROM ballots WHERE member_id = $1 ORDER BY proposal_id, seq`,
      memberId,
    ),
  comments: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT comment_id::int AS "commentId", proposal_id::int AS "proposalId", text, at
       FROM proposal_comments WHERE member_id = $1 ORDER BY comment_id`,
      memberId,
    ),
  juries: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT j.claim_id::int AS "claimId", j.draw_order AS "drawOrder", v.in_favour AS "inFavour", v.at AS "votedAt"
       FROM jurors j LEFT JOIN jury_votes v USING (claim_id, member_id) WHERE j.member_id = $1 ORDER BY j.claim_id`,
      memberId,
    ),
  objections: (q: Queryable, memberId: number) =>
    rowsOf<{ groundsCipher: Buffer } & Row>(
      q,
      `SELECT claim_id::int AS "claimId", grounds_cipher AS "groundsCipher", at, resolved
       FROM claim_objections WHERE member_id = $1 ORDER BY objection_id`,
      memberId,
    ),
  dependantRequests: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT request_id::int AS "requestId", relation, state, name_masked AS "nameMasked", consent_version AS "consentVersion",
              dependant_id::int AS "dependantId", refusal, created_at AS "createdAt", decided_at AS "decidedAt"
       FROM dependant_requests WHERE member_id = $1 ORDER BY request_id`,
      memberId,
    ),
  sessions: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT created_at AS "createdAt", expires_at AS "expiresAt"
       FROM sessions WHERE principal_kind = 'member' AND principal_id = $1 ORDER BY created_at`,
      memberId,
    ),
  logEntries: (q: Queryable, pseudonym: string) =>
    rowsOf<{ index: number } & Row>(
      q,
      `SELECT idx::int AS "index", kind, created_at AS "at" FROM log_entries WHERE member = $1 ORDER BY idx`,
      pseudonym,
    ),
  staffReads: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT actor_kind AS "actorKind", data, purpose, at FROM personal_data_reads WHERE subject_id = $1 ORDER BY read_id`,
      memberId,
    ),
  erasureRequests: (q: Queryable, memberId: number) =>
    rowsOf(
      q,
      `SELECT request_id::int AS "requestId", status, requested_at AS "requestedAt", decided_at AS "decidedAt", reason
       FROM erasure_requests WHERE member_id = $1 ORDER BY request_id`,
      memberId,
    ),
});
