-- Requests to the payment provider whose answer was lost (the call timed out, or the connection failed):
-- the provider may or may not have executed them. Each key here is asked about (query by key) before it
-- is sent again, and leaves once the provider has said what it knows (src/payments/guarded.ts).
CREATE TABLE payment_in_doubt (
  idem_key   text PRIMARY KEY,
  kind       text NOT NULL,
  member_id  bigint NOT NULL,
  amount_fen bigint NOT NULL,
  cause      text NOT NULL CHECK (cause IN ('timeout', 'unreachable')),
  since      timestamptz NOT NULL
);
