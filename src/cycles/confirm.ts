import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { shareRepository } from "./share.repository.ts";

/** A member who confirms each cycle (or whose share is over their limit) confirms a share before collection. */
export async function confirmShare(
  deps: ServiceDeps,
  principal: Principal,
  cycleId: number,
  memberId: number,
): Promise<{ status: string; shareFen: number }> {
  await memberFor(deps.pool, principal, memberId, false);
  const r =
    (await shareRepository.confirmShare(deps.pool, cycleId, memberId)) ??
    fail("not_found", "no share of this member in this cycle");
  return { status: r.status === "due" ? "confirmed" : r.status, shareFen: r.shareFen };
}
