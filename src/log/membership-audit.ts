import type { CivilDate } from "../domain/calendar.ts";
import { participationsOwingShares } from "../domain/cycle/owing.ts";
import type { Queryable } from "../store/db.ts";
import { membershipRepository } from "./membership.repository.ts";

/** At most this many members named per cycle: the rest are counted. */
const NAMED_PER_CYCLE = 10;

/**
 * Each cycle's shares are exactly the participations that owe one by the log (participationsOwingShares
 * over the logged joins, exits, suspensions, resumptions, lapses and transfers before the cycle's
 * announcement): a share of a member with no logged participation (a fake member) or a member the log
 * says owes a share and has none is reported. Cycles whose announcement is not yet sequenced wait.
 */
export async function auditMembership(q: Queryable): Promise<string[]> {
  const facts = await membershipRepository.facts(q);
  const problems: string[] = [];
  for (const c of await membershipRepository.cyclesWithAnnouncement(q)) {
    if (c.index === null) continue;
    const { owing } = participationsOwingShares(facts, {
      plan: c.planId,
      announcedOn: c.announcedOn as CivilDate,
      beforeIndex: c.index,
    });
    const owed = new Set(owing.map((o) => o.member));
    const rows = await membershipRepository.shareLeaves(q, c.cycleId);
    const shared = new Set(rows.map((r) => r.pseudonym));
    problems.push(...leafParticipations(c.cycleId, owing, rows));
    const extra = [...shared].filter((m) => !owed.has(m)).sort();
    const missing = [...owed].filter((m) => !shared.has(m)).sort();
    problems.push(
      ...named(
        extra,
        (m) => `cycle ${c.cycleId}: member ${m} has a share but no logged participation that owes one`,
      ),
      ...named(missing, (m) => `cycle ${c.cycleId}: member ${m} owes a share by the log and has none`),
    );
    if (extra.length + missing.length > 2 * NAMED_PER_CYCLE)
      problems.push(
        `cycle ${c.cycleId}: ${extra.length} shares not owed by the log, ${missing.length} owed and missing`,
      );
  }
  return problems;
}

/**
 * Format 2 leaves (issue 19) name the participation whose logged join they stand for: it must be the
 * one the log says owes the member's share, and no two leaves of a cycle may name the same one.
 */
function leafParticipations(
  cycleId: number,
  owing: ReadonlyArray<{ participation: number; member: string }>,
  rows: ReadonlyArray<{ pseudonym: string; participation: number | null }>,
): string[] {
  const owedBy = new Map(owing.map((o) => [o.participation, o.member]));
  const seen = new Set<number>();
  const wrong: string[] = [];
  for (const r of rows) {
    if (r.participation === null) continue; // a format 1 leaf, of a cycle before migration 165
    if (seen.has(r.participation))
      wrong.push(`cycle ${cycleId}: two shares' leaves name participation ${r.participation}`);
    seen.add(r.participation);
    const member = owedBy.get(r.participation);
    if (member !== undefined && member !== r.pseudonym)
      wrong.push(
        `cycle ${cycleId}: member ${r.pseudonym}'s leaf names participation ${r.participation}, which the log says is ${member}'s`,
      );
    else if (member === undefined && owing.some((o) => o.member === r.pseudonym))
      wrong.push(
        `cycle ${cycleId}: member ${r.pseudonym}'s leaf names participation ${r.participation}, which owes no share by the log`,
      );
  }
  return wrong.slice(0, NAMED_PER_CYCLE);
}

const named = (members: string[], say: (m: string) => string) => members.slice(0, NAMED_PER_CYCLE).map(say);
