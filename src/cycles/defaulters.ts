import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import type { Tx } from "../store/db.ts";
import { shareRepository } from "./share.repository.ts";

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
  for (const participationId of await shareRepository.defaulters(tx, planId, exitAfter, memberIds ?? null))
    await endParticipation(deps, tx, participationId, "sharing_obligation_failed", on);
}
