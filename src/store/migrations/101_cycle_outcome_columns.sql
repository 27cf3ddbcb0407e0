-- The disclosure's mutable parts as typed columns of the cycle (issue 16): the collection, the retries,
-- late answers, recoveries and write-offs write these; the disclosure JSON keeps only the announcement's
-- facts, frozen when the cycle is announced, and the published disclosure is derived from both
-- (src/domain/cycle/disclosure.ts). NULL = not yet known (the optional parts: absent).
ALTER TABLE cycles
  ADD COLUMN collected_fen bigint,
  ADD COLUMN failed_fen bigint,
  ADD COLUMN advanced_fen bigint,
  ADD COLUMN pending_fen bigint,
  ADD COLUMN retries_done integer,
  ADD COLUMN written_off_fen bigint,
  ADD COLUMN recovered_later_fen bigint;

UPDATE cycles SET
  collected_fen = (disclosure ->> 'collectedFen')::bigint,
  failed_fen = (disclosure ->> 'failedFen')::bigint,
  advanced_fen = (disclosure ->> 'advancedFen')::bigint,
  pending_fen = (disclosure ->> 'pendingFen')::bigint,
  retries_done = (disclosure ->> 'retriesDone')::integer,
  written_off_fen = (disclosure ->> 'writtenOffFen')::bigint,
  recovered_later_fen = (disclosure ->> 'recoveredLaterFen')::bigint;

UPDATE cycles
  SET disclosure = (disclosure - 'pendingFen' - 'retriesDone' - 'writtenOffFen' - 'recoveredLaterFen')
    || '{"collectedFen": null, "failedFen": null, "advancedFen": null}'::jsonb
  WHERE disclosure ? 'planId';
