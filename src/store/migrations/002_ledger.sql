-- The ledger: append-only double entry. Every transaction's postings sum to zero (checked at commit);
-- nothing is updated or deleted; balances are cached per account and checked against the postings.

CREATE TABLE ledger_accounts (
  account_id  text PRIMARY KEY,                 -- e.g. member:42:balance, plan:xianghubao:pool
  kind        text NOT NULL,
  member_id   bigint,
  plan_id     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_transactions (
  txn_id     bigserial PRIMARY KEY,
  idem_key   text NOT NULL UNIQUE,              -- the command's idempotency key
  kind       text NOT NULL,
  plan_id    text,
  memo       text,
  at         timestamptz NOT NULL
);

CREATE TABLE ledger_postings (
  txn_id      bigint NOT NULL REFERENCES ledger_transactions (txn_id),
  account_id  text NOT NULL REFERENCES ledger_accounts (account_id),
  amount_fen  bigint NOT NULL CHECK (amount_fen <> 0)   -- debit positive, credit negative
);
CREATE INDEX ledger_postings_txn ON ledger_postings (txn_id);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id);

CREATE TABLE account_balances (
  account_id   text PRIMARY KEY REFERENCES ledger_accounts (account_id),
  balance_fen  bigint NOT NULL
);

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Balanced at commit: a deferred constraint trigger per transaction row checks its postings.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint; n int;
BEGIN
  SELECT coalesce(sum(amount_fen), 0), count(*) INTO total, n FROM ledger_postings WHERE txn_id = NEW.txn_id;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % postings summing to %', NEW.idem_key, n, total
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Cached balances, maintained set-based per statement from the inserted postings.
CREATE FUNCTION ledger_apply_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_balances (account_id, balance_fen)
  SELECT account_id, sum(amount_fen) FROM new_postings GROUP BY account_id
  ON CONFLICT (account_id) DO UPDATE SET balance_fen = account_balances.balance_fen + excluded.balance_fen;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_postings_balances AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_postings();

-- Payments through the provider port: each request is idempotent by its key.
CREATE TABLE payment_requests (
  request_id      bigserial PRIMARY KEY,
  idem_key        text NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('topup', 'debit', 'refund', 'payout')),
  member_id       bigint,
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_ref    text,
  failure_reason  text,
  created_at      timestamptz NOT NULL,
  settled_at      timestamptz
);
CREATE INDEX payment_requests_member ON payment_requests (member_id);

CREATE TABLE webhook_events (
  event_id     text PRIMARY KEY,
  received_at  timestamptz NOT NULL,
  payload      jsonb NOT NULL
);
