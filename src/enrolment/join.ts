import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkEligibility } from "../domain/plan/eligibility.ts";
import { firstDepositMet } from "../domain/plan/fees.ts";
import { premiumPoolOf } from "../domain/plan/premium-pool.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import { fail } from "../errors.ts";
import { useInvitation } from "../invitations/issue.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberFor } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { assertPremiumHeld, enterPool } from "../pools/enter.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { balanceOf } from "../store/ledger.repository.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";
import { getParticipation, type ParticipationView } from "./views.ts";

export type JoinInput = {
  memberId: number;
  planId: string;
  tier?: string | undefined;
  answers?: Record<string, boolean> | undefined;
  answersVersion?: string | undefined;
  invitationCode?: string | undefined;
  occupation?: string | undefined;
};

/**
 * Joins a plan under the rule version in force today: age limits, health declaration (answers kept
 * with their question version), tier, invitation code, and for prepaid plans the initial deposit.
 * The waiting period restarts on every join.
 */
export async function join(
  deps: ServiceDeps,
  principal: Principal,
  input: JoinInput,
): Promise<ParticipationView> {
  const member = await memberFor(deps.pool, principal, input.memberId, false);
  const plan = await loadStoredPlan(deps.pool, input.planId);
  if (plan.status !== "active") fail("plan_not_open", `the plan is ${plan.status}`, "planId");
  const today = todayOf(deps);
  const version = ruleVersionOn(plan, today);
  if (!version) return fail("plan_not_open", "the plan has no rules in force today", "planId");
  const rules = version.rules;
  const eligible = checkEligibility(rules, {
    birthDate: member.birthDate,
    sex: member.sex,
    joinDate: today,
    tier: input.tier,
    answers: input.answers,
    answersVersion: input.answersVersion,
    invitationCode: input.invitationCode,
    occupation: input.occupation,
  });
  if (!eligible.ok) return fail(eligible.error.code, eligible.error.message, eligible.error.field);
  return withTransaction(deps.pool, async (tx) => {
    await assertMayJoin(tx, rules, {
      planId: plan.id,
      memberId: member.memberId,
      code: input.invitationCode,
      at: new Date(deps.clock.now()),
    });
    const earliest = Math.min(
      ...rules.eventClasses.map((e) => waitingDaysFor(rules, eligible.value.ageAtJoining, e.id)),
    );
    const participationId = await enrolmentRepository.insertJoin(tx, {
      memberId: member.memberId,
      planId: plan.id,
      tier: eligible.value.tier,
      joinedOn: today,
      coveredFrom: coveredFrom(today, earliest),
      ruleVersion: version.effective,
      declaration: JSON.stringify(input.answers ?? {}),
      declarationVersion: rules.eligibility.healthDeclaration?.version ?? null,
      invitationCode: input.invitationCode ?? null,
    });
    if (participationId === undefined)
      return fail("already_joined", "already a participant of this plan", "planId");
    await enrolmentRepository.insertEvent(tx, {
      participationId,
      memberId: member.memberId,
      kind: "joined",
      on: today,
      at: new Date(deps.clock.now()),
      reason: null,
    });
    const premiumPool = premiumPoolOf(rules.funding);
    if (premiumPool) {
      await assertPremiumHeld(tx, premiumPool, member.memberId);
      const at = new Date(deps.clock.now());
      await enterPool(tx, premiumPool, {
        participationId,
        memberId: member.memberId,
        planId: plan.id,
        on: today,
        at,
      });
    }
    await appendLogEntry(tx, "join", {
      member: member.pseudonym,
      plan: plan.id,
      participation: participationId,
      tier: eligible.value.tier,
      joinedOn: today,
      coveredFrom: coveredFrom(today, earliest),
      ruleVersion: version.effective,
    });
    return getParticipation(tx, participationId);
  });
}

/** The checks that need the database: the invitation code, and a prepaid plan's first deposit. */
async function assertMayJoin(
  tx: Tx,
  rules: Rules,
  j: { planId: string; memberId: number; code?: string; at: Date },
) {
  // the code is used once, in the join's transaction (a failed join gives it back)
  if (rules.eligibility.invitationRequired && !(await useInvitation(tx, j)))
    fail("invitation_required", "the invitation code is not valid for this plan", "invitationCode");
  if (rules.funding.mode === "prepaid") {
    const balance = await balanceOf(tx, accounts.memberBalance(j.memberId));
    // The balance is a liability: credits are negative in the ledger, so what the member holds is −balance.
    if (!firstDepositMet(rules, fen(-balance))) {
      fail(
        "insufficient_balance",
        `this plan needs a first deposit of ${rules.funding.initialDeposit / 100} yuan; top up first`,
        "planId",
      );
    }
  }
}
