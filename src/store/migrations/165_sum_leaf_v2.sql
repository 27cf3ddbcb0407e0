-- Issue 19: a Merkle-sum leaf commits to the participation whose logged join it stands for and to its
-- weight, besides the pseudonym and the share (leaf format 2, docs/transparency.md). Shares written
-- before keep these NULL and their leaves format 1, so old cycles' roots and proofs still verify.
ALTER TABLE cycle_shares ADD COLUMN participation_id bigint, ADD COLUMN weight_units int;
ALTER TABLE cycle_proof_chunks ADD COLUMN participations bigint[], ADD COLUMN weights_units int[];
