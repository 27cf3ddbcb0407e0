/** A ballot as the transparency log records it: the member's pseudonym, the proposal, the vote, its order. */
export type LoggedBallot = {
  readonly proposal: number;
  readonly member: string;
  readonly inFavour: boolean;
  /** The member's n-th ballot on the proposal: a later one replaces an earlier one. */
  readonly seq: number;
};

/**
 * Counts the ballots of one proposal as anyone can from the log: the last ballot of each member
 * (highest seq) counts, ballots of other proposals are ignored.
 */
export function countBallots(
  ballots: Iterable<LoggedBallot>,
  proposalId: number,
): { inFavour: number; against: number; members: number } {
  const last = new Map<string, { seq: number; inFavour: boolean }>();
  for (const b of ballots) {
    if (b.proposal !== proposalId) continue;
    const seen = last.get(b.member);
    if (!seen || b.seq > seen.seq) last.set(b.member, { seq: b.seq, inFavour: b.inFavour });
  }
  let inFavour = 0;
  for (const v of last.values()) if (v.inFavour) inFavour++;
  return { inFavour, against: last.size - inFavour, members: last.size };
}
