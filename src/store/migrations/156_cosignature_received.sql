-- Issue 19: when the log received each cosignature, on the application's clock. The witness's own
-- timestamp (its clock, in the signature) is what verifiers judge freshness by; the log decides when to
-- ask again by its own clock, never by comparing the two.
ALTER TABLE log_cosignatures ADD COLUMN received_at_ms bigint;
