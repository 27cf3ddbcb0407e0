-- Enrolling a dependant is a request that the person (an adult, by a one-time code to their own mobile)
-- or a reviewer (a minor, on a guardianship document) must confirm before any member row exists: the
-- request never says whether the resident ID is registered. Every request is kept: the record of
-- identity lookups per member (how many, when, with what outcome), and the per-day limit counts them.
CREATE TABLE dependant_requests (
  request_id        bigserial PRIMARY KEY,
  member_id         bigint NOT NULL REFERENCES members (member_id),  -- the requesting guardian
  relation          text NOT NULL CHECK (relation IN ('child', 'parent', 'spouse')),
  state             text NOT NULL CHECK (state IN ('awaiting_code', 'awaiting_document', 'awaiting_review',
                                                   'enrolled', 'refused', 'expired')),
  id_lookup         bytea NOT NULL,
  personal_cipher   bytea NOT NULL,          -- the person's [residentId, name, mobile], AES-256-GCM
  name_masked       text NOT NULL,
  mobile_masked     text,
  birth_date        date NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('male', 'female')),
  consent_version   text NOT NULL,
  code_hash         bytea,                   -- HMAC of the code sent to an adult's mobile
  code_attempts     int NOT NULL DEFAULT 0,
  code_expires_at   timestamptz,
  document_cipher   bytea,                   -- a minor's guardianship document, AES-256-GCM
  document_type     text,
  document_sha256   text,
  reviewer_id       bigint,
  refusal           text,
  dependant_id      bigint REFERENCES members (member_id),
  created_at        timestamptz NOT NULL,
  decided_at        timestamptz,
  CHECK ((relation = 'child') = (code_hash IS NULL))
);
CREATE INDEX dependant_requests_member ON dependant_requests (member_id, created_at);
CREATE INDEX dependant_requests_review ON dependant_requests (state) WHERE state = 'awaiting_review';
