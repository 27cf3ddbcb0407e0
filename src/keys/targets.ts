/*
 * What each key rotation walks (issue 20). Every column holding a personal-data ciphertext is named here
 * (test/keys/targets.test.ts checks the database has no other `*_cipher` column), with its table's
 * primary key, the cursor of the batches. The lookup-hash rotation recomputes each hash from the
 * ciphertext beside it.
 */

/** A table's primary key columns with their SQL types (the cursor's casts). */
export type PrimaryKey = readonly { readonly column: string; readonly type: "bigint" | "text" }[];

export type CipherTarget = {
  readonly table: string;
  readonly key: PrimaryKey;
  readonly columns: readonly string[];
};

const id = (column: string): PrimaryKey => [{ column, type: "bigint" }];

export const CIPHER_TARGETS: readonly CipherTarget[] = [
  {
    table: "members",
    key: id("member_id"),
    columns: ["personal_cipher", "id_cipher", "name_cipher", "mobile_cipher"],
  },
  { table: "dependant_requests", key: id("request_id"), columns: ["personal_cipher", "document_cipher"] },
  { table: "claims", key: id("claim_id"), columns: ["description_cipher"] },
  { table: "claim_findings", key: id("finding_id"), columns: ["findings_cipher", "opinion_cipher"] },
  { table: "claim_objections", key: id("objection_id"), columns: ["grounds_cipher"] },
  { table: "claim_explanations", key: id("explanation_id"), columns: ["text_cipher"] },
  { table: "claim_transitions", key: id("transition_id"), columns: ["note_cipher"] },
  { table: "email_outbox", key: id("email_id"), columns: ["email_cipher"] },
  { table: "notification_preferences", key: id("member_id"), columns: ["email_cipher"] },
  { table: "sms_outbox", key: id("sms_id"), columns: ["mobile_cipher"] },
  { table: "staff", key: id("staff_id"), columns: ["totp_cipher"] },
  // a juror's reason (migration 170), under the personal-data key like the case's findings
  {
    table: "jury_votes",
    key: [
      { column: "claim_id", type: "bigint" },
      { column: "member_id", type: "bigint" },
    ],
    columns: ["reason_cipher"],
  },
  {
    table: "idempotency_keys",
    key: [
      { column: "principal", type: "text" },
      { column: "key", type: "text" },
    ],
    columns: ["response_cipher"],
  },
];

/** Where a lookup hash's value comes from: a field of the personal record, else a per-field ciphertext. */
export type LookupSource = {
  readonly column: string;
  readonly kind: "resident_id" | "mobile";
  /** The personal record's field (personal_cipher), when the table has one. */
  readonly recordField?: "residentId" | "mobile";
  /** The older per-field ciphertext column holding the value itself. */
  readonly valueCipher?: string;
};

export type LookupTarget = {
  readonly table: string;
  readonly key: PrimaryKey;
  readonly lookups: readonly LookupSource[];
};

export const LOOKUP_TARGETS: readonly LookupTarget[] = [
  {
    table: "members",
    key: id("member_id"),
    lookups: [
      { column: "id_lookup", kind: "resident_id", recordField: "residentId", valueCipher: "id_cipher" },
      { column: "mobile_lookup", kind: "mobile", recordField: "mobile", valueCipher: "mobile_cipher" },
    ],
  },
  {
    table: "dependant_requests",
    key: id("request_id"),
    lookups: [{ column: "id_lookup", kind: "resident_id", recordField: "residentId" }],
  },
  {
    table: "sms_outbox",
    key: id("sms_id"),
    lookups: [{ column: "mobile_lookup", kind: "mobile", valueCipher: "mobile_cipher" }],
  },
];
