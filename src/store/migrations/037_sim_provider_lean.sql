-- Nothing looks a simulated payment up by member: the index only slowed the provider's booking of a
-- million-debit collection.
DROP INDEX sim_provider_payments_member;
