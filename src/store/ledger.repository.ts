import { accounts, checkBalanced, type Posting } from "../domain/ledger.ts";
import { fail } from "../errors.ts";
import type { Queryable, Tx } from "./db.ts";
import { oneRow } from "./rows.ts";

export type LedgerTransaction = { txnId: number; idemKey: string; replayed: boolean };

type TransactionHead = { idemKey: string; kind: string; planId?: string | null; memo?: string; at: Date };

/** The transaction's row, once per idempotency key: a replay returns the first one's id. */
async function insertTransaction(tx: Tx, t: TransactionHead): Promise<LedgerTransaction> {
  const inserted = await tx.query<{ txn_id: number }>(
    `INSERT INTO ledger_transactions (idem_key, kind, plan_id, memo, at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (idem_key) DO NOTHING RETURNING txn_id`,
    [t.idemKey, t.kind, t.planId ?? null, t.memo ?? null, t.at],
  );
  if (inserted.rows.length > 0)
    return { txnId: oneRow(inserted, t.idemKey).txn_id, idemKey: t.idemKey, replayed: false };
  const existing = await tx.query<{ txn_id: number }>(
    "SELECT txn_id FROM ledger_transactions WHERE idem_key = $1",
    [t.idemKey],
  );
  return { txnId: oneRow(existing, t.idemKey).txn_id, idemKey: t.idemKey, replayed: true };
}

/**
 * Writes one balanced transaction inside the caller's database transaction. A replay of the same
 * idempotency key returns the first transaction and writes nothing.
 */
export async function postTransaction(
  tx: Tx,
  t: {
    key: string;
    kind: string;
    planId?: string | null;
    memo?: string;
    at: Date;
    postings: readonly Posting[];
  },
): Promise<LedgerTransaction> {
  const check = checkBalanced(t.postings);
  if (!check.ok) throw new Error(`invariant violated: ${check.error.message} (${t.key})`);
  const txn = await insertTransaction(tx, { ...t, idemKey: t.key });
  if (txn.replayed) return txn;
  const { txnId } = txn;
  await ensureAccounts(
    tx,
    t.postings.map((p) => p.accountId),
  );
  await tx.query(
    `INSERT INTO ledger_postings (txn_id, account_id, amount_fen)
     SELECT $1, a, v FROM unnest($2::text[], $3::bigint[]) AS u(a, v)`,
    [txnId, t.postings.map((p) => p.accountId), t.postings.map((p) => p.amountFen)],
  );
  return { txnId, idemKey: t.key, replayed: false };
}

/**
 * Writes one transaction whose postings a statement selects (`account_id, amount_fen` rows; its
 * parameters are `$2…`, `$1` being the transaction's id), for a cycle's per-member postings set-based.
 * The postings are summed as they are inserted, in the same statement, and must balance (the
 * `unbalanced` problem rolls the caller's transaction back). A replay of the key writes nothing.
 * `ensureAccountsOf` creates the accounts the postings name, only when the transaction is new.
 */
export async function postTransactionSet(
  tx: Tx,
  t: TransactionHead,
  postingsSelectSql: string,
  params: readonly unknown[],
  ensureAccountsOf?: (tx: Tx) => Promise<void>,
): Promise<LedgerTransaction> {
  const txn = await insertTransaction(tx, t);
  if (txn.replayed) return txn;
  const { txnId } = txn;
  await ensureAccountsOf?.(tx);
  const sum = await tx.query<{ total: number; n: number }>(
    `WITH ins AS (
       INSERT INTO ledger_postings (txn_id, account_id, amount_fen)
       SELECT $1::bigint, p.account_id, p.amount_fen FROM (${postingsSelectSql}) AS p(account_id, amount_fen)
       RETURNING amount_fen)
     SELECT coalesce(sum(amount_fen), 0)::bigint AS total, count(*)::int AS n FROM ins`,
    [txnId, ...params],
  );
  const { total, n } = oneRow(sum, t.idemKey);
  if (Number(total) !== 0 || n < 2)
    fail("unbalanced", `ledger transaction ${t.idemKey}: ${n} postings sum to ${total} fen`);
  return { txnId, idemKey: t.idemKey, replayed: false };
}

