import type { Queryable } from "../store/db.ts";
import { logRepository } from "./log.repository.ts";

/**
 * Compares the records with what the log says: a join date, plan or coverage date changed in the
 * database after the fact (say, to backdate a join past the waiting period) no longer matches the
 * logged join entry; a participation with no logged join was inserted behind the log's back.
 */
export async function auditFacts(q: Queryable): Promise<string[]> {
  const rows = await logRepository.joinMismatches(q);
  return rows.map((r) => `participation ${r.participationId} ${r.problem}`);
}
