import { startWindDownIn } from "../cycles/wind-down.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { civilDate } from "../domain/calendar.ts";
import { checkAdoption } from "../domain/governance/proposal.ts";
import { mergeRules } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { documentSha256 } from "../plans/digest.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import type { ProposalRow } from "./governance.repository.ts";
import { actorName, lockProposal, move } from "./transition.ts";
import { proposalView } from "./views.ts";

/** A change's new rule version, effective on the published date, with its digest in the log. */
async function addRuleVersion(tx: Tx, p: ProposalRow): Promise<void> {
  const base = await plansRepository.rulesInForce(tx, p.planId, p.effectiveOn!);
  const rules = mergeRules(base, p.changes);
  const added = await plansRepository.insertRuleVersion(tx, {
    planId: p.planId,
    effective: p.effectiveOn!,
    rules,
    summary: `proposal ${p.proposalId}: ${p.title}`,
  });
  if (!added) fail("conflict", `plan ${p.planId} already has a rule version effective ${p.effectiveOn}`);
  await appendLogEntry(tx, "rule_version", {
    plan: p.planId,
    effective: p.effectiveOn,
    rulesSha256: documentSha256(rules),
    proposal: p.proposalId,
  });
}

/**
 * Adoption: a new rule version effective on the published date (never before the notice ends, never
 * without the vote the charter requires — checked in the domain), or for a dissolution the wind-down,
 * in the same transaction: a dissolution is never adopted without its wind-down, nor the reverse.
 */
export async function adoptProposal(deps: ServiceDeps, principal: Principal, id: number) {
  await withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (!["published", "passed"].includes(p.state))
      fail("proposal_wrong_state", `a proposal that is ${p.state} cannot be adopted`);
    const ok = checkAdoption({
      state: p.state,
      voteRequired: p.voteRequired,
      noticeEndsOn: civilDate(p.noticeEndsOn!),
      effectiveOn: civilDate(p.effectiveOn!),
    });
    if (!ok.ok) return fail(ok.error.code, ok.error.message);
    if (p.voteRequired && todayOf(deps) < p.votingClosesOn!) fail("voting_open", "the vote is still open");
    if (p.kind === "change") await addRuleVersion(tx, p);
    await move(deps, tx, p, "adopt", `staff:${principal.id}`, `adopted, effective ${p.effectiveOn}`, {
      adoptedVersion: p.effectiveOn!,
    });
    await broadcast(
      deps,
      tx,
      p.planId,
      "adopted_change",
      `规则变更通过：${p.title}`,
      `自 ${p.effectiveOn} 起生效`,
    );
    deps.checkpoint?.("adopt:adopted");
    if (p.kind === "dissolution")
      await startWindDownIn(
        deps,
        tx,
        p.planId,
        civilDate(p.effectiveOn!),
        `dissolution voted: proposal ${id}`,
      );
  });
  return proposalView(deps.pool, id);
}

/** Withdraws a proposal before publication (its proposer or the operator). */
export async function withdrawProposal(deps: ServiceDeps, principal: Principal, id: number) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    const me = await actorName(tx, principal);
    if (principal.kind === "member" && p.proposer !== me) fail("not_found", `no proposal ${id}`);
    await move(deps, tx, p, "withdraw", me, "withdrawn");
    return proposalView(tx, id);
  });
}
