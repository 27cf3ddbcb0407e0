import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { Charter, type CharterInput, charterOn, defaultCharter } from "../domain/governance/charter.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { documentSha256 } from "../plans/digest.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, withTransaction } from "../store/db.ts";
import { governanceRepository } from "./governance.repository.ts";
import { invalidDocument } from "./transition.ts";

/** Every charter version of a plan; a plan without one has the default from its first rule version. */
export async function chartersOf(q: Queryable, planId: string): Promise<Charter[]> {
  const stored = await governanceRepository.charters(q, planId);
  if (stored.length) return stored.map((c) => Charter.parse(c));
  const plan = await loadStoredPlan(q, planId);
  return [defaultCharter(plan.versions[0]!.effective)];
}

export async function charterInForce(q: Queryable, planId: string, on: CivilDate): Promise<Charter> {
  return (
    charterOn(await chartersOf(q, planId), on) ?? fail("conflict", `plan ${planId} has no charter on ${on}`)
  );
}

/**
 * A new charter version. Once a plan is active its charter is the members' own: the operator can set it
 * only while the plan is a draft or in consultation.
 */
export async function setCharter(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  input: CharterInput,
) {
  const parsed = Charter.safeParse(input);
  if (!parsed.success) return invalidDocument(parsed.error.issues, "charter");
  const plan = await loadStoredPlan(deps.pool, planId);
  if (plan.status !== "draft" && plan.status !== "consultation")
    fail("conflict", `the charter of a plan that is ${plan.status} changes only by the members' proposal`);
  await withTransaction(deps.pool, async (tx) => {
    await governanceRepository.insertCharter(tx, planId, parsed.data.effective, parsed.data);
    await appendLogEntry(tx, "plan_status", {
      plan: planId,
      charter: parsed.data.effective,
      charterSha256: documentSha256(parsed.data),
      by: `staff:${principal.id}`,
    });
  });
  return chartersOf(deps.pool, planId);
}
