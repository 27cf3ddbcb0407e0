import { randomBytes } from "node:crypto";
import { objectionRepository } from "../claims/objection.repository.ts";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { INVITATION_CODE_BYTES, invitationCodeOf, normalInvitationCode } from "../domain/invitation.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { invitationRepository } from "./invitations.repository.ts";

/** The plan, which must ask for an invitation code under today's rules. */
async function invitationPlan(deps: ServiceDeps, q: Queryable, planId: string) {
  const plan = await loadStoredPlan(q, planId);
  const rules = ruleVersionOn(plan, todayOf(deps))?.rules;
  if (!rules?.eligibility.invitationRequired)
    fail("conflict", `${planId} needs no invitation code: anyone eligible may join`, "planId");
  return plan;
}

/** A member invites only into a plan they share in, holding at most limits.invitationCodesPerMemberMax unused codes. */
async function checkMemberIssuer(tx: Tx, planId: string, memberId: number, count: number): Promise<void> {
  if (!(await objectionRepository.sharesInPlan(tx, memberId, planId)))
    fail("forbidden", `only members sharing in ${planId} may invite`);
  const unused = await invitationRepository.unusedOfMember(tx, planId, memberId);
  if (unused + count > limits.invitationCodesPerMemberMax)
    fail(
      "invitation_limit",
      `you hold ${unused} unused codes; at most ${limits.invitationCodesPerMemberMax} at once`,
      "count",
    );
}

/**
 * Issues invitation codes for a plan that requires one (抗癌公社: registration closed, by invitation):
 * staff (operators) in batches, a member sharing in the plan for their own invitees. Each code joins
 * once. The log records how many were issued and by whom (staff, or the member's pseudonym), never the
 * codes.
 */
export async function issueInvitations(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  count: number,
) {
  await invitationPlan(deps, deps.pool, planId);
  return withTransaction(deps.pool, async (tx) => {
    const member = principal.kind === "member" ? principal.id : null;
    if (member !== null) await checkMemberIssuer(tx, planId, member, count);
    const codes = Array.from({ length: count }, () => invitationCodeOf(randomBytes(INVITATION_CODE_BYTES)));
    const at = new Date(deps.clock.now());
    await invitationRepository.insertCodes(tx, {
      planId,
      codes,
      memberId: member,
      staffId: member === null ? principal.id : null,
      at,
    });
    await appendLogEntry(tx, "invitation", {
      plan: planId,
      count,
      issuer: member === null ? "staff" : await memberPseudonym(tx, member),
      on: todayOf(deps),
    });
    return { planId, codes, issuedAt: at.toISOString() };
  });
}

/** The plan's codes counted (public: how the closed plan grows); a member also sees their own codes. */
export async function invitationCounts(deps: ServiceDeps, principal: Principal | undefined, planId: string) {
  await invitationPlan(deps, deps.pool, planId);
  const counts = await invitationRepository.counts(deps.pool, planId);
  if (principal?.kind !== "member") return { planId, ...counts };
  const mine = await invitationRepository.codesOfMember(deps.pool, planId, principal.id);
  return {
    planId,
    ...counts,
    mine: mine.map((c) => ({ code: c.code, issuedAt: c.issuedAt?.toISOString() ?? null, used: c.used })),
  };
}

/** At a join: the code is used, once; false when it is unknown or already used (in the join's transaction). */
export async function useInvitation(
  tx: Tx,
  u: { planId: string; code?: string | undefined; memberId: number; at: Date },
): Promise<boolean> {
  if (!u.code) return false;
  return invitationRepository.useCode(tx, { ...u, code: normalInvitationCode(u.code) });
}
