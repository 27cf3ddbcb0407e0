-- Issue 17: the simulated provider's 代扣 agreements in its books beside its payments (migration 033),
-- so that a restart of huzhu finds them signed, revoked or expired as a real provider would.
CREATE TABLE sim_provider_mandates (
  agreement_ref  text PRIMARY KEY,
  sign_key       text NOT NULL UNIQUE,
  member_id      bigint NOT NULL,
  expires_at     timestamptz NOT NULL,
  revoked        boolean NOT NULL DEFAULT false
);
