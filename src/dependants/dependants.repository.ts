import type { CivilDate } from "../domain/calendar.ts";
import type { Relation } from "../domain/family.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export type DependantRequest = {
  requestId: number;
  memberId: number;
  relation: Relation;
  state: string;
  personalCipher: Buffer;
  nameMasked: string;
  mobileMasked: string | null;
  consentVersion: string;
  documentType: string | null;
  documentSha256: string | null;
  refusal: string | null;
  dependantId: number | null;
  createdAt: Date;
};

type RequestRow = {
  request_id: number;
  member_id: number;
  relation: Relation;
  state: string;
  personal_cipher: Buffer;
  name_masked: string;
  mobile_masked: string | null;
  consent_version: string;
  document_type: string | null;
  document_sha256: string | null;
  refusal: string | null;
  dependant_id: number | null;
  created_at: Date;
};

const REQUEST_COLUMNS = `request_id, member_id, relation, state, personal_cipher, name_masked, mobile_masked,
  consent_version, document_type, document_sha256, refusal, dependant_id, created_at`;

const toRequest = (r: RequestRow): DependantRequest => ({
  requestId: r.request_id,
  memberId: r.member_id,
  relation: r.relation,
  state: r.state,
  personalCipher: r.personal_cipher,
  nameMasked: r.name_masked,
  mobileMasked: r.mobile_masked,
  consentVersion: r.consent_version,
  documentType: r.document_type,
  documentSha256: r.document_sha256,
  refusal: r.refusal,
  dependantId: r.dependant_id,
  createdAt: r.created_at,
});

export type NewRequest = {
  memberId: number;
  relation: Relation;
  state: "awaiting_code" | "awaiting_document";
  idLookup: Buffer;
  personalCipher: Buffer;
  nameMasked: string;
  mobileMasked: string | null;
  birthDate: CivilDate;
  sex: string;
  consentVersion: string;
  codeHash: Buffer | null;
  codeExpiresAt: Date | null;
  createdAt: Date;
};

export type ReviewItem = {
  requestId: number;
  memberId: number;
  relation: string;
  nameMasked: string;
  childAge: number;
  sex: string;
  guardianAge: number;
  guardianName: string;
  personalCipher: Buffer;
  documentType: string;
  documentSha256: string;
};

type ReviewRow = {
  request_id: number;
  member_id: number;
  relation: string;
  name_masked: string;
  child_age: number;
  sex: string;
  guardian_age: number;
  guardian_name: string;
  personal_cipher: Buffer;
  document_type: string;
  document_sha256: string;
};

const toReviewItem = (r: ReviewRow): ReviewItem => ({
  requestId: r.request_id,
  memberId: r.member_id,
  relation: r.relation,
  nameMasked: r.name_masked,
  childAge: r.child_age,
  sex: r.sex,
  guardianAge: r.guardian_age,
  guardianName: r.guardian_name,
  personalCipher: r.personal_cipher,
  documentType: r.document_type,
  documentSha256: r.document_sha256,
});

/**
 * Tables dependant_requests and consents. It reads members for the places a guardian holds and the
 * review queue's guardian (counts and masks, never personal data).
 */
