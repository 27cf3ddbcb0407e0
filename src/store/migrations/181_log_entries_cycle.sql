-- Issue 20 (load): a member's shares list each cycle with the index of the log entry that recorded its
-- share root, and the membership audit each cycle with its announcement entry, by the cycle named in
-- the entry. Without an index that was a scan of the whole log per cycle asked — a log holds at least
-- one entry per member (the join), a million rows at a million members. Partial: only those two kinds.
CREATE INDEX log_entries_cycle ON log_entries (kind, ((canonical::jsonb ->> 'cycle')::bigint))
  WHERE kind IN ('announcement', 'cycle_share_root');
