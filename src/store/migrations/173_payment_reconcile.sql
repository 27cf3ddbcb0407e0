-- Issue 20: the reconciliation job (src/payments/reconcile.ts) asks the provider about payments left
-- without a final answer longer than limits.paymentReconcileAfterSeconds. It needs to know since when.
--
-- payment_requests.sent_at: when the request was last sent to the provider (a top-up, before each
-- send). The job fails a top-up the provider never received only if nothing was sent for that long, so
-- a member's retry in flight is never overtaken (its send marks the row first, the job re-checks under
-- the row's lock).
ALTER TABLE payment_requests ADD COLUMN sent_at timestamptz;

-- cycle_shares.pending_since: when a debit was answered pending (the collection's or a retry's). A
-- nullable column without a default is a catalogue change only (no rewrite of the hot table), and no
-- index: the job reads pending shares through cycle_shares_unpaid, and an index on the status would end
-- the collection's HOT updates (migration 036). Shares pending before this migration read as NULL and
-- count from their collection day.
ALTER TABLE cycle_shares ADD COLUMN pending_since timestamptz;

-- The job's (and the metrics') read of requests without a final answer: few among many.
CREATE INDEX payment_requests_pending ON payment_requests (created_at) WHERE status = 'pending';
