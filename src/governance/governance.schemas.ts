import { any, arr, bool, int, nullable, num, obj, page, str } from "../domain/json-schema.ts";

const Tally = obj(
  { inFavour: int, against: int, eligible: int, quorumMet: bool, passed: bool, explanation: str },
  ["eligible", "quorumMet", "explanation"],
);

/** A proposal as everyone sees it (governance/views.ts proposalView). */
export const ProposalSchema = obj({
  proposalId: int,
  planId: str,
  kind: str,
  title: str,
  text: str,
  changes: nullable(any),
  /** Readable lines of the change (domain/governance/rules-diff.ts formatDiff): `path: before → after`. */
  diff: arr(str),
  recordedDiff: arr(str),
  changeClass: str,
  classReasons: arr(str),
  conflicts: arr(obj({ proposalId: int, title: str, state: str, rules: arr(str) })),
  proposer: str,
  state: str,
  charter: nullable(str),
  publishedOn: nullable(str),
  effectiveOn: nullable(str),
  noticeEndsOn: nullable(str),
  voteRequired: bool,
  votingClosesOn: nullable(str),
  voteRule: nullable(obj({ comparison: str, thresholdPercent: num })),
  quorumPercent: nullable(num),
  eligible: nullable(int),
  tally: nullable(Tally),
  adoptedVersion: nullable(str),
  comments: int,
  evaluations: arr(obj({ role: str, expertName: nullable(str), recommend: bool, opinion: str, at: str })),
  events: arr(obj({ from: nullable(str), to: str, action: str, actor: str, reason: nullable(str), at: str })),
});
export const ProposalListSchema = page(ProposalSchema);

/** A comment under the member's pseudonym. */
export const CommentSchema = obj({ commentId: int, member: str, text: str, at: str }, ["commentId", "at"]);
export const CommentListSchema = page(CommentSchema);
/** POST /proposals/{proposalId}/comments answers the comment as published. */
export const PostedCommentSchema = obj({ proposalId: int, member: str, text: str });

/** A member's ballot as logged; a later ballot replaces an earlier one. */
export const BallotSchema = obj({
  proposal: int,
  member: str,
  inFavour: bool,
  seq: int,
  replacesEarlier: bool,
});
/** The ballots recounted from the transparency log. */
export const RecountSchema = obj({ inFavour: int, against: int, members: int });
