-- Issue 19: tree heads as C2SP checkpoints (tlog-checkpoint signed notes) and the witnesses' cosignatures
-- (tlog-cosignature). A head written before keeps its JSON signature and no checkpoint.
ALTER TABLE log_heads ADD COLUMN checkpoint text;

-- Each witness's cosignature on a checkpoint, as the witness returned it (one note signature line);
-- a newer one replaces the older of the same witness and size (a refreshed timestamp).
CREATE TABLE log_cosignatures (
  size                bigint NOT NULL REFERENCES log_heads (size),
  witness             text NOT NULL,
  signature_line      text NOT NULL,
  timestamp_seconds   bigint NOT NULL,
  PRIMARY KEY (size, witness)
);
CREATE INDEX log_cosignatures_latest ON log_cosignatures (witness, size DESC);
