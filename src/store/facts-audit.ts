import type { Queryable } from "./db.ts";

/**
 * Compares the records with what the log says: a join date, plan or coverage date changed in the
 * database after the fact (say, to backdate a join past the waiting period) no longer matches the
 * logged join entry; a participation with no logged join was inserted behind the log's back.
 */
export async function auditFacts(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ participation_id: number; problem: string }>(
    `SELECT p.participation_id,
            CASE WHEN e.idx IS NULL THEN 'has no join entry in the log'
                 ELSE 'was joined on ' || (e.canonical::jsonb ->> 'joinedOn') || ' by the log, ' || p.joined_on || ' by the records' END AS problem
     FROM participations p
     JOIN members m USING (member_id)
     LEFT JOIN log_entries e ON e.kind = 'join' AND e.member = m.pseudonym AND (e.canonical::jsonb ->> 'participation')::bigint = p.participation_id
     WHERE NOT EXISTS (SELECT 1 FROM log_outbox o WHERE o.kind = 'join' AND (o.entry ->> 'participation')::bigint = p.participation_id)
       AND (e.idx IS NULL OR (e.canonical::jsonb ->> 'joinedOn') <> p.joined_on::text OR (e.canonical::jsonb ->> 'coveredFrom') <> p.covered_from::text)
     ORDER BY p.participation_id LIMIT 20`,
  );
  return rows.map((r) => `participation ${r.participation_id} ${r.problem}`);
}
