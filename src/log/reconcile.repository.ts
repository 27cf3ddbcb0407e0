import type { Queryable } from "../store/db.ts";

/*
 * The private audit's reconciliation of the records with the log (reconcile.ts): the ledger's pool
 * money against the logged cycle results, cases and claims against their `claim_decision` entries,
 * paid cases against their `payout` entries. An entry still in the outbox counts as logged.
 */

/** Every logged fact of some kinds, sequenced or still in the outbox, as (kind, jsonb). */
const LOGGED = (kinds: string) => `(
  SELECT idx, kind, canonical::jsonb AS e FROM log_entries WHERE kind IN (${kinds})
  UNION ALL
  SELECT NULL::bigint, kind, entry FROM log_outbox WHERE kind IN (${kinds}))`;

/** The plan's accounts that only logged facts may move: the pool, its fees, its sponsor cover. */
const PLAN_MONEY_ACCOUNT = `(p.account_id LIKE 'plan:%:pool' OR p.account_id LIKE 'plan:%:fees' OR p.account_id LIKE 'plan:%:sponsor')`;

export type CycleFlow = { txnId: number; idemKey: string; kind: string; amountFen: number };
type Problem = { problem: string };

export const reconcileRepository = Object.freeze({
  /** Each logged cycle result, by cycle (the last one, should there be two). */
  async loggedCycleResults(q: Queryable): Promise<Array<Record<string, unknown>>> {
    const { rows } = await q.query<{ e: Record<string, unknown> }>(
      `SELECT e FROM ${LOGGED("'cycle_result'")} l ORDER BY idx NULLS LAST`,
    );
    return rows.map((r) => r.e);
  },

  /**
   * The ledger's cycle transactions (keyed `cycle:…`, or of a cycle kind) with the amount each moved:
   * out of the pool for fees and payouts, into it for sponsor cover and collections.
   */
  async cycleFlows(q: Queryable): Promise<CycleFlow[]> {
    const { rows } = await q.query<CycleFlow>(
      `SELECT t.txn_id AS "txnId", t.idem_key AS "idemKey", t.kind,
              abs(coalesce(sum(p.amount_fen) FILTER (WHERE p.account_id LIKE 'plan:%:pool'), 0))::bigint AS "amountFen"
       FROM ledger_transactions t JOIN ledger_postings p USING (txn_id)
       WHERE t.kind IN ('cycle_collection', 'cycle_sponsor', 'cycle_fees', 'payout') OR t.idem_key LIKE 'cycle:%'
       GROUP BY t.txn_id ORDER BY t.txn_id`,
    );
    return rows;
  },

  /**
   * Transactions moving a plan's pool, fees or sponsor money whose kind no logged fact accounts for
   * (`kinds`: the kinds reconciled with the log, by this audit or the facts audit).
   */
  async unloggedPlanMoney(q: Queryable, kinds: readonly string[]): Promise<Problem[]> {
    const { rows } = await q.query<Problem>(
      `SELECT 'ledger transaction ' || t.txn_id || ' (' || t.kind || ') moves ' || string_agg(DISTINCT p.account_id, ', ') || ' money that no log entry accounts for' AS problem
       FROM ledger_transactions t JOIN ledger_postings p USING (txn_id)
       WHERE ${PLAN_MONEY_ACCOUNT} AND NOT (t.kind = ANY($1))
       GROUP BY t.txn_id, t.kind ORDER BY t.txn_id LIMIT 20`,
      [kinds],
    );
    return rows;
  },

  /** Deposit fees: the ledger's and the log's, as multisets of (plan, member, fee). */
  async depositFeeMismatches(q: Queryable): Promise<Problem[]> {
    const { rows } = await q.query<Problem>(
      `WITH ledger AS (
         SELECT t.plan_id AS plan, m.pseudonym AS member, p.amount_fen AS fee, count(*) AS n
         FROM ledger_transactions t JOIN ledger_postings p USING (txn_id)
         JOIN members m ON m.member_id = split_part(p.account_id, ':', 2)::bigint
         WHERE t.kind = 'deposit_fee' AND p.account_id LIKE 'member:%:balance' GROUP BY 1, 2, 3),
       logged AS (
         SELECT e ->> 'plan' AS plan, e ->> 'member' AS member, (e ->> 'feeFen')::bigint AS fee, count(*) AS n
         FROM ${LOGGED("'deposit_fee'")} l GROUP BY 1, 2, 3)
       SELECT 'deposit fees of ' || coalesce(l.fee, g.fee) || ' fen in plan ' || coalesce(l.plan, g.plan) || ' for member ' || coalesce(l.member, g.member)
              || ': ' || coalesce(l.n, 0) || ' in the ledger, ' || coalesce(g.n, 0) || ' in the log' AS problem
       FROM ledger l FULL JOIN logged g USING (plan, member, fee)
       WHERE coalesce(l.n, 0) <> coalesce(g.n, 0) LIMIT 20`,
    );
    return rows;
  },

  /** Cases against the `claim_decision` entry that records each (its `case`): present, same amount, member and plan. */
  async caseMismatches(q: Queryable): Promise<Problem[]> {
    const { rows } = await q.query<Problem>(
      `SELECT 'case ' || c.case_id || CASE
                WHEN l.e IS NULL THEN ' has no claim_decision entry in the log'
                WHEN (l.e ->> 'benefitFen')::bigint <> c.benefit_fen THEN ' pays ' || c.benefit_fen || ' fen by the records, ' || (l.e ->> 'benefitFen') || ' by its logged decision'
                ELSE ' is of member ' || m.pseudonym || ' in ' || c.plan_id || ' by the records, of ' || (l.e ->> 'member') || ' in ' || (l.e ->> 'plan') || ' by the log' END AS problem
       FROM cycle_cases c JOIN members m USING (member_id)
       LEFT JOIN ${LOGGED("'claim_decision'")} l ON (l.e ->> 'case')::bigint = c.case_id
       WHERE l.e IS NULL OR (l.e ->> 'benefitFen')::bigint <> c.benefit_fen OR l.e ->> 'member' <> m.pseudonym OR l.e ->> 'plan' <> c.plan_id
       ORDER BY c.case_id LIMIT 20`,
    );
    return rows;
  },

  /**
   * Decided claims against their latest logged decision (stage decision or jury_result): an approved
   * claim (announced, sharing, paid) must have a logged approval of the same benefit; a rejected one a
   * logged rejection.
   */
  async claimMismatches(q: Queryable): Promise<Problem[]> {
    const { rows } = await q.query<Problem>(
      `WITH latest AS (
         SELECT DISTINCT ON ((e ->> 'claim')::bigint) (e ->> 'claim')::bigint AS claim_id, e
         FROM ${LOGGED("'claim_decision'")} l
         WHERE e ->> 'stage' IN ('decision', 'jury_result')
         ORDER BY (e ->> 'claim')::bigint, idx DESC NULLS FIRST)
       SELECT 'claim ' || c.claim_id || CASE
                WHEN l.e IS NULL THEN ' is ' || c.state || ' with no decision in the log'
                WHEN (l.e ->> 'decision') <> x.decision THEN ' is ' || c.state || ' by the records, ' || (l.e ->> 'decision') || ' by its logged decision'
                ELSE ' pays ' || c.benefit_fen || ' fen by the records, ' || (l.e ->> 'benefitFen') || ' by its logged decision' END AS problem
       FROM claims c
       CROSS JOIN LATERAL (SELECT CASE WHEN c.state = 'rejected' THEN 'rejected' ELSE 'approved' END AS decision) x
       LEFT JOIN latest l ON l.claim_id = c.claim_id
       WHERE c.state IN ('announcement', 'sharing', 'paid', 'rejected')
         AND (l.e IS NULL OR (l.e ->> 'decision') <> x.decision
              OR (x.decision = 'approved' AND (l.e ->> 'benefitFen')::bigint IS DISTINCT FROM c.benefit_fen))
       ORDER BY c.claim_id LIMIT 20`,
    );
    return rows;
  },

  /**
   * Paid cases against `payout` entries, both ways: each paid case logged once with its cycle, and no
   * payout of an unpaid case. A premium pool's case is paid with no cycle, by its `pool_claim` entry.
   */
  async payoutMismatches(q: Queryable): Promise<Problem[]> {
    const { rows } = await q.query<Problem>(
      `WITH logged AS (
         SELECT (e ->> 'case')::bigint AS case_id, (e ->> 'cycle')::bigint AS cycle_id FROM ${LOGGED("'payout'")} l
         UNION ALL SELECT (e ->> 'case')::bigint, NULL FROM ${LOGGED("'pool_claim'")} l)
       SELECT CASE WHEN g.case_id IS NULL THEN 'case ' || c.case_id || ' was paid in ' || coalesce('cycle ' || c.cycle_id, 'no cycle') || ' with no payout entry in the log'
                   WHEN c.case_id IS NULL THEN 'the log pays case ' || g.case_id || ' in ' || coalesce('cycle ' || g.cycle_id, 'a premium pool') || ', which the records do not'
                   ELSE 'case ' || c.case_id || ' was paid in ' || coalesce('cycle ' || c.cycle_id, 'no cycle') || ' by the records, in ' || coalesce('cycle ' || g.cycle_id, 'a premium pool') || ' by the log' END AS problem
       FROM (SELECT case_id, cycle_id FROM cycle_cases WHERE paid) c FULL JOIN logged g USING (case_id)
       WHERE c.case_id IS NULL OR g.case_id IS NULL OR c.cycle_id IS DISTINCT FROM g.cycle_id
       LIMIT 20`,
    );
    return rows;
  },
});
