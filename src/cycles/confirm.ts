import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";

/** A member who confirms each cycle (or whose share is over their limit) confirms a share before collection. */
export async function confirmShare(
  deps: ServiceDeps,
  principal: Principal,
  cycleId: number,
  memberId: number,
): Promise<{ status: string; shareFen: number }> {
  await memberFor(deps.pool, principal, memberId, false);
  const { rows } = await deps.pool.query<{ status: string; share_fen: number }>(
    `UPDATE cycle_shares s SET status = CASE WHEN s.status = 'unconfirmed' THEN 'due' ELSE s.status END
     FROM cycles c WHERE s.cycle_id = $1 AND s.member_id = $2 AND c.cycle_id = s.cycle_id RETURNING s.status, s.share_fen`,
    [cycleId, memberId],
  );
  const r = rows[0] ?? fail("not_found", "no share of this member in this cycle");
  return { status: r.status === "due" ? "confirmed" : r.status, shareFen: r.share_fen };
}
