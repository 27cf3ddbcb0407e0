import type { CivilDate } from "../domain/calendar.ts";
import type { Fen } from "../domain/money.ts";
import type { ServiceDeps } from "../services/deps.ts";
import { endParticipation } from "../services/enrolment.service.ts";
import type { Tx } from "../store/db.ts";

export type CaseEntry = {
  planId: string;
  memberId: number;
  participationId: number;
  event: string;
  benefitFen: Fen;
  enteredOn: CivilDate;
  /** The rules' `claims.paymentEndsParticipation` on the day the case enters. */
  endsParticipation: boolean;
};

/**
 * The hand-off from claims: an approved case waits for the next announcement, and where the rules say
 * payment ends the participation it ends on the day the case enters, in the caller's transaction.
 * `record` runs between the two with the new case's id (the caller's state move and log entry), so the
 * log keeps the order it has always had: the decision before the exit.
 */
export async function enterCase(
  deps: ServiceDeps,
  tx: Tx,
  c: CaseEntry,
  record?: (caseId: number) => Promise<unknown>,
): Promise<number> {
  const ins = await tx.query<{ case_id: number }>(
    "INSERT INTO cycle_cases (plan_id, member_id, event, benefit_fen, decided_on) VALUES ($1, $2, $3, $4, $5) RETURNING case_id",
    [c.planId, c.memberId, c.event, c.benefitFen, c.enteredOn],
  );
  const caseId = ins.rows[0]!.case_id;
  await record?.(caseId);
  if (c.endsParticipation)
    await endParticipation(deps, tx, c.participationId, "benefit_approved", c.enteredOn);
  return caseId;
}
