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

// canonical JSON has one spelling, so a pattern reads it exactly: a ballot as the log writes it (its
// kind among the sorted keys, the pseudonym hex); anything else is parsed in full.
// The pattern is public: a verifier recounting from an exported log reads the entries the same way.
// A ballot sequenced since member histories are chained also carries `prev` (docs/verify.md).
export const CANONICAL_BALLOT =
  /^\{"inFavour":(true|false),"kind":"ballot","member":"([0-9a-f]+)",(?:"prev":(?:null|\{"index":\d+,"leafHash":"[0-9a-f]{64}"\}),)?"proposal":(\d+),"seq":(\d+)\}$/;

/** One log entry's text as a ballot, or undefined when it is no ballot. */
export function readBallot(entry: string): LoggedBallot | undefined {
  const m = CANONICAL_BALLOT.exec(entry);
  if (m) return { proposal: Number(m[3]), member: m[2]!, inFavour: m[1] === "true", seq: Number(m[4]) };
  const b = JSON.parse(entry) as Partial<LoggedBallot>;
  if (typeof b.proposal === "number" && typeof b.member === "string" && typeof b.inFavour === "boolean")
    return { proposal: b.proposal, member: b.member, inFavour: b.inFavour, seq: Number(b.seq) };
  return undefined;
}

/** The count from the transparency log's ballot entries, as anyone holding the log can make it. */
export function countFromLogEntries(canonicalEntries: Iterable<string>, id: number) {
  const counter = new BallotCounter(id);
  for (const e of canonicalEntries) {
    const b = readBallot(e);
    if (b) counter.add(b);
  }
  return counter.result();
}
