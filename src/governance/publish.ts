import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { planPublication } from "../domain/governance/proposal.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { broadcast } from "../notifications/notify.ts";
import { documentSha256 } from "../plans/digest.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { charterInForce } from "./charter.ts";
import { governanceRepository, type ProposalRow } from "./governance.repository.ts";
import { assessAgainst } from "./rebase.ts";
import { lockProposal, move } from "./transition.ts";
import { proposalView } from "./views.ts";

/**
 * Publication to every member: the notice runs from today, the effective date is checked against the
 * charter in force, and where the change's class needs a vote the vote opens now.
 */
export async function publishProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  effectiveOn: CivilDate,
) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.kind === "change" && !p.changes)
      fail("conflict", "only a concrete change can be published for adoption");
    await publishIn(deps, tx, p, `staff:${principal.id}`, effectiveOn);
    return proposalView(tx, id);
  });
}

/** Publishes a locked proposal in the caller's transaction (the operator's, or a log key announcement's). */
export async function publishIn(
  deps: ServiceDeps,
  tx: Tx,
  p: ProposalRow,
  actor: string,
  effectiveOn: CivilDate,
) {
  const today = todayOf(deps);
  const charter = await charterInForce(tx, p.planId, today);
  // the diff and the class as of the rules in force on the effective date, which decide the vote
  const a = p.changes
    ? await assessAgainst(tx, p.planId, effectiveOn, p.changes)
    : { diff: p.diff, changeClass: p.changeClass, reasons: p.classReasons };
  if (a.diff.length === 0 && p.kind === "change")
    fail("conflict", "the rules in force already say what this proposal asks");
  const pub = planPublication(charter, a.changeClass, today, effectiveOn);
  if (!pub.ok) return fail(pub.error.code, pub.error.message, pub.error.field);
  const { voteRequired, votingClosesOn, noticeEndsOn } = pub.value;
  const eligible = voteRequired ? await governanceRepository.eligibleCount(tx, p.planId, today) : null;
  await move(deps, tx, p, "publish", actor, `published with notice to ${noticeEndsOn}`, {
    charterEffective: charter.effective,
    publishedOn: today,
    effectiveOn,
    noticeEndsOn,
    voteRequired,
    votingClosesOn,
    voteRule: JSON.stringify(charter.votes[a.changeClass]),
    diff: JSON.stringify(a.diff),
    changeClass: a.changeClass,
    classReasons: JSON.stringify(a.reasons),
    quorumPercent: charter.quorumPercent,
    eligibleCount: eligible,
  });
  await appendLogEntry(tx, "proposal", {
    stage: "published",
    proposal: p.proposalId,
    plan: p.planId,
    changeClass: p.changeClass,
    changesSha256: documentSha256(p.changes ?? null),
    publishedOn: today,
    effectiveOn,
    voteRequired,
    votingClosesOn,
    eligible,
  });
  await broadcast(
    deps,
    tx,
    p.planId,
    voteRequired ? "vote" : "proposal",
    `规则变更公示：${p.title}`,
    `${p.diff.join("\n")}\n生效日期 ${effectiveOn}` +
      (voteRequired ? `；请在 ${votingClosesOn} 前投票` : "；公示期内欢迎留言"),
  );
}

/** A member's comment during the notice period, shown under their pseudonym. */
export async function commentOnProposal(deps: ServiceDeps, principal: Principal, id: number, text: string) {
  if (principal.kind !== "member") fail("forbidden", "comments come from members");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" && p.state !== "passed")
      fail("proposal_wrong_state", `a proposal that is ${p.state} takes no comments`);
    if (today >= p.noticeEndsOn!)
      fail("voting_closed", `comments closed when the notice ended on ${p.noticeEndsOn}`);
    const pseudonym = await memberPseudonym(tx, principal.id);
    await governanceRepository.insertComment(tx, {
      proposalId: id,
      memberId: principal.id,
      pseudonym,
      text,
      at: new Date(deps.clock.now()),
    });
    return { proposalId: id, member: pseudonym, text };
  });
}
