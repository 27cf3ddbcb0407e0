-- Issue 20 (load): the accounts every member's money passes through (bank:custodian, provider:clearing,
-- a plan's pool and fees, …) had one cached balance row each, updated by every posting: its row lock was
-- held from the posting to the commit, so every top-up in the system queued on bank:custodian (about
-- 20 a second in the load benchmark) and a cycle's settlement waited behind them. A posting to such a
-- shared account now appends a delta row, which no other transaction waits on; `foldAccountDeltas`
-- (the ledger.fold job, every minute) moves the deltas into the cached row in one statement. A member's
-- own accounts keep their cached row: only that member's transactions touch it, and a balance check
-- reads it in the same statement (cycle settlement, enrolment).
CREATE TABLE account_balance_deltas (
  account_id  text NOT NULL REFERENCES ledger_accounts (account_id),
  delta_fen   bigint NOT NULL
);
CREATE INDEX account_balance_deltas_account ON account_balance_deltas (account_id);

-- A balance as of now, whichever account: the cached row plus the deltas not yet folded.
CREATE VIEW account_balances_now AS
  SELECT account_id, sum(balance_fen)::bigint AS balance_fen
  FROM (SELECT account_id, balance_fen FROM account_balances
        UNION ALL
        SELECT account_id, delta_fen FROM account_balance_deltas) x
  GROUP BY account_id;

CREATE OR REPLACE FUNCTION ledger_apply_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_balances (account_id, balance_fen)
  SELECT account_id, sum(amount_fen) FROM new_postings WHERE account_id LIKE 'member:%' GROUP BY account_id
  ON CONFLICT (account_id) DO UPDATE SET balance_fen = account_balances.balance_fen + excluded.balance_fen;
  INSERT INTO account_balance_deltas (account_id, delta_fen)
  SELECT account_id, sum(amount_fen) FROM new_postings WHERE account_id NOT LIKE 'member:%' GROUP BY account_id;
  RETURN NULL;
END $$;
