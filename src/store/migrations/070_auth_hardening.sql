-- Sign-in hardening (issue 15): a second factor and a disable switch for staff; roles read from the staff
-- table on every request instead of being copied into a session for a week; the last time a member's
-- mobile number proved itself, so a recycled number (二次放号) does not inherit the account.
ALTER TABLE staff ADD COLUMN totp_cipher bytea;          -- AES-256-GCM of the base32 TOTP secret
ALTER TABLE staff ADD COLUMN totp_last_step bigint;      -- the last accepted time step: each code works once
ALTER TABLE staff ADD COLUMN disabled_at timestamptz;

ALTER TABLE sessions DROP COLUMN roles;
CREATE INDEX sessions_principal ON sessions (principal_kind, principal_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Numbers in use when this ran count as used now; a number moved to a dormant account's successor
-- leaves that account without one until its owner proves who they are (hence the relaxed check).
ALTER TABLE members ADD COLUMN mobile_used_at timestamptz;
UPDATE members SET mobile_used_at = now() WHERE mobile_lookup IS NOT NULL;
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
   WHERE conrelid = 'members'::regclass AND contype = 'c'
     AND pg_get_constraintdef(oid) LIKE '%mobile_lookup IS NOT NULL%';
  IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE members DROP CONSTRAINT %I', c); END IF;
END $$;

CREATE INDEX otp_codes_expires ON otp_codes (expires_at);
CREATE INDEX login_attempts_at ON login_attempts (at);
