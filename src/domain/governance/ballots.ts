/** A ballot as the transparency log records it: the member's pseudonym, the proposal, the vote, its order. */
export type LoggedBallot = {
  readonly proposal: number;
  readonly member: string;
  readonly inFavour: boolean;
  /** The member's n-th ballot on the proposal: a later one replaces an earlier one. */
  readonly seq: number;
};

/** Counts ballots as they come: each member's ballot with the highest seq counts. */
export class BallotCounter {
  private readonly last = new Map<string, { seq: number; inFavour: boolean }>();
  constructor(private readonly proposalId: number) {}

  add(b: LoggedBallot): void {
    if (b.proposal !== this.proposalId) return;
    const seen = this.last.get(b.member);
    if (!seen || b.seq > seen.seq) this.last.set(b.member, { seq: b.seq, inFavour: b.inFavour });
  }

  result(): { inFavour: number; against: number; members: number } {
    let inFavour = 0;
    for (const v of this.last.values()) if (v.inFavour) inFavour++;
    return { inFavour, against: this.last.size - inFavour, members: this.last.size };
  }
}

/**
 * Counts the ballots of one proposal as anyone can from the log: the last ballot of each member
 * (highest seq) counts, ballots of other proposals are ignored.
 */
export function countBallots(
  ballots: Iterable<LoggedBallot>,
  proposalId: number,
): { inFavour: number; against: number; members: number } {
  const counter = new BallotCounter(proposalId);
  for (const b of ballots) counter.add(b);
  return counter.result();
}
