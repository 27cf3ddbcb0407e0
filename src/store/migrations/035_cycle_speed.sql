-- A cycle of a million members, measured (docs/scaling.md):
-- 1. The foreign key from cycle_shares to cycles fired a trigger per share row: 6.7 s of an 11 s insert
--    of 1 M shares. Shares are only written by the announcement, in the transaction that creates their
--    cycle, so the reference holds by construction; `huzhu audit` checks it.
ALTER TABLE cycle_shares DROP CONSTRAINT cycle_shares_cycle_id_fkey;

-- 2. The year-to-date a member had paid before the cycle (what the annual cap is measured against).
--    The next cycle derives a member's year-to-date from the previous cycle's row (ytd_fen + share_fen)
--    by one join, instead of summing every share of the year per member; members absent from the
--    previous cycle are the exceptions looked up one by one.
ALTER TABLE cycle_shares ADD COLUMN ytd_fen bigint NOT NULL DEFAULT 0 CHECK (ytd_fen >= 0);
UPDATE cycle_shares s SET ytd_fen = coalesce((
  SELECT sum(e.share_fen) FROM cycle_shares e JOIN cycles ce USING (cycle_id) JOIN cycles cs ON cs.cycle_id = s.cycle_id
  WHERE e.member_id = s.member_id AND ce.plan_id = cs.plan_id AND ce.announced_on < cs.announced_on
    AND extract(year FROM ce.announced_on) = extract(year FROM cs.announced_on)), 0);

-- 3. How far the collection has instructed the provider (member ids in order), so that a restart goes
--    on from there; debits that succeed are recorded in one statement at the end of the collection.
ALTER TABLE cycles ADD COLUMN collect_cursor bigint NOT NULL DEFAULT 0;
