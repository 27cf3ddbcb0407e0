-- Issue 20: key rotations (src/keys). One row per rotation of a purpose's key from one version to the
-- next; `progress` is where the batches stand (the target table, its last primary key done, the pass),
-- written in the same transaction as each batch, so a killed job resumes where it stopped.
CREATE TABLE key_rotations (
  rotation_id    bigserial PRIMARY KEY,
  purpose        text NOT NULL CHECK (purpose IN ('personal-data', 'lookup-hash', 'log-signing')),
  from_version   int NOT NULL,
  to_version     int NOT NULL CHECK (to_version > from_version),
  state          text NOT NULL CHECK (state IN ('running', 'retired')),
  progress       jsonb NOT NULL DEFAULT '{}',
  rows_done      bigint NOT NULL DEFAULT 0,
  batches_done   int NOT NULL DEFAULT 0,
  started_at     timestamptz NOT NULL,
  retired_at     timestamptz,
  UNIQUE (purpose, to_version)
);
-- one rotation of a purpose at a time
CREATE UNIQUE INDEX key_rotations_one_running ON key_rotations (purpose) WHERE state = 'running';
