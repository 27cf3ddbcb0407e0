import { startWindDownIn } from "../cycles/wind-down.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { type CivilDate, civilDate } from "../domain/calendar.ts";
import { checkAdoption } from "../domain/governance/proposal.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { documentSha256 } from "../plans/digest.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { charterInForce } from "./charter.ts";
import type { ProposalRow } from "./governance.repository.ts";
import { assessAgainst } from "./rebase.ts";
import { actorName, lockProposal, move } from "./transition.ts";
import { proposalView } from "./views.ts";

/**
 * A change's new rule version, effective on the published date — or on the adoption day if that came
 * later: no version takes effect before its adoption — with the patch applied to the rules in force
 * then (recomputed: another adopted proposal may have changed them since publication). The version
 * names its proposal (the table's trigger asks for one after launch) and the log says so.
 */
async function addRuleVersion(tx: Tx, p: ProposalRow, effective: CivilDate): Promise<string[]> {
  const a = await assessAgainst(tx, p.planId, effective, p.changes ?? {});
  if (a.diff.length === 0) fail("conflict", "the rules in force already say what this proposal asks");
  // the rules under it may have changed since publication: a change that now needs a vote has not had one
  const charter = await charterInForce(tx, p.planId, civilDate(p.publishedOn!));
  if (charter.votes[a.changeClass].vote && !p.voteRequired)
    fail(
      "vote_required",
      `against the rules in force on ${effective} this change is a ${a.changeClass}, which needs the members' vote: propose it again`,
    );
  const added = await plansRepository.insertRuleVersion(tx, {
    planId: p.planId,
    effective,
    rules: a.after,
    summary: `proposal ${p.proposalId}: ${p.title}`,
    proposalId: p.proposalId,
  });
  if (!added) fail("conflict", `plan ${p.planId} already has a rule version effective ${effective}`);
  await appendLogEntry(tx, "rule_version", {
    plan: p.planId,
    effective,
    rulesSha256: documentSha256(a.after),
    proposal: p.proposalId,
  });
  return a.diff;
}

/** The adoption in the log: the tie `huzhu audit` checks between a version after launch and its proposal. */
async function logAdoption(tx: Tx, p: ProposalRow, adoptedOn: CivilDate, effective: CivilDate) {
  await appendLogEntry(tx, "proposal", {
    stage: "adopted",
    proposal: p.proposalId,
    plan: p.planId,
    kind: p.kind,
    adoptedOn,
    noticeEndsOn: p.noticeEndsOn,
    effectiveOn: effective,
  });
}

/**
 * Adoption: a new rule version (never before the notice ends, never before the adoption, never without
 * the vote the charter requires — checked in the domain), or for a dissolution the wind-down, in the
 * same transaction: a dissolution is never adopted without its wind-down, nor the reverse. A log key
 * proposal is adopted by the hand-over it waits for (src/keys/log-key.ts), not here.
 */
export async function adoptProposal(deps: ServiceDeps, principal: Principal, id: number) {
  await withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.kind === "log_key")
      fail(
        "conflict",
        "a log key proposal is adopted by the hand-over: huzhu keys rotate log-signing --hand-over",
      );
    await adoptIn(deps, tx, p, `staff:${principal.id}`);
  });
  return proposalView(deps.pool, id);
}

/** Adopts a locked proposal in the caller's transaction, as the charter allows today. */
export async function adoptIn(deps: ServiceDeps, tx: Tx, p: ProposalRow, actor: string): Promise<void> {
  const today = todayOf(deps);
  if (!["published", "passed"].includes(p.state))
    fail("proposal_wrong_state", `a proposal that is ${p.state} cannot be adopted`);
  const ok = checkAdoption({
    state: p.state,
    voteRequired: p.voteRequired,
    noticeEndsOn: civilDate(p.noticeEndsOn!),
    effectiveOn: civilDate(p.effectiveOn!),
  });
  if (!ok.ok) return fail(ok.error.code, ok.error.message);
  if (p.voteRequired && today < p.votingClosesOn!) fail("voting_open", "the vote is still open");
  const effective = p.effectiveOn! < today ? today : civilDate(p.effectiveOn!);
  const diff = p.kind === "change" ? await addRuleVersion(tx, p, effective) : p.diff;
  await logAdoption(tx, p, today, effective);
  await move(deps, tx, p, "adopt", actor, `adopted, effective ${effective}`, {
    adoptedVersion: effective,
    diff: JSON.stringify(diff),
  });
  await broadcast(deps, tx, p.planId, "adopted_change", `规则变更通过：${p.title}`, `自 ${effective} 起生效`);
  deps.checkpoint?.("adopt:adopted");
  if (p.kind === "dissolution")
    await startWindDownIn(deps, tx, p.planId, effective, `dissolution voted: proposal ${p.proposalId}`);
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
