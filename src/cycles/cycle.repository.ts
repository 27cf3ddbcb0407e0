import type { CivilDate } from "../domain/calendar.ts";
import { type Fen, fen } from "../domain/money.ts";
import { type Rules, WEIGHT_SCALE } from "../domain/plan/schema.ts";
import type { Queryable } from "../store/db.ts";

/** SQL for a member's weight units by age at the announcement, from the rules' weight bands. */
export function weightSql(rules: Rules): string {
  const age = "extract(year FROM age($2::date, m.birth_date))::int";
  const arms = rules.apportionment.weights.map(
    (w) => `WHEN ${age} BETWEEN ${w.ages.from ?? 0} AND ${w.ages.to ?? 200} THEN ${w.weight}`,
  );
  return arms.length ? `CASE ${arms.join(" ")} ELSE ${WEIGHT_SCALE} END` : String(WEIGHT_SCALE);
}

/**
 * Members who owe a share at an announcement: joined before it, not ended by then, not suspended.
 * Their year-to-date (for an annual cap) comes from the previous cycle of the year by one join —
 * `ytd_fen + share_fen` of their row there — and only members absent from it (suspended or not yet
 * joined then) are looked up in the year's earlier cycles one by one. $3 is the previous cycle of the
 * year (or null), $4 the year's earlier cycles.
 */
export function sharingSql(rules: Rules, withYtd: boolean): string {
  const ytd = withYtd
    ? `CASE WHEN prev.member_id IS NOT NULL THEN prev.ytd_fen + prev.share_fen
            WHEN cardinality($4::bigint[]) = 0 THEN 0
            ELSE coalesce((SELECT sum(s.share_fen) FROM cycle_shares s
                           WHERE s.cycle_id = ANY($4::bigint[]) AND s.member_id = p.member_id), 0) END`
    : "0";
  return `SELECT p.member_id, m.pseudonym, (${weightSql(rules)})::int AS weight_units, (${ytd})::bigint AS ytd_fen,
      p.share_mode, p.share_limit_fen
    FROM participations p JOIN members m USING (member_id)
      ${withYtd ? "LEFT JOIN cycle_shares prev ON prev.cycle_id = $3 AND prev.member_id = p.member_id" : ""}
    WHERE p.plan_id = $1 AND p.joined_on < $2
      AND (p.ended_on IS NULL OR p.ended_on > $2)
      AND NOT (p.status = 'suspended' AND p.suspended_on <= $2)`;
}

export async function previousSurplus(q: Queryable, planId: string, before: CivilDate): Promise<Fen> {
  const { rows } = await q.query<{ s: number }>(
    "SELECT (disclosure ->> 'surplusOutFen')::bigint AS s FROM cycles WHERE plan_id = $1 AND announced_on < $2 ORDER BY announced_on DESC LIMIT 1",
    [planId, before],
  );
  return fen(rows[0]?.s ?? 0);
}

/**
 * SQL for a Merkle-sum leaf hash — SHA-256 of 0x00 ‖ {"member":…,"shareFen":…}, byte for byte what
 * `sumLeaf` hashes, given a hex pseudonym (nothing to escape).
 */
export const leafHashSql = (pseudonym: string, shareFen: string) =>
  `sha256('\\x00'::bytea || convert_to('{"member":"' || ${pseudonym} || '","shareFen":' || ${shareFen} || '}', 'UTF8'))`;
