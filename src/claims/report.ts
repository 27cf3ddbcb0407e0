import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { claimDutyRefusal, type Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { reasonColumns, reasonText, why } from "../domain/claim/reasons.ts";
import { checkReportDeadline, documentsDueOn, reviewDueOn } from "../domain/claim/state.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { encryptPersonal } from "../secrets.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { actorOf, asApplicant, lockClaim, rulesOf } from "./access.ts";
import { claimRepository } from "./claim.repository.ts";
import { holdDeposit, settleDeposit } from "./deposits.ts";
import { move } from "./transition.ts";
import { claimView } from "./views.ts";

export type ReportInput = {
  participationId: number;
  event: string;
  diagnosedOn: CivilDate;
  afterDeath: boolean;
  description?: string;
};

type Reporting = { memberId: number; planId: string; recorder: number | null };

/**
 * Who may report on this participation: the member (or their guardian); staff only to act for an heir
 * after a recorded death, by the separation-of-duties policy. Anyone else learns nothing (404).
 */
async function mayReport(deps: ServiceDeps, principal: Principal, input: ReportInput): Promise<Reporting> {
  const p =
    (await claimRepository.participationToReport(deps.pool, input.participationId)) ??
    fail("not_found", `no participation ${input.participationId}`, "participationId");
  if (principal.kind === "member") {
    await memberFor(deps.pool, principal, p.memberId, false).catch(() =>
      fail("not_found", `no participation ${input.participationId}`, "participationId"),
    );
  } else {
    const refusal = claimDutyRefusal(principal.id, "act_for_heir", {
      reviewerId: null,
      investigatorIds: [],
      heirAgentIds: [],
      afterDeath: input.afterDeath,
      deathRecordedBy: p.recorder,
    });
    if (refusal)
      fail(p.recorder === null && input.afterDeath ? "not_deceased" : "separation_of_duties", refusal);
  }
  if (input.afterDeath && p.recorder === null)
    fail("not_deceased", "a claim after a death needs the member's death recorded first", "afterDeath");
  return p;
}

/** The event must be one the plan covers, reported within the deadline of the rules in force. */
function checkReport(rules: Rules, input: ReportInput, today: CivilDate): CivilDate {
  if (!rules.eventClasses.some((e) => e.id === input.event))
    fail("validation", `the plan covers no event "${input.event}"`, "event");
  const deadline = checkReportDeadline(rules, { ...input, reportedOn: today });
  if (!deadline.ok) return fail(deadline.error.code, deadline.error.message, deadline.error.field);
  return deadline.value.deadline;
}

async function refuseDuplicate(tx: Tx, input: ReportInput): Promise<void> {
  if (await claimRepository.hasOpenClaim(tx, input.participationId, input.event))
    fail("claim_duplicate", "this illness already has an open claim on this participation");
}

/**
 * Reports a claim for oneself or a dependant (or, by the operator, for an heir after a death). The
 * report deadline is checked by the rule version in force on the diagnosis date; a review deposit the
 * plan requires is moved from the prepaid balance into the deposit account.
 */
export async function reportClaim(deps: ServiceDeps, principal: Principal, input: ReportInput) {
  const today = todayOf(deps);
  const p = await mayReport(deps, principal, input);
  const rules = await rulesOf(deps.pool, { planId: p.planId, diagnosedOn: input.diagnosedOn });
  const deadline = checkReport(rules, input, today);
  const version = ruleVersionOn(await loadStoredPlan(deps.pool, p.planId), input.diagnosedOn)!;
  const depositFen = rules.claims.reviewDeposit ?? 0;
  return withTransaction(deps.pool, async (tx) => {
    await refuseDuplicate(tx, input);
    const at = new Date(deps.clock.now());
    const ins = await claimRepository.insertClaim(tx, {
      participationId: input.participationId,
      memberId: p.memberId,
      planId: p.planId,
      event: input.event,
      diagnosedOn: input.diagnosedOn,
      reportedOn: today,
      afterDeath: input.afterDeath,
      ruleVersion: version.effective,
      descriptionCipher: input.description ? encryptPersonal(deps.secrets, input.description) : null,
      documentsDueOn: documentsDueOn(rules, today),
      depositFen,
      depositStatus: depositFen > 0 ? "held" : "none",
      createdAt: at,
    });
    const claimId = oneRow(ins, "the new claim").claimId;
    const params = { reportedOn: today, diagnosedOn: input.diagnosedOn, dueOn: deadline };
    const r = why(input.afterDeath ? "reported_after_death" : "reported", params);
    const { code, params: stored } = reasonColumns(r);
    const reported = { reason: reasonText(r), reasonCode: code, reasonParams: stored };
    await claimRepository.insertReported(tx, {
      claimId,
      actorKind: principal.kind,
      actorId: principal.id,
      ...reported,
      ruleVersion: version.effective,
      on: today,
      at: new Date(deps.clock.now()),
    });
    if (depositFen > 0)
      await holdDeposit(deps, tx, { claimId, memberId: p.memberId, planId: p.planId, depositFen });
    return claimView(deps, tx, await lockClaim(tx, claimId), principal);
  });
}

/**
 * An operator records a member's death (the date on the death certificate); an after-death claim is
 * accepted only then, and another operator acts for the heir (claimDutyRefusal).
 */
export async function recordDeath(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  diedOn: CivilDate,
) {
  if (diedOn > todayOf(deps)) fail("validation", "the date of death is after today", "diedOn");
  const m =
    (await claimRepository.recordDeath(deps.pool, memberId, diedOn, principal.id)) ??
    fail("not_found", `no member ${memberId}`);
  if (m.diedOn !== diedOn) fail("conflict", `the member's death is recorded on ${m.diedOn}`, "diedOn");
  return { memberId, diedOn };
}

/** The applicant hands in the documents: the review starts, with its time limit by complexity. */
export async function submitClaim(deps: ServiceDeps, principal: Principal, claimId: number) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps.pool, principal, c);
    if (c.state === "reported") fail("documents_missing", "upload at least one document before submitting");
    const today = todayOf(deps);
    if (today > c.documentsDueOn)
      fail("claim_deadline_passed", `documents were due by ${c.documentsDueOn}; the claim lapses`);
    const rules = await rulesOf(tx, c);
    await move(deps, tx, c, "submit", actorOf(principal), why("submitted", {}), {
      review_started_on: today,
      complexity: "clear",
      review_due_on: reviewDueOn(rules, today, "clear"),
    });
    return claimView(deps, tx, c, principal);
  });
}

/** The applicant withdraws before the case is shared; a held deposit is refunded. */
export async function withdrawClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  reason: string,
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps.pool, principal, c);
    // the applicant's own words are kept encrypted (note), not in the transition's reason
    await move(deps, tx, c, "withdraw", actorOf(principal), why("withdrawn", {}), {}, reason || undefined);
    await settleDeposit(deps, tx, c, "refund");
    return claimView(deps, tx, c, principal);
  });
}
