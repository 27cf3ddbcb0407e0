-- Issue 17: the member's debit authorisation (代扣签约) as the payment provider answered it, and a
-- member's dispute of one deduction (a collected share) with the staff decision on it.

CREATE TABLE debit_authorisations (
  member_id      bigint PRIMARY KEY REFERENCES members (member_id),
  status         text NOT NULL CHECK (status IN ('signed', 'revoked', 'expired')),
  agreement_ref  text NOT NULL,
  signed_at      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz
);

CREATE TABLE deduction_disputes (
  dispute_id   bigserial PRIMARY KEY,
  member_id    bigint NOT NULL REFERENCES members (member_id),
  cycle_id     bigint NOT NULL REFERENCES cycles (cycle_id),
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  -- a reason from a closed list: no free text, so no personal data to keep
  reason       text NOT NULL CHECK (reason IN ('not_authorised', 'wrong_amount', 'charged_twice', 'not_a_member')),
  status       text NOT NULL CHECK (status IN ('open', 'refunded', 'rejected')),
  opened_at    timestamptz NOT NULL,
  decided_at   timestamptz,
  decided_by   bigint,
  UNIQUE (member_id, cycle_id)
);
CREATE INDEX deduction_disputes_open ON deduction_disputes (opened_at) WHERE status = 'open';
