-- A debit the provider answers later (by webhook) is 'pending': advanced like a failure at collection,
-- but no default, not retried, until its answer arrives. `attempt` is the debit's attempt whose answer is
-- awaited (0 the collection, k the k-th retry), so a late answer is applied to the attempt it belongs to.
ALTER TABLE cycle_shares DROP CONSTRAINT cycle_shares_status_check;
ALTER TABLE cycle_shares ADD CONSTRAINT cycle_shares_status_check
  CHECK (status IN ('due', 'unconfirmed', 'collected', 'failed', 'advanced', 'pending'));
ALTER TABLE cycle_shares ADD COLUMN attempt smallint NOT NULL DEFAULT 0;
-- Defaults are few: a partial index finds a member's failed shares without reading the collected ones.
CREATE INDEX cycle_shares_failed ON cycle_shares (member_id) WHERE status = 'failed';
