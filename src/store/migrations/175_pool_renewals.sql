-- Issue 17: Friendsurance's renewal premium. Each pool year after the joining year, a member still in
-- the plan owes the year's premium on its first day; it is debited through the payment port under the
-- member's debit authorisation, retried as the plan's failure policy says, and unpaid after the last
-- attempt the participation ends (the member leaves the group). One row per participation and year.
CREATE TABLE pool_renewals (
  participation_id bigint NOT NULL REFERENCES pool_members (participation_id),
  year             integer NOT NULL,
  -- due: an attempt waits for attempt_on; pending: the provider has not answered the attempt's key;
  -- paid: the premium is in pool_premiums; unpaid: the last attempt failed or no consent, ended
  status           text NOT NULL CHECK (status IN ('due', 'pending', 'paid', 'unpaid')),
  attempt          integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  attempt_on       date NOT NULL,
  failure_reason   text,
  PRIMARY KEY (participation_id, year)
);
CREATE INDEX pool_renewals_open ON pool_renewals (year, attempt_on) WHERE status IN ('due', 'pending');
