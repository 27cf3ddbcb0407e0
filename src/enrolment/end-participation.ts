import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { appendLogEntry } from "../log/append.ts";
import type { Tx } from "../store/db.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";

/** Ends a participation in the caller's transaction, recording the event; false if it had ended. */
export async function endParticipation(
  deps: ServiceDeps,
  tx: Tx,
  participationId: number,
  reason: string,
  on: CivilDate,
): Promise<boolean> {
  const ended = await enrolmentRepository.end(tx, participationId, on, reason);
  if (!ended) return false;
  await enrolmentRepository.insertEvent(tx, {
    participationId,
    memberId: ended.memberId,
    kind: "ended",
    on,
    at: new Date(deps.clock.now()),
    reason,
  });
  await appendLogEntry(tx, "exit", {
    member: ended.pseudonym,
    plan: ended.planId,
    participation: participationId,
    on,
    reason,
  });
  return true;
}
