import { type Fact, num, str } from "./facts.ts";

/*
 * The membership the log alone implies, replayed in log order from the logged joins, exits, lapses,
 * suspensions and resumptions. It mirrors the live rule for who owes a share at an announcement
 * (cycle.repository.ts `sharingSql`): joined before the day, not ended by it, not suspended on it.
 * Kept in this one file so that a richer derivation (members' hash-chained histories, issue 19) can
 * replace it behind the same three functions.
 */

export type LoggedParticipation = {
  readonly participation: number;
  readonly member: string;
  readonly plan: string;
  /** The index of the join entry: what a Merkle-sum leaf will commit to. */
  readonly joinIndex: number;
  readonly joinedOn: string;
  readonly coveredFrom: string;
  endedOn: string | null;
  suspendedOn: string | null;
};

export type Membership = {
  readonly byId: Map<number, LoggedParticipation>;
  readonly byPlan: Map<string, LoggedParticipation[]>;
  readonly byMember: Map<string, LoggedParticipation[]>;
};

export const emptyMembership = (): Membership => ({
  byId: new Map(),
  byPlan: new Map(),
  byMember: new Map(),
});

function push<K>(map: Map<K, LoggedParticipation[]>, key: K, p: LoggedParticipation): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

const MEMBERSHIP_KINDS = new Set(["join", "exit", "lapse", "suspension", "resumption"]);

/** Applies one entry (others are ignored); a change to a participation the log never joined is reported. */
export function applyMembershipFact(m: Membership, f: Fact, problems: string[]): void {
  if (!MEMBERSHIP_KINDS.has(f.kind)) return;
  const id = num(f.e.participation);
  if (id === undefined) {
    problems.push(`log entry ${f.index} (${f.kind}) names no participation`);
    return;
  }
  if (f.kind === "join") {
    const p: LoggedParticipation = {
      participation: id,
      member: str(f.e.member) ?? "",
      plan: str(f.e.plan) ?? "",
      joinIndex: f.index,
      joinedOn: str(f.e.joinedOn) ?? "",
      coveredFrom: str(f.e.coveredFrom) ?? "",
      endedOn: null,
      suspendedOn: null,
    };
    if (m.byId.has(id)) problems.push(`log entry ${f.index}: participation ${id} is joined twice`);
    m.byId.set(id, p);
    push(m.byPlan, p.plan, p);
    push(m.byMember, p.member, p);
    return;
  }
  const p = m.byId.get(id);
  const on = str(f.e.on) ?? "";
  if (!p) {
    problems.push(`log entry ${f.index} (${f.kind}): participation ${id} has no logged join`);
    return;
  }
  if (f.kind === "exit" || f.kind === "lapse") p.endedOn = on;
  else if (f.kind === "suspension") p.suspendedOn = on;
  else p.suspendedOn = null;
}

/** Who owes a share of the plan's cycle announced on `announcedOn`, as the log says so far. */
export function sharingAt(m: Membership, plan: string, announcedOn: string): LoggedParticipation[] {
  return (m.byPlan.get(plan) ?? []).filter(
    (p) =>
      p.joinedOn < announcedOn &&
      (p.endedOn === null || p.endedOn > announcedOn) &&
      !(p.suspendedOn !== null && p.suspendedOn <= announcedOn),
  );
}

/** The member's participations of a plan, as logged so far (a claim is checked against them). */
export const participationsOf = (m: Membership, member: string, plan: string): LoggedParticipation[] =>
  (m.byMember.get(member) ?? []).filter((p) => p.plan === plan);
