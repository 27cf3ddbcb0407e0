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
    const shared = new Set(await membershipRepository.sharePseudonyms(q, c.cycleId));
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

const named = (members: string[], say: (m: string) => string) => members.slice(0, NAMED_PER_CYCLE).map(say);
