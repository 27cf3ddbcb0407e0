import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { civilDate } from "../domain/calendar.ts";
import type { Findings } from "../domain/claim/decision.ts";
import { type Reason, why } from "../domain/claim/reasons.ts";
import { type Complexity, reviewDueOn } from "../domain/claim/state.ts";
import { fail } from "../errors.ts";
import { encryptPersonal } from "../secrets.ts";
import { withTransaction } from "../store/db.ts";
import { actorOf, asAssigned, lockClaim, requireDuty, rulesOf } from "./access.ts";
import { type ClaimColumn, claimRepository } from "./claim.repository.ts";
import { move } from "./transition.ts";
import { claimView } from "./views.ts";

/** The operator assigns the reviewer (and sets the complexity, which sets the review deadline). */
export async function assignClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  a: { reviewerId?: number; complexity?: Complexity },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    if (a.reviewerId !== undefined && !(await claimRepository.staffHasRole(tx, a.reviewerId, "reviewer")))
      fail("validation", `staff ${a.reviewerId} is not a reviewer`, "reviewerId");
    if (a.reviewerId !== undefined) await requireDuty(tx, a.reviewerId, "review", c);
    const rules = await rulesOf(tx, c);
    const set: Partial<Record<ClaimColumn, unknown>> = {};
    if (a.reviewerId !== undefined) set.reviewer_id = a.reviewerId;
    if (a.complexity) {
      set.complexity = a.complexity;
      set.review_due_on = reviewDueOn(rules, civilDate(c.reviewStartedOn ?? todayOf(deps)), a.complexity);
    }
    await move(deps, tx, c, "assign", actorOf(principal), assignedWhy(a), set);
    return claimView(deps, tx, await lockClaim(tx, claimId), principal);
  });
}

/** The assignment's step reason: what it changed. */
function assignedWhy(a: { reviewerId?: number; complexity?: Complexity }): Reason {
  const { reviewerId, complexity } = a;
  if (reviewerId !== undefined && complexity)
    return why("assigned_reviewer_complexity", { reviewerId, complexity });
  if (reviewerId !== undefined) return why("assigned_reviewer", { reviewerId });
  if (complexity) return why("assigned_complexity", { complexity });
  return why("assignment_unchanged", {});
}

/** The reviewer sends the case to an investigator. */
export async function startInvestigation(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  i: { investigatorId: number; reason: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "reviewer");
    if (!(await claimRepository.staffHasRole(tx, i.investigatorId, "investigator")))
      fail("validation", `staff ${i.investigatorId} is not an investigator`, "investigatorId");
    await requireDuty(tx, principal.id, "review", c);
    await requireDuty(tx, i.investigatorId, "investigate", c);
    await move(
      deps,
      tx,
      c,
      "investigate",
      actorOf(principal),
      why("investigation_started", { text: i.reason }),
      {
        investigator_id: i.investigatorId,
      },
    );
    return claimView(deps, tx, c, principal);
  });
}

/** The investigator's findings and the expert's opinion (encrypted: they describe a person's health). */
export async function recordFindings(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  f: Findings & { findings: string; expertOpinion?: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "investigator");
    await requireDuty(tx, principal.id, "investigate", c);
    await move(deps, tx, c, "record_findings", actorOf(principal), why("findings_recorded", {}));
    await claimRepository.insertFindings(tx, {
      claimId,
      investigatorId: principal.id,
      findingsCipher: encryptPersonal(deps.secrets, f.findings),
      opinionCipher: f.expertOpinion ? encryptPersonal(deps.secrets, f.expertOpinion) : null,
      diagnosisProven: f.diagnosisProven,
      preExisting: f.preExisting,
      falseClaim: f.falseClaim,
      at: new Date(deps.clock.now()),
    });
    return claimView(deps, tx, c, principal);
  });
}
