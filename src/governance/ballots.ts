import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { BallotCounter, type LoggedBallot, readBallot } from "../domain/governance/ballots.ts";
import { tallyVote } from "../domain/governance/proposal.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { broadcast } from "../notifications/notify.ts";
import { type Db, type Queryable, withTransaction } from "../store/db.ts";
import { governanceRepository } from "./governance.repository.ts";
import { lockProposal, move } from "./transition.ts";
import { proposalView } from "./views.ts";

/**
 * A member's ballot: one counted vote per eligible adult member, changeable until the window closes
 * (the last ballot counts). Every ballot goes to the transparency log under the member's pseudonym with
 * its sequence number, so anyone recomputes the tally from the log.
 */
export async function castBallot(deps: ServiceDeps, principal: Principal, id: number, inFavour: boolean) {
  if (principal.kind !== "member") fail("not_eligible", "members vote");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" || !p.voteRequired)
      fail("proposal_wrong_state", "this proposal is not open for a vote");
    if (today >= p.votingClosesOn!)
      fail("voting_closed", `the vote closed on ${p.votingClosesOn} (the last day was the day before)`);
    if (!(await governanceRepository.isEligible(tx, p.planId, p.publishedOn, principal.id)))
      fail("not_eligible", "only adult members of the plan who joined by the publication may vote");
    const seq = await governanceRepository.nextBallotSeq(tx, id, principal.id);
    await governanceRepository.insertBallot(tx, {
      proposalId: id,
      memberId: principal.id,
      seq,
      inFavour,
      at: new Date(deps.clock.now()),
    });
    const member = await memberPseudonym(tx, principal.id);
    const ballot: LoggedBallot = { proposal: id, member, inFavour, seq };
    await appendLogEntry(tx, "ballot", ballot);
    return { ...ballot, replacesEarlier: seq > 1 };
  });
}

/** The count from the database: each member's last ballot. */
export const countFromDatabase = (q: Queryable, id: number) => governanceRepository.lastBallotCounts(q, id);

/** The count from this server's log table, streamed (a national vote has millions of ballots). */
export async function countFromLog(pool: Db, id: number) {
  const counter = new BallotCounter(id);
  const client = await pool.connect();
  try {
    await governanceRepository.streamBallotEntries(client, id, (line) => {
      const b = readBallot(line);
      if (b) counter.add(b);
    });
  } finally {
    client.release();
  }
  return counter.result();
}

/** After the window: the result by the charter's rule and quorum, published and logged. */
export async function tallyProposal(deps: ServiceDeps, actor: string, id: number) {
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" || !p.voteRequired) fail("proposal_wrong_state", "there is no vote to count");
    if (today < p.votingClosesOn!) fail("voting_open", `the vote is open until ${p.votingClosesOn}`);
    const votes = await countFromDatabase(tx, id);
    const t = tallyVote(votes, p.eligibleCount!, p.voteRule!, Number(p.quorumPercent));
    await move(deps, tx, p, t.passed ? "pass" : "fail", actor, t.explanation, { tally: JSON.stringify(t) });
    await appendLogEntry(tx, "proposal", {
      stage: "result",
      proposal: id,
      plan: p.planId,
      inFavour: t.inFavour,
      against: t.against,
      eligible: t.eligible,
      passed: t.passed,
    });
    await broadcast(deps, tx, p.planId, "vote", `投票结果：${p.title}`, t.explanation);
    return proposalView(tx, id);
  });
}
