import type { Queryable } from "../store/db.ts";

/** The cycle facts a claim's payment is read from: its case, the cycle that took it, its cases. */
async function caseCycleFacts(q: Queryable, caseId: number) {
  const { rows } = await q.query<{
    cycleId: number | null;
    paid: boolean;
    announcedOn: string | null;
    collectOn: string | null;
    ruleVersion: string | null;
    sharingMembers: number | null;
    benefitsFen: number | null;
  }>(
    `SELECT k.cycle_id::int AS "cycleId", k.paid, y.announced_on::text AS "announcedOn", y.collect_on::text AS "collectOn",
            y.rule_version::text AS "ruleVersion", (y.disclosure->>'sharingMembers')::int AS "sharingMembers",
            (y.disclosure->>'benefitsFen')::bigint::float8 AS "benefitsFen"
     FROM cycle_cases k LEFT JOIN cycles y USING (cycle_id) WHERE k.case_id = $1`,
    [caseId],
  );
  return rows[0];
}

/** Every case of a cycle, in case order (the order the payout is split in). */
async function cyclesCases(q: Queryable, cycleId: number) {
  const { rows } = await q.query<{ caseId: number; benefitFen: number }>(
    `SELECT case_id::int AS "caseId", benefit_fen::float8 AS "benefitFen" FROM cycle_cases
     WHERE cycle_id = $1 ORDER BY case_id`,
    [cycleId],
  );
  return rows;
}

/** The ledger's payout of a cycle: its one sum out of the pool (transaction `key`), 0 when none was posted. */
async function cyclePayoutFen(q: Queryable, key: string, poolAccount: string) {
  const { rows } = await q.query<{ fen: number }>(
    `SELECT coalesce(sum(p.amount_fen), 0)::float8 AS fen FROM ledger_transactions t
     JOIN ledger_postings p USING (txn_id) WHERE t.idem_key = $1 AND p.account_id = $2`,
    [key, poolAccount],
  );
  return rows[0]?.fen ?? 0;
}

export const payoutRepository = Object.freeze({ caseCycleFacts, cyclesCases, cyclePayoutFen });
