-- The transparency log (RFC 6962). Facts are written to log_outbox in the same transaction as the fact;
-- the sequencer drains committed outbox rows in order into log_entries (contiguous indexes), stores every
-- completed perfect subtree in log_nodes (so proofs are O(log n) reads), and signs a tree head per batch.

CREATE TABLE log_outbox (
  outbox_id  bigserial PRIMARY KEY,
  kind       text NOT NULL,
  entry      jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE log_entries (
  idx        bigint PRIMARY KEY,
  kind       text NOT NULL,
  member     text,                      -- the member's pseudonym, when the fact is about one
  canonical  text NOT NULL,             -- the exact bytes hashed into the leaf
  leaf_hash  bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX log_entries_member ON log_entries (member, idx) WHERE member IS NOT NULL;

CREATE TABLE log_nodes (
  level  int NOT NULL,
  idx    bigint NOT NULL,
  hash   bytea NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TABLE log_heads (
  size         bigint PRIMARY KEY,
  root_hash    bytea NOT NULL,
  timestamp_ms bigint NOT NULL,
  signature    text NOT NULL
);

-- One row: the log's size; locking it serialises the sequencer.
CREATE TABLE log_state (
  id    int PRIMARY KEY CHECK (id = 1),
  size  bigint NOT NULL
);
INSERT INTO log_state VALUES (1, 0);

CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON log_entries FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER log_heads_append_only BEFORE UPDATE OR DELETE ON log_heads FOR EACH ROW EXECUTE FUNCTION forbid_change();
