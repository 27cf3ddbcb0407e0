import { addDays, type CivilDate, daysBetween } from "../calendar.ts";
import { formatPercent } from "../percent.ts";
import { err, ok, problem, type Result } from "../result.ts";
import type { ChangeClass, Charter, VoteRule } from "./charter.ts";

/**
 * A proposal's life (相互宝's 共议: suggestion, evaluation, publication with comments, notice, effect):
 * submitted → accepted | declined → published (notice, comments; a vote where the charter says)
 * → passed | failed (by the tally) → adopted (a new rule version), or withdrawn before publication.
 */
export const PROPOSAL_STATES = [
  "submitted",
  "accepted",
  "declined",
  "published",
  "passed",
  "failed",
  "adopted",
  "withdrawn",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

const MOVES: Record<ProposalState, Partial<Record<string, ProposalState>>> = {
  submitted: { accept: "accepted", decline: "declined", evaluate: "submitted", withdraw: "withdrawn" },
  accepted: { publish: "published", evaluate: "accepted", withdraw: "withdrawn" },
  published: { pass: "passed", fail: "failed", adopt: "adopted" },
  passed: { adopt: "adopted" },
  failed: {},
  declined: {},
  adopted: {},
  withdrawn: {},
};

export function nextProposalState(from: ProposalState, action: string): Result<ProposalState> {
  const to = MOVES[from][action];
  if (to) return ok(to);
  return err(problem("proposal_wrong_state", `a proposal that is ${from} cannot ${action}`));
}

export type Publication = {
  readonly publishedOn: CivilDate;
  readonly effectiveOn: CivilDate;
  readonly noticeEndsOn: CivilDate;
  readonly voteRequired: boolean;
  readonly votingClosesOn: CivilDate | null;
};

/**
 * Publication under the charter: the effective date may not come before the end of the notice
 * (published with 14 days' notice when the charter asks 15 is refused), and a vote must close before
 * the change would take effect.
 */
export function planPublication(
  charter: Charter,
  changeClass: ChangeClass,
  publishedOn: CivilDate,
  effectiveOn: CivilDate,
): Result<Publication> {
  const noticeEndsOn = addDays(publishedOn, charter.noticeDays);
  if (effectiveOn < noticeEndsOn) {
    return err(
      problem(
        "notice_too_short",
        `the charter asks ${charter.noticeDays} days' notice: published on ${publishedOn}, the change can take effect on ${noticeEndsOn} at the earliest, not ${effectiveOn} (${daysBetween(publishedOn, effectiveOn)} days)`,
        "effectiveOn",
      ),
    );
  }
  const rule = charter.votes[changeClass];
  const votingClosesOn = rule.vote ? addDays(publishedOn, charter.votingWindowDays) : null;
  if (votingClosesOn && votingClosesOn > effectiveOn) {
    return err(
      problem(
        "notice_too_short",
        `the vote closes on ${votingClosesOn}, after the proposed effective date ${effectiveOn}`,
        "effectiveOn",
      ),
    );
  }
  return ok({ publishedOn, effectiveOn, noticeEndsOn, voteRequired: rule.vote, votingClosesOn });
}

/**
 * Adoption: never before the notice ends, and a change that needed a vote only after it passed.
 * Enforced here, whatever the caller (API, CLI, a script) is.
 */
export function checkAdoption(p: {
  state: ProposalState;
  voteRequired: boolean;
  noticeEndsOn: CivilDate;
  effectiveOn: CivilDate;
}): Result<true> {
  if (p.effectiveOn < p.noticeEndsOn)
    return err(problem("notice_too_short", `the change cannot take effect before ${p.noticeEndsOn}`));
  if (p.voteRequired && p.state !== "passed") {
    return err(
      problem(
        "vote_required",
        p.state === "failed"
          ? "the members voted the change down"
          : "this change needs the members' vote, and the vote has not passed",
      ),
    );
  }
  if (!p.voteRequired && p.state !== "published")
    return err(problem("proposal_wrong_state", `a proposal that is ${p.state} cannot be adopted`));
  return ok(true);
}

export type VoteTally = {
  readonly inFavour: number;
  readonly against: number;
  readonly eligible: number;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  readonly explanation: string;
};

/**
 * The result by the charter's rule: the quorum (ballots as a share of eligible members) and the
 * threshold over the votes cast — 74% fails a three-quarters rule, 75% passes it; exactly 50% fails a
 * simple majority. Integer arithmetic on hundredths of a percent.
 */
export function tallyVote(
  votes: { inFavour: number; against: number },
  eligible: number,
  rule: VoteRule,
  quorumPercent: number,
): VoteTally {
  const cast = votes.inFavour + votes.against;
  const bp = (pct: number) => Math.round(pct * 100);
  const quorumMet = cast * 10_000 >= bp(quorumPercent) * eligible && cast > 0;
  const lhs = votes.inFavour * 10_000;
  const rhs = bp(rule.thresholdPercent) * cast;
  const reached = rule.comparison === "atLeast" ? lhs >= rhs : lhs > rhs;
  const passed = quorumMet && reached;
  const pct = formatPercent(votes.inFavour, cast, 2);
  return {
    ...votes,
    eligible,
    quorumMet,
    passed,
    explanation: !quorumMet
      ? `${cast} ballots of ${eligible} eligible members, below the quorum of ${quorumPercent}%: not passed`
      : `${votes.inFavour} of ${cast} votes in favour (${pct}%); the charter asks ${rule.comparison === "atLeast" ? "at least" : "more than"} ${rule.thresholdPercent}%: ${passed ? "passed" : "not passed"}`,
  };
}

export type LogKeyProposal = {
  readonly proposalId: number;
  readonly planId: string;
  readonly state: ProposalState;
  readonly voteRequired: boolean;
  readonly effectiveOn: CivilDate;
};

/**
 * A log key hand-over (issue 20) goes through every plan's charter: each plan's `log_key` proposal
 * past its notice, and passed where the charter asked the members' vote. Refused, the problem names
 * the earliest date (the latest end of notice) or the proposal that waits.
 */
export function checkLogKeyHandOver(proposals: readonly LogKeyProposal[], today: CivilDate): Result<true> {
  const failed = proposals.find((p) => p.state === "failed");
  if (failed)
    return err(
      problem(
        "vote_required",
        `the members of plan ${failed.planId} voted the new log key down (proposal ${failed.proposalId}): it cannot take over`,
      ),
    );
  const last = [...proposals].sort((a, b) => (a.effectiveOn < b.effectiveOn ? 1 : -1))[0];
  if (last && today < last.effectiveOn)
    return err(
      problem(
        "notice_too_short",
        `the log key may be handed over on ${last.effectiveOn} at the earliest: the charter of plan ${last.planId} gives notice until then (proposal ${last.proposalId})`,
      ),
    );
  const untallied = proposals.find((p) => p.voteRequired && p.state === "published");
  if (untallied)
    return err(
      problem(
        "vote_required",
        `the members of plan ${untallied.planId} vote on the new log key: tally proposal ${untallied.proposalId} first (huzhu proposals tally ${untallied.proposalId})`,
      ),
    );
  return ok(true);
}
