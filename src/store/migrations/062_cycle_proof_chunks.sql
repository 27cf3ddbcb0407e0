-- A member's share proof used to stream the whole cycle (every share, hashed, in pseudonym order) per
-- request: O(n) — seconds at a million members, minutes at a hundred million. The leaves are stored
-- once more, cut into chunks of consecutive leaves in pseudonym order, each with its Merkle-sum root;
-- a proof then reads one chunk (the member's, found by its first pseudonym) and every chunk's root.
-- Built on the first proof asked of a cycle (one pass), never changed after: shares are frozen at the
-- announcement. `cycles.proof_chunk_leaves` says the chunks are complete and their size.
CREATE TABLE cycle_proof_chunks (
  cycle_id         bigint NOT NULL,
  chunk            int NOT NULL CHECK (chunk >= 0),
  first_pseudonym  text COLLATE "C" NOT NULL,
  pseudonyms       text[] NOT NULL,
  shares_fen       bigint[] NOT NULL,
  root_hash        bytea NOT NULL,
  leaf_count       int NOT NULL CHECK (leaf_count > 0),
  sum_fen          bigint NOT NULL CHECK (sum_fen >= 0),
  PRIMARY KEY (cycle_id, chunk),
  CHECK (cardinality(pseudonyms) = leaf_count AND cardinality(shares_fen) = leaf_count)
);
CREATE INDEX cycle_proof_chunks_first ON cycle_proof_chunks (cycle_id, first_pseudonym);
ALTER TABLE cycles ADD COLUMN proof_chunk_leaves int CHECK (proof_chunk_leaves > 0);
