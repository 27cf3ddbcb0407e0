import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { civilDate } from "../domain/calendar.ts";
import { objectionWaitSeconds } from "../domain/claim/objection.ts";
import { why } from "../domain/claim/reasons.ts";
import { checkObjectionWindow, nextState } from "../domain/claim/state.ts";
import { fail, failRetryAfter } from "../errors.ts";
import { limits } from "../limits.ts";
import { encryptPersonal, memberMobile } from "../secrets.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { actorOf, asApplicant, lockClaim } from "./access.ts";
import { type Claim, claimRepository } from "./claim.repository.ts";
import { objectionRepository } from "./objection.repository.ts";
import { move } from "./transition.ts";
import { claimView } from "./views.ts";

/**
 * Who may object, checked under the claim's lock: a member sharing in the claim's plan (an active
 * participation), not the applicant, once per claim, and at most limits.objectionRate a day.
 */
async function checkObjector(deps: ServiceDeps, tx: Tx, c: Claim, memberId: number): Promise<void> {
  if (c.memberId === memberId) fail("forbidden", "an applicant cannot object to their own claim");
  if (!(await objectionRepository.sharesInPlan(tx, memberId, c.planId)))
    fail("not_sharing_member", `only members sharing in ${c.planId} may object to its cases`);
  if (await objectionRepository.hasObjected(tx, c.claimId, memberId))
    fail("already_objected", `you have already objected to claim ${c.claimId}`);
  const rate = limits.objectionRate;
  const now = deps.clock.now();
  const recent = await objectionRepository.objectionTimesSince(
    tx,
    memberId,
    new Date(now - rate.windowSeconds * 1000),
  );
  const waitSeconds = objectionWaitSeconds(rate, recent, now);
  if (waitSeconds > 0)
    failRetryAfter(
      "rate_limited",
      `at most ${rate.perWindow} objections a day; try again in ${waitSeconds} s`,
      waitSeconds,
    );
}

/** A member sharing in the plan may object to a published case, once, with grounds: it goes back to review. */
export async function objectToClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  grounds: string,
) {
  if (principal.kind !== "member") fail("forbidden", "objections come from members");
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    if (c.state !== "announcement") {
      const r = nextState(c.state, "object");
      if (!r.ok) fail(r.error.code, r.error.message);
    }
    const w = checkObjectionWindow(civilDate(c.publishedOn!), civilDate(c.publicityEndsOn!), todayOf(deps));
    if (!w.ok) fail(w.error.code, w.error.message);
    await checkObjector(deps, tx, c, principal.id);
    const at = new Date(deps.clock.now());
    await claimRepository.insertObjection(
      tx,
      claimId,
      principal.id,
      encryptPersonal(deps.secrets, grounds),
      at,
    );
    await move(deps, tx, c, "object", actorOf(principal), why("objected", {}), {
      explanation_requested: true,
    });
    await notifyApplicant(
      deps,
      tx,
      c,
      `【互助】您的互助申请 #${claimId} 在公示期收到异议，已退回复核。请登录补充说明。`,
    );
    return { claimId, state: c.state, objectedOn: todayOf(deps) };
  });
}

/** An SMS to the applicant (or the guardian of a dependant); a failed send does not undo the move. */
async function notifyApplicant(deps: ServiceDeps, tx: Tx, c: Claim, body: string): Promise<void> {
  const r = await claimRepository.contactOf(tx, c.memberId);
  if (!r) return;
  const mobile =
    memberMobile(deps.secrets, r) ??
    memberMobile(deps.secrets, { personal_cipher: r.g_personal_cipher, mobile_cipher: r.g_mobile_cipher });
  if (!mobile) return;
  await deps.sms.send(tx, mobile, body, new Date(deps.clock.now()));
}

/** The applicant answers an objection. */
export async function explainClaim(deps: ServiceDeps, principal: Principal, claimId: number, text: string) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps.pool, principal, c);
    if (!c.explanationRequested) fail("conflict", "no explanation was asked for");
    await claimRepository.insertExplanation(
      tx,
      claimId,
      encryptPersonal(deps.secrets, text),
      new Date(deps.clock.now()),
    );
    await move(deps, tx, c, "explain", actorOf(principal), why("explained", {}), {
      explanation_requested: false,
    });
    return claimView(deps, tx, c, principal);
  });
}
