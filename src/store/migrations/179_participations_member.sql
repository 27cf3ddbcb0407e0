-- Issue 20 (load): a member's participations, ended ones included, are read on every inbox page (the
-- plans whose broadcasts they see) and every top-up (the prepaid plans a balance funds). The only index
-- on member_id was the partial unique one (status <> 'ended'), which a query without that predicate
-- cannot use: each of those reads scanned every participation (a million rows in the load benchmark).
CREATE INDEX participations_member ON participations (member_id);
