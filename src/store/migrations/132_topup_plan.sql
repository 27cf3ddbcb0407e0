-- Issue 17: a top-up funds a prepaid participation; a first deposit, paid before the join, names the
-- plan it is for (its deposit fee is that plan's).
ALTER TABLE payment_requests ADD COLUMN plan_id text REFERENCES plans (plan_id);
