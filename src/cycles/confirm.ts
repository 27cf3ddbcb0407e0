import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { SHARE_STATUS } from "../domain/cycle/share-status.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { withTransaction } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { shareRepository } from "./share.repository.ts";

type Answer = { status: "confirmed" | "declined" | "collected"; shareFen: number };

/**
 * A member who confirms each cycle (or whose share is over their limit) confirms a share between the
 * announcement and the collection. After the collection has settled it, the answer is refused.
 */
export async function confirmShare(
  deps: ServiceDeps,
  principal: Principal,
  cycleId: number,
  memberId: number,
): Promise<Answer> {
  await memberFor(deps.pool, principal, memberId, false);
  const r =
    (await shareRepository.confirmShare(deps.pool, cycleId, memberId)) ??
    fail("not_found", "no share of this member in this cycle");
  if (r.status === SHARE_STATUS.due) return { status: "confirmed", shareFen: r.shareFen };
  if (r.status === SHARE_STATUS.collected) return { status: "collected", shareFen: r.shareFen };
  return fail("confirmation_closed", `the collection of cycle ${cycleId} has run: the share is ${r.status}`);
}

/**
 * A member who was asked declines their share before the collection day: the collection then settles it
 * as the plan's rule for an unconfirmed share says (a default, or advanced by the operator). Under the
 * cycle's lock, the day read after it: a decline lands before the collection or is refused.
 */
export async function declineShare(
  deps: ServiceDeps,
  principal: Principal,
  cycleId: number,
  memberId: number,
): Promise<Answer> {
  await memberFor(deps.pool, principal, memberId, false);
  return withTransaction(deps.pool, async (tx) => {
    const cycle = (await cycleRepository.lockCycle(tx, cycleId)) ?? fail("not_found", `no cycle ${cycleId}`);
    const today = todayOf(deps);
    if (cycle.status === "disclosed" || cycle.collectOn <= today)
      fail("confirmation_closed", `cycle ${cycleId} is collected on ${cycle.collectOn}: too late to decline`);
    const r =
      (await shareRepository.declineShare(tx, cycleId, memberId)) ??
      fail("not_found", "no share of this member in this cycle");
    if (!r.asked) fail("conflict", "this share is collected automatically: change the share mode to decline");
    return { status: "declined", shareFen: r.shareFen };
  });
}
