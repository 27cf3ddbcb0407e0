-- The simulated payment provider's own books. A real provider keeps what it executed on its side, so a
-- crash of huzhu cannot make it forget a debit: replaying a key gets the first answer, never a second
-- execution. The simulation keeps that state here, in tables of its own (prefix sim_provider_); huzhu's
-- code never reads or writes them — only src/payments/simulated.ts and the tests that inspect it.

CREATE TABLE sim_provider_payments (
  idem_key      text PRIMARY KEY,
  kind          text NOT NULL,
  member_id     bigint,
  amount_fen    bigint NOT NULL,
  status        text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  reason        text,
  provider_ref  text NOT NULL,
  -- how the answer travels: in the response ('now'), only by a later webhook ('async': the key reads as
  -- pending until the provider has finished and sent it), or lost on the way back ('timeout').
  answer        text NOT NULL CHECK (answer IN ('now', 'async', 'timeout')),
  finished      boolean NOT NULL,
  requests      int NOT NULL DEFAULT 1,         -- how many times the key was asked (executed once)
  executed_at   timestamptz NOT NULL
);
CREATE INDEX sim_provider_payments_member ON sim_provider_payments (member_id);

-- Webhooks not yet delivered (at least once, in order).
CREATE TABLE sim_provider_events (
  seq        bigserial PRIMARY KEY,
  event_id   text NOT NULL UNIQUE,
  idem_key   text NOT NULL,
  delivered  boolean NOT NULL DEFAULT false
);
CREATE INDEX sim_provider_events_pending ON sim_provider_events (seq) WHERE NOT delivered;
