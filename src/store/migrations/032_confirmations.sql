-- Members who confirm each cycle (or whose share exceeds their limit) are asked before collection:
-- 'unconfirmed' until they confirm; at collection an unconfirmed share becomes 'failed' (a default) or
-- 'advanced' (the operator advances it without a default), as the plan's failure policy says.
ALTER TABLE cycle_shares DROP CONSTRAINT cycle_shares_status_check;
ALTER TABLE cycle_shares ADD CONSTRAINT cycle_shares_status_check
  CHECK (status IN ('due', 'unconfirmed', 'collected', 'failed', 'advanced'));
