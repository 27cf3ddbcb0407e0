import { enterCase } from "../../src/cycles/cases.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import type { CivilDate } from "../../src/domain/calendar.ts";
import type { Fen } from "../../src/domain/money.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import { fail } from "../../src/errors.ts";
import { appendLogEntry } from "../../src/log/append.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { withTransaction } from "../../src/store/db.ts";

/**
 * An approved case entered directly (tests, the bench): `enterCase` and its logged decision. Claims hand
 * their cases over through `enterCase` itself.
 */
export async function addApprovedCase(
  deps: ServiceDeps,
  c: { participationId: number; event: string; benefitFen: Fen; decidedOn: CivilDate },
): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const { rows } = await tx.query<{ member_id: number; plan_id: string; pseudonym: string }>(
      "SELECT p.member_id, p.plan_id, m.pseudonym FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1",
      [c.participationId],
    );
    const p = rows[0] ?? fail("not_found", `no participation ${c.participationId}`);
    const plan = await loadStoredPlan(tx, p.plan_id);
    const rules =
      ruleVersionOn(plan, c.decidedOn)?.rules ?? fail("conflict", "no rules in force on the decision date");
    const entry = {
      planId: p.plan_id,
      memberId: p.member_id,
      participationId: c.participationId,
      event: c.event,
      benefitFen: c.benefitFen,
      enteredOn: c.decidedOn,
      endsParticipation: rules.claims.paymentEndsParticipation,
    };
    return enterCase(deps, tx, entry, (caseId) =>
      appendLogEntry(tx, "claim_decision", {
        member: p.pseudonym,
        plan: p.plan_id,
        case: caseId,
        decision: "approved",
        benefitFen: c.benefitFen,
        on: c.decidedOn,
      }),
    );
  });
}