export const dependantRepository = Object.freeze({
  /** Serialises a guardian's requests (the daily cap is counted under it). */
  async lockGuardian(tx: Tx, guardianId: number): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('dependant_requests'), $1::int)", [guardianId]);
  },

  async requestsInDayBefore(tx: Tx, guardianId: number, at: Date): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM dependant_requests WHERE member_id = $1 AND created_at > $2::timestamptz - interval '1 day'",
      [guardianId, at],
    );
    return rows[0]?.n ?? 0;
  },

  /** Dependants held and requests still holding a place (a request whose code expired or died does not). */
  async placesHeld(tx: Tx, guardianId: number, at: Date, codeAttemptsMax: number): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM members WHERE guardian_id = $1) + (SELECT count(*) FROM dependant_requests
         WHERE member_id = $1 AND (state IN ('awaiting_document', 'awaiting_review') OR (state = 'awaiting_code'
           AND code_expires_at > $2 AND code_attempts < $3)))::int AS n`,
      [guardianId, at, codeAttemptsMax],
    );
    return Number(rows[0]?.n ?? 0);
  },

  async insert(tx: Tx, r: NewRequest): Promise<DependantRequest> {
    const result = await tx.query<RequestRow>(
      `INSERT INTO dependant_requests (member_id, relation, state, id_lookup, personal_cipher, name_masked, mobile_masked,
         birth_date, sex, consent_version, code_hash, code_expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${REQUEST_COLUMNS}`,
      [
        r.memberId,
        r.relation,
        r.state,
        r.idLookup,
        r.personalCipher,
        r.nameMasked,
        r.mobileMasked,
        r.birthDate,
        r.sex,
        r.consentVersion,
        r.codeHash,
        r.codeExpiresAt,
        r.createdAt,
      ],
    );
    return toRequest(oneRow(result, "the inserted dependant request"));
  },

  async setCodeHash(tx: Tx, requestId: number, codeHash: Buffer): Promise<void> {
    await tx.query("UPDATE dependant_requests SET code_hash = $2 WHERE request_id = $1", [
      requestId,
      codeHash,
    ]);
  },

  async lockOfGuardian(tx: Tx, guardianId: number, requestId: number): Promise<DependantRequest | undefined> {
    const { rows } = await tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE request_id = $1 AND member_id = $2 FOR UPDATE`,
      [requestId, guardianId],
    );
    return rows[0] && toRequest(rows[0]);
  },

  /** Counts a try of the code (committed whatever follows); the code's hash while it is still valid. */
  async countCodeTry(
    q: Queryable,
    r: { guardianId: number; requestId: number; attemptsMax: number; at: Date },
  ): Promise<{ codeHash: Buffer; personalCipher: Buffer } | undefined> {
    const { rows } = await q.query<{ code_hash: Buffer; personal_cipher: Buffer }>(
      `UPDATE dependant_requests SET code_attempts = code_attempts + 1
       WHERE request_id = $1 AND member_id = $2 AND state = 'awaiting_code' AND code_attempts < $3 AND code_expires_at > $4
       RETURNING code_hash, personal_cipher`,
      [r.requestId, r.guardianId, r.attemptsMax, r.at],
    );
    return rows[0] && { codeHash: rows[0].code_hash, personalCipher: rows[0].personal_cipher };
  },

  async refuseDuplicate(tx: Tx, requestId: number, reviewerId: number | null, at: Date): Promise<void> {
    await tx.query(
      "UPDATE dependant_requests SET state = 'refused', refusal = 'duplicate_person', reviewer_id = $2, decided_at = $3 WHERE request_id = $1",
      [requestId, reviewerId, at],
    );
  },

  async insertConsent(tx: Tx, c: { memberId: number; givenBy: number; textVersion: string; at: Date }) {
    await tx.query(
      "INSERT INTO consents (member_id, given_by, text_version, given_at) VALUES ($1, $2, $3, $4)",
      [c.memberId, c.givenBy, c.textVersion, c.at],
    );
  },

  async markEnrolled(
    tx: Tx,
    requestId: number,
    e: { dependantId: number; reviewerId: number | null; at: Date },
  ) {
    await tx.query(
      "UPDATE dependant_requests SET state = 'enrolled', dependant_id = $2, reviewer_id = $3, decided_at = $4 WHERE request_id = $1",
      [requestId, e.dependantId, e.reviewerId, e.at],
    );
  },

  async attachDocument(
    tx: Tx,
    requestId: number,
    d: { cipher: Buffer; contentType: string; sha256: string },
  ): Promise<DependantRequest> {
    const result = await tx.query<RequestRow>(
      `UPDATE dependant_requests SET state = 'awaiting_review', document_cipher = $2, document_type = $3, document_sha256 = $4
       WHERE request_id = $1 RETURNING ${REQUEST_COLUMNS}`,
      [requestId, d.cipher, d.contentType, d.sha256],
    );
    return toRequest(oneRow(result, `dependant request ${requestId}`));
  },

  async ofGuardian(q: Queryable, guardianId: number): Promise<DependantRequest[]> {
    const { rows } = await q.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE member_id = $1 ORDER BY request_id`,
      [guardianId],
    );
    return rows.map(toRequest);
  },

  async get(q: Queryable, requestId: number): Promise<DependantRequest> {
    const result = await q.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE request_id = $1`,
      [requestId],
    );
    return toRequest(oneRow(result, `dependant request ${requestId}`));
  },

  /** The review queue, with the ages on `today` (the reviewer sees ages, never birth dates). */
  async awaitingReview(q: Queryable, today: CivilDate): Promise<ReviewItem[]> {
    const { rows } = await q.query<ReviewRow>(
      `SELECT r.request_id, r.member_id, r.relation, r.name_masked, extract(year FROM age($1::date, r.birth_date))::int AS child_age,
         r.sex, extract(year FROM age($1::date, m.birth_date))::int AS guardian_age, m.name_masked AS guardian_name,
         r.personal_cipher, r.document_type, r.document_sha256
       FROM dependant_requests r JOIN members m USING (member_id) WHERE r.state = 'awaiting_review' ORDER BY r.request_id`,
      [today],
    );
    return rows.map(toReviewItem);
  },

  async pendingReview(
    q: Queryable,
    requestId: number,
  ): Promise<{ memberId: number; documentCipher: Buffer; documentType: string } | undefined> {
    const { rows } = await q.query<{ member_id: number; document_cipher: Buffer; document_type: string }>(
      "SELECT member_id, document_cipher, document_type FROM dependant_requests WHERE request_id = $1 AND state = 'awaiting_review'",
      [requestId],
    );
    const r = rows[0];
    return r && { memberId: r.member_id, documentCipher: r.document_cipher, documentType: r.document_type };
  },

  async refuse(q: Queryable, requestId: number, r: { reason: string; reviewerId: number; at: Date }) {
    await q.query(
      "UPDATE dependant_requests SET state = 'refused', refusal = $2, reviewer_id = $3, decided_at = $4 WHERE request_id = $1 AND state = 'awaiting_review'",
      [requestId, r.reason, r.reviewerId, r.at],
    );
  },
});
