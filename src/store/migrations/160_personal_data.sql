-- Personal data (issue 20): the trail of staff reads of personal data, members' erasure requests, and
-- the erased state of a member row.

-- Who read whose personal data, why (the route or command) and when (the app clock). It names the
-- subject by member id and the data by category: never the data itself. Append-only, like the ledger.
CREATE TABLE personal_data_reads (
  read_id     bigserial PRIMARY KEY,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('staff', 'command')),
  actor_id    bigint NOT NULL,                 -- the staff id; 0 for a command run on the server
  subject_id  bigint NOT NULL,                 -- the member whose data was read
  data        text NOT NULL,                   -- what was read: member_identity, claim_document, …
  purpose     text NOT NULL,                   -- the route (GET /claims/:claimId) or the command
  at          timestamptz NOT NULL
);
CREATE INDEX personal_data_reads_subject ON personal_data_reads (subject_id, read_id);
CREATE TRIGGER personal_data_reads_append_only BEFORE UPDATE OR DELETE ON personal_data_reads
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER personal_data_reads_no_truncate BEFORE TRUNCATE ON personal_data_reads
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- A member's (or a guardian's, for a dependant) request to erase what the law does not require us to
-- keep; staff decide it: erased (executed in the same transaction) or refused with a reason.
CREATE TABLE erasure_requests (
  request_id    bigserial PRIMARY KEY,
  member_id     bigint NOT NULL REFERENCES members (member_id),
  requested_by  bigint NOT NULL REFERENCES members (member_id),
  status        text NOT NULL CHECK (status IN ('requested', 'refused', 'erased')),
  requested_at  timestamptz NOT NULL,
  decided_by    bigint REFERENCES staff (staff_id),
  decided_at    timestamptz,
  reason        text,                          -- a refusal's legal ground, written without personal data
  CHECK ((status = 'requested') = (decided_at IS NULL)),
  CHECK (status <> 'refused' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX erasure_requests_one_open ON erasure_requests (member_id) WHERE status = 'requested';

-- An erased member keeps its row (money and log facts name it by id and pseudonym) without contact data
-- or lookups; its identity evidence stays encrypted in personal_cipher until evidence_kept_until, when
-- a job deletes it (evidence_deleted_at).
ALTER TABLE members ADD COLUMN erased_at timestamptz;
ALTER TABLE members ADD COLUMN evidence_kept_until date;
ALTER TABLE members ADD COLUMN evidence_deleted_at timestamptz;
ALTER TABLE members ALTER COLUMN id_lookup DROP NOT NULL;
ALTER TABLE members ADD CONSTRAINT members_lookup_unless_erased CHECK (id_lookup IS NOT NULL OR erased_at IS NOT NULL);
ALTER TABLE members DROP CONSTRAINT members_personal_data_encrypted;
ALTER TABLE members ADD CONSTRAINT members_personal_data_encrypted
  CHECK (personal_cipher IS NOT NULL OR (id_cipher IS NOT NULL AND name_cipher IS NOT NULL)
         OR evidence_deleted_at IS NOT NULL);
CREATE INDEX members_evidence_kept_until ON members (evidence_kept_until)
  WHERE evidence_kept_until IS NOT NULL AND evidence_deleted_at IS NULL;
