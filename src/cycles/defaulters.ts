import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import type { Tx } from "../store/db.ts";

/**
 * Members past the allowed failures leave the plan; their default history stays in cycle_shares. Only
 * failed shares are read (a partial index holds them), optionally only of some members.
 */
export async function endDefaulters(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  on: CivilDate,
  exitAfter: number | undefined,
  memberIds?: readonly number[],
): Promise<void> {
  if (exitAfter === undefined) return;
  const defaulters = await tx.query<{ participation_id: number }>(
    `SELECT p.participation_id FROM participations p
     JOIN (SELECT s.member_id FROM cycle_shares s JOIN cycles c USING (cycle_id)
           WHERE s.unpaid AND s.status = 'failed' AND c.plan_id = $1 AND ($3::bigint[] IS NULL OR s.member_id = ANY($3))
           GROUP BY s.member_id HAVING count(*) >= $2) d USING (member_id)
     WHERE p.plan_id = $1 AND p.status <> 'ended'
     ORDER BY p.participation_id`,
    [planId, exitAfter, memberIds ?? null],
  );
  for (const r of defaulters.rows)
    await endParticipation(deps, tx, r.participation_id, "sharing_obligation_failed", on);
}
