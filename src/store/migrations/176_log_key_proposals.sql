-- Issue 20: a log-signing key hand-over goes through each plan's charter. Announcing it publishes a
-- proposal of kind 'log_key' in every plan that takes proposals (notice, and a vote where the charter
-- asks one for an ordinary change); the hand-over waits for them all and adopts them. The proposal
-- names its rotation.
ALTER TABLE proposals DROP CONSTRAINT proposals_kind_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_kind_check CHECK (kind IN ('change', 'dissolution', 'log_key'));
ALTER TABLE proposals ADD COLUMN key_rotation_id bigint REFERENCES key_rotations (rotation_id);
CREATE INDEX proposals_key_rotation ON proposals (key_rotation_id) WHERE key_rotation_id IS NOT NULL;