/**
 * Creates accounts a statement selects (`account_id, kind, member_id` rows), set-based, for the
 * per-member accounts of a cycle; existing ones are left as they are.
 */
export async function ensureAccountsFrom(
  q: Queryable,
  accountsSelectSql: string,
  params: readonly unknown[],
): Promise<void> {
  await q.query(
    `INSERT INTO ledger_accounts (account_id, kind, member_id) ${accountsSelectSql} ON CONFLICT DO NOTHING`,
    [...params],
  );
}

/** Creates accounts on first use, with their kind, member and plan read from the id. */
export async function ensureAccounts(q: Queryable, ids: readonly string[]): Promise<void> {
  await q.query(
    `INSERT INTO ledger_accounts (account_id, kind, member_id, plan_id)
     SELECT id,
            regexp_replace(regexp_replace(id, '^member:[0-9]+:', 'member:'), '^plan:[^:]+:', 'plan:'),
            CASE WHEN split_part(id, ':', 1) = 'member' THEN split_part(id, ':', 2)::bigint END,
            CASE WHEN split_part(id, ':', 1) = 'plan' THEN split_part(id, ':', 2) END
     FROM unnest($1::text[]) AS id
     ON CONFLICT (account_id) DO NOTHING`,
    [[...new Set(ids)]],
  );
}

/** An account's balance now: its cached row and, for a shared account, the deltas not yet folded. */
export async function balanceOf(q: Queryable, accountId: string): Promise<number> {
  const { rows } = await q.query<{ balance_fen: number }>(
    "SELECT balance_fen FROM account_balances_now WHERE account_id = $1",
    [accountId],
  );
  return rows[0]?.balance_fen ?? 0;
}

/**
 * Moves the shared accounts' deltas into their cached rows (migration 180), in one statement: the
 * deltas it deletes are exactly the ones it adds, so a posting committed meanwhile stays a delta for the
 * next fold. Returns how many deltas were folded.
 */
export async function foldAccountDeltas(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `WITH gone AS (DELETE FROM account_balance_deltas RETURNING account_id, delta_fen),
     folded AS (
       INSERT INTO account_balances (account_id, balance_fen)
       SELECT account_id, sum(delta_fen) FROM gone GROUP BY account_id
       ON CONFLICT (account_id) DO UPDATE SET balance_fen = account_balances.balance_fen + excluded.balance_fen
       RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM folded) AS accounts`,
  );
  return rows[0]?.n ?? 0;
}

export const memberBalanceOf = (q: Queryable, memberId: number) =>
  balanceOf(q, accounts.memberBalance(memberId));

/** The audit of the ledger: unbalanced transactions and cached balances that differ from postings. */
export async function auditLedger(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const unbalanced = await q.query<{ idem_key: string; total: number }>(
    `SELECT t.idem_key, coalesce(sum(p.amount_fen), 0)::bigint AS total
     FROM ledger_transactions t LEFT JOIN ledger_postings p USING (txn_id)
     GROUP BY t.txn_id, t.idem_key HAVING coalesce(sum(p.amount_fen), 0) <> 0 OR count(p.*) < 2
     ORDER BY t.txn_id LIMIT 10`,
  );
  for (const r of unbalanced.rows) problems.push(`ledger transaction ${r.idem_key} sums to ${r.total} fen`);
  const drift = await q.query<{ account_id: string; cached: number; actual: number }>(
    `SELECT a.account_id, coalesce(b.balance_fen, 0)::bigint AS cached, coalesce(p.total, 0)::bigint AS actual
     FROM ledger_accounts a
     LEFT JOIN account_balances_now b USING (account_id)
     LEFT JOIN (SELECT account_id, sum(amount_fen) AS total FROM ledger_postings GROUP BY account_id) p USING (account_id)
     WHERE coalesce(b.balance_fen, 0) <> coalesce(p.total, 0)
     ORDER BY a.account_id LIMIT 10`,
  );
  for (const r of drift.rows)
    problems.push(`account ${r.account_id}: cached balance ${r.cached} fen, postings sum to ${r.actual} fen`);
  return problems;
}
