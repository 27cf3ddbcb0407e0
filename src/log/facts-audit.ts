import type { Queryable } from "../store/db.ts";
import { logRepository } from "./log.repository.ts";

/**
 * Compares the records with what the log says: a join date, plan or coverage date changed in the
 * database after the fact (say, to backdate a join past the waiting period) no longer matches the
 * logged join entry; a participation with no logged join was inserted behind the log's back. Each
 * member money fact of the ledger (top-up, refund, withdrawal, dispute refund) has its entry with the
 * same amount.
 */
export async function auditFacts(q: Queryable): Promise<string[]> {
  const joins = await logRepository.joinMismatches(q);
  const money = await logRepository.moneyFactMismatches(q);
  return [
    ...joins.map((r) => `participation ${r.participationId} ${r.problem}`),
    ...money.map((r) => `ledger transaction ${r.txnId} ${r.problem}`),
  ];
}
