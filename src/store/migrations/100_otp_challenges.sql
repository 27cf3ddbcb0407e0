-- One-time codes bound to the request that asked for them (issue 15): POST /auth/otp answers the
-- requester an unguessable challenge id, and a code is checked only with it. Wrong tries count against
-- that challenge alone, so a stranger's guesses or new requests for a number never spoil the owner's
-- code. Only a keyed hash of the id is kept. Codes in flight have no challenge: they are dropped (each
-- lives five minutes, and its owner simply asks again).
DELETE FROM otp_codes;
ALTER TABLE otp_codes ADD COLUMN challenge_hash bytea NOT NULL;
CREATE UNIQUE INDEX otp_codes_challenge ON otp_codes (challenge_hash);
