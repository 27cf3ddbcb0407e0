import type { MembershipFact } from "../domain/cycle/owing.ts";
import type { Queryable } from "../store/db.ts";

/** The log's membership facts and the cycles' shares, for the membership audit (membership-audit.ts). */
export const membershipRepository = Object.freeze({
  /** Every sequenced membership fact in log order, each entry's fields with its index. */
  async facts(q: Queryable): Promise<MembershipFact[]> {
    const { rows } = await q.query<{ index: number; e: Record<string, unknown> }>(
      `SELECT idx AS "index", canonical::jsonb AS e FROM log_entries
       WHERE kind IN ('join', 'exit', 'suspension', 'resumption', 'lapse', 'transfer', 'rule_version') ORDER BY idx`,
    );
    return rows.map((r) => ({ ...r.e, index: r.index, kind: String(r.e.kind) }));
  },

  /** Every cycle with the index of its sequenced `announcement` entry (null while it waits in the outbox). */
  async cyclesWithAnnouncement(q: Queryable) {
    const { rows } = await q.query<{
      cycleId: number;
      planId: string;
      announcedOn: string;
      index: number | null;
    }>(
      `SELECT c.cycle_id AS "cycleId", c.plan_id AS "planId", c.announced_on::text AS "announcedOn",
              (SELECT e.idx FROM log_entries e WHERE e.kind = 'announcement' AND (e.canonical::jsonb ->> 'cycle')::bigint = c.cycle_id LIMIT 1) AS "index"
       FROM cycles c ORDER BY c.cycle_id`,
    );
    return rows;
  },

  /** A cycle's shares: the pseudonym and the participation its leaf names (null in a format 1 leaf). */
  async shareLeaves(q: Queryable, cycleId: number) {
    const { rows } = await q.query<{ pseudonym: string; participation: number | null }>(
      `SELECT pseudonym, participation_id::float8 AS participation FROM cycle_shares WHERE cycle_id = $1`,
      [cycleId],
    );
    return rows;
  },
});
