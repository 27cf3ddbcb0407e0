import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { addDays, civilDate } from "../domain/calendar.ts";
import {
  type Findings,
  judge,
  type StoredDecision,
  standingAt,
  storedDecision,
} from "../domain/claim/decision.ts";
import { refusalStep } from "../domain/claim/reasons.ts";
import { appealDueOn, publicityEndsOn } from "../domain/claim/state.ts";
import { fen, formatYuan } from "../domain/money.ts";
import { type ClaimDecision, decideClaim } from "../domain/plan/decision.ts";
import { eventClassName } from "../domain/plan/document.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { broadcast } from "../notifications/notify.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { type Actor, actorOf, asAssigned, lockClaim, requireDuty, rulesOf } from "./access.ts";
import { type Claim, claimRepository } from "./claim.repository.ts";
import { settleDeposit } from "./deposits.ts";
import { move } from "./transition.ts";
import { claimView } from "./views.ts";

/** Everything decideClaim needs, read from the record as it stood on the diagnosis date. */
export async function decisionFacts(q: Queryable, c: Claim, preExisting: boolean) {
  const p = oneRow(
    await claimRepository.participationFacts(q, c.participationId),
    `participation ${c.participationId}`,
  );
  const own = oneRow(
    await claimRepository.collectedSharesFen(q, c.memberId, c.planId),
    "the collected shares sum",
  );
  const members = oneRow(await claimRepository.activeMembers(q, c.planId), "the active members count");
  const standing = standingAt(
    {
      status: p.status,
      suspendedOn: p.suspendedOn === null ? null : civilDate(p.suspendedOn),
      endedOn: p.endedOn === null ? null : civilDate(p.endedOn),
    },
    civilDate(c.diagnosedOn),
  );
  return {
    event: c.event,
    diagnosedOn: civilDate(c.diagnosedOn),
    reportedOn: civilDate(c.reportedOn),
    afterDeath: c.afterDeath,
    preExisting,
    birthDate: civilDate(p.birthDate),
    joinedOn: civilDate(p.joinedOn),
    tier: p.tier,
    standing,
    ownContributionsFen: fen(Number(own.s)),
    effectiveMembers: members.n,
  } as const;
}

/** The findings the reviewer decides on: what they say now, else the latest recorded, else sound. */
async function findingsToJudge(tx: Tx, claimId: number, input: Partial<Findings>): Promise<Findings> {
  const found = await claimRepository.latestFindings(tx, claimId);
  return {
    diagnosisProven: input.diagnosisProven ?? found?.diagnosisProven ?? true,
    preExisting: input.preExisting ?? found?.preExisting ?? false,
    falseClaim: input.falseClaim ?? found?.falseClaim ?? false,
  };
}

/**
 * The reviewer decides. The rule version in force on the diagnosis date, the waiting period, the age
 * band, the phase-in and the tier give the benefit or a refusal with a reason code; the findings can
 * refuse (not proven, false claim, pre-existing). A refusal that ends the participation (waiting period,
 * pre-existing, false claim) ends it in this transaction. The deposit is settled here.
 */
export async function decide(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  input: Partial<Findings> & { note: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "reviewer");
    await requireDuty(tx, principal.id, "review", c);
    const f = await findingsToJudge(tx, claimId, input);
    const plan = await loadStoredPlan(tx, c.planId);
    const d = judge(decideClaim(plan, await decisionFacts(tx, c, f.preExisting)), f, input.note);
    await applyDecision(deps, tx, c, d, actorOf(principal), "reviewer");
    await claimRepository.resolveObjections(tx, claimId);
    return claimView(deps, tx, c, principal);
  });
}

/**
 * Records a decision (the reviewer's or the jury's) in the caller's transaction: the state move with
 * its deadlines, the end of the participation a refusal brings, the deposit, the announcement of an
 * approval, and the log entry.
 */
export async function applyDecision(
  deps: ServiceDeps,
  tx: Tx,
  c: Claim,
  d: ClaimDecision,
  actor: Actor,
  by: StoredDecision["by"],
): Promise<void> {
  const today = todayOf(deps);
  const rules = await rulesOf(tx, c);
  const pseudonym = await memberPseudonym(tx, c.memberId);
  const decision = JSON.stringify(storedDecision(d, by));
  if (d.approved) {
    await move(deps, tx, c, by === "jury" ? "overturn" : "approve", actor, d.why, {
      decision,
      benefit_fen: d.benefitFen,
      decided_on: today,
      published_on: today,
      publicity_ends_on: publicityEndsOn(rules, today),
      explanation_requested: false,
    });
  } else {
    await move(deps, tx, c, by === "jury" ? "uphold" : "reject", actor, refusalStep(d.reason, d.why), {
      decision,
      benefit_fen: null,
      decided_on: today,
      appeal_due_on: appealDueOn(rules, today),
    });
    if (d.endsParticipation) await endParticipation(deps, tx, c.participationId, `claim_${d.reason}`, today);
  }
  await settleDeposit(deps, tx, c, !d.approved && d.reason === "false_claim" ? "forfeit" : "refund");
  if (d.approved) {
    await broadcast(
      deps,
      tx,
      c.planId,
      "announcement",
      `互助公示：${eventClassName(await loadStoredPlan(tx, c.planId), today, c.event)}`,
      `案例 #${c.claimId} 公示至 ${addDays(publicityEndsOn(rules, today), -1)}，拟互助 ${formatYuan(d.benefitFen)} 元；如有异议请在公示期内提出。`,
    );
  }
  await appendLogEntry(tx, "claim_decision", {
    stage: by === "jury" ? "jury_result" : "decision",
    claim: c.claimId,
    plan: c.planId,
    member: pseudonym,
    event: c.event,
    diagnosedOn: c.diagnosedOn,
    ruleVersion: c.ruleVersion,
    decision: d.approved ? "approved" : "rejected",
    reason: d.approved ? null : d.reason,
    benefitFen: d.approved ? d.benefitFen : 0,
    on: today,
  });
}
