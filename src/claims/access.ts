import { type ClaimDuties, type ClaimDuty, claimDutyRefusal, type Principal } from "../domain/access.ts";
import { civilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { type Claim, claimRepository } from "./claim.repository.ts";

/** Who moved a claim: a member, a staff member, the scheduler, or the jury's tally. */
export type Actor = { kind: "member" | "staff" | "system" | "jury"; id: number | null };
export const actorOf = (p: Principal): Actor => ({ kind: p.kind, id: p.id });
export const SYSTEM: Actor = { kind: "system", id: null };
export const JURY: Actor = { kind: "jury", id: null };

/** The claim, locked until the end of the transaction; 404 if there is none. */
export async function lockClaim(tx: Tx, claimId: number): Promise<Claim> {
  return (await claimRepository.lock(tx, claimId)) ?? fail("not_found", `no claim ${claimId}`);
}

export async function loadClaim(q: Queryable, claimId: number): Promise<Claim> {
  return (await claimRepository.load(q, claimId)) ?? fail("not_found", `no claim ${claimId}`);
}

/** The rules in force on the claim's diagnosis date (the version a claim is judged by). */
export async function rulesOf(q: Queryable, c: Pick<Claim, "planId" | "diagnosedOn">): Promise<Rules> {
  const plan = await loadStoredPlan(q, c.planId);
  return (
    ruleVersionOn(plan, civilDate(c.diagnosedOn))?.rules ??
    fail("conflict", `the plan had no rules in force on ${c.diagnosedOn}`)
  );
}

/** Who has held which duty on a claim: the input of the separation-of-duties policy. */
async function dutiesOf(q: Queryable, c: Claim): Promise<ClaimDuties> {
  const r = oneRow(await claimRepository.duties(q, c.claimId, c.memberId), `duties on claim ${c.claimId}`);
  return {
    reviewerId: c.reviewerId,
    investigatorIds: c.investigatorId === null ? r.investigators : [c.investigatorId, ...r.investigators],
    heirAgentIds: r.agents,
    afterDeath: c.afterDeath,
    deathRecordedBy: r.recorder,
  };
}

/** Refuses (403 separation_of_duties) a duty the policy does not allow this staff member on this claim. */
export async function requireDuty(q: Queryable, staffId: number, duty: ClaimDuty, c: Claim): Promise<void> {
  const refusal = claimDutyRefusal(staffId, duty, await dutiesOf(q, c));
  if (refusal) fail("separation_of_duties", refusal);
}

/** The applicant (or their guardian), or an operator acting for an heir after a recorded death. */
export async function asApplicant(q: Queryable, principal: Principal, c: Claim): Promise<void> {
  // an operator acts for an heir after a recorded death (heirs need not hold an account), by the policy
  if (principal.kind === "staff") {
    if (!principal.roles.includes("operator")) fail("forbidden", "only the applicant may do this");
    return requireDuty(q, principal.id, "act_for_heir", c);
  }
  await memberFor(q, principal, c.memberId, false).catch(() => fail("not_found", `no claim ${c.claimId}`));
}

export function asAssigned(principal: Principal, c: Claim, who: "reviewer" | "investigator"): void {
  const id = who === "reviewer" ? c.reviewerId : c.investigatorId;
  if (id !== principal.id) fail("not_assigned", `you are not the ${who} assigned to claim ${c.claimId}`);
}

/** The documents and free texts: the applicant (or guardian), the assigned reviewer and investigator. */
export async function mayReadDocuments(q: Queryable, principal: Principal, c: Claim): Promise<boolean> {
  if (principal.kind === "staff") return c.reviewerId === principal.id || c.investigatorId === principal.id;
  return memberFor(q, principal, c.memberId, false).then(
    () => true,
    () => false,
  );
}
