-- Idempotency rows held bearer tokens (sign-in answers) and decrypted claim text as plain JSON, forever,
-- under an unsalted SHA-256 of the body. Now: stored answers are encrypted with the personal-data key
-- (response_cipher), body digests are HMACs under a key of their own, sign-in routes are never stored,
-- and rows expire after 24 hours. The old rows are deleted rather than kept: they hold those secrets and
-- SQL has not the key to encrypt them; money commands stay idempotent by their own ledger keys.
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys DROP COLUMN response;
ALTER TABLE idempotency_keys ADD COLUMN response_cipher bytea;
ALTER TABLE idempotency_keys ADD COLUMN expires_at timestamptz NOT NULL;
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
