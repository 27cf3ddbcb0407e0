-- A person enrolled by someone else who registers themselves takes their member row over (the
-- guardian's link ends, the participations stay theirs). Each takeover is kept: who held the record.
CREATE TABLE identity_claims (
  claim_id        bigserial PRIMARY KEY,
  member_id       bigint NOT NULL REFERENCES members (member_id),
  former_guardian bigint NOT NULL REFERENCES members (member_id),
  relation        text NOT NULL,
  at              timestamptz NOT NULL
);
CREATE INDEX identity_claims_member ON identity_claims (member_id);
