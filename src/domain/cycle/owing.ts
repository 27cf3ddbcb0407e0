import type { CivilDate } from "../calendar.ts";

/*
 * Who owes a share on an announcement date, from the transparency log alone (docs/transparency.md,
 * "Membership from the log"). The same rule the announcement applies to the records (sharingSql):
 * a participation of the plan joined before the date, not ended (exit, lapse, transfer out) on or
 * before it, and not suspended as of it. Members in their waiting period share; suspended ones do not.
 * Pure: the public audit runs it on an exported log, `huzhu audit` on the stored one.
 */

/** A logged membership fact, as its entry reads (`kind` and the fields docs/transparency.md lists), with its log index. */
export type MembershipFact = { readonly index: number; readonly kind: string } & Readonly<
  Record<string, unknown>
>;

export type OwedShare = {
  readonly participation: number;
  readonly member: string;
  /** The log index of the entry that began the participation (its join, or the transfer into the plan). */
  readonly joinIndex: number;
};

export type Owing = {
  /** The plan's rule version in force on the date (the latest logged `rule_version` effective by then), or null. */
  readonly ruleVersion: { readonly effective: CivilDate; readonly rulesSha256: string } | null;
  /** The participations that owe a share, by participation id. */
  readonly owing: readonly OwedShare[];
};

type State = { member: string; joinIndex: number; ended: boolean; suspended: boolean };

/**
 * The participations of `plan` that owe a share on `announcedOn`, from the membership facts in log
 * order. `beforeIndex` (the cycle's `announcement` entry) leaves out what was logged after the
 * announcement, such as a suspension later the same day. Facts of other plans and kinds are ignored.
 */
export function participationsOwingShares(
  facts: Iterable<MembershipFact>,
  on: { plan: string; announcedOn: CivilDate; beforeIndex?: number },
): Owing {
  const parts = new Map<number, State>();
  let ruleVersion: Owing["ruleVersion"] = null;
  const d = on.announcedOn;
  for (const f of facts) {
    if (on.beforeIndex !== undefined && f.index >= on.beforeIndex) continue;
    const p = Number(f.participation);
    const state = parts.get(p);
    const dated = typeof f.on === "string" && f.on <= d;
    switch (f.kind) {
      case "rule_version":
        if (
          f.plan === on.plan &&
          String(f.effective) <= d &&
          (!ruleVersion || String(f.effective) >= ruleVersion.effective)
        )
          ruleVersion = { effective: String(f.effective) as CivilDate, rulesSha256: String(f.rulesSha256) };
        break;
      case "join":
        if (f.plan === on.plan && String(f.joinedOn) < d)
          parts.set(p, { member: String(f.member), joinIndex: f.index, ended: false, suspended: false });
        break;
      case "transfer":
        if (f.toPlan === on.plan && dated && String(f.on) < d)
          parts.set(p, { member: String(f.member), joinIndex: f.index, ended: false, suspended: false });
        break;
      case "exit":
      case "lapse":
        if (state && dated) state.ended = true;
        break;
      case "suspension":
        if (state && dated) state.suspended = true;
        break;
      case "resumption":
        if (state && dated) state.suspended = false;
        break;
    }
  }
  const owing = [...parts]
    .filter(([, s]) => !s.ended && !s.suspended)
    .map(([participation, s]) => ({ participation, member: s.member, joinIndex: s.joinIndex }))
    .sort((a, b) => a.participation - b.participation);
  return { ruleVersion, owing };
}
