import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { transferDueOn } from "../domain/plan/closure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { withTransaction } from "../store/db.ts";
import { endParticipation } from "./end-participation.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";

/** Moves members to another plan at an age (抗癌公社: at 65 into the parents' plan), without a new waiting period. */
export async function transferDueParticipations(
  deps: ServiceDeps,
  planId: string,
  on: CivilDate,
): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const rules = ruleVersionOn(plan, on)?.rules;
  if (!rules?.transferAtAge) return 0;
  const t = rules.transferAtAge;
  return withTransaction(deps.pool, async (tx) => {
    const rows = await enrolmentRepository.reachedAge(tx, planId, on, t.age);
    const target = await loadStoredPlan(tx, t.toPlan);
    const targetVersion = ruleVersionOn(target, on);
    if (!targetVersion) return 0;
    let moved = 0;
    for (const r of rows) {
      const due = transferDueOn(rules, r.birthDate);
      if (!due || due.on > on) continue;
      const endOn = addDays(due.on, -1) < on ? on : due.on;
      await endParticipation(deps, tx, r.participationId, `transferred:${t.toPlan}`, endOn);
      const movedId = await enrolmentRepository.insertTransferIn(tx, {
        memberId: r.memberId,
        planId: t.toPlan,
        tier: targetVersion.rules.tiers[0]!.id,
        on,
        ruleVersion: targetVersion.effective,
      });
      if (movedId !== undefined)
        await enrolmentRepository.insertEvent(tx, {
          participationId: movedId,
          memberId: r.memberId,
          kind: "transferred_in",
          on,
          at: new Date(deps.clock.now()),
          reason: planId,
        });
      moved++;
    }
    return moved;
  });
}
