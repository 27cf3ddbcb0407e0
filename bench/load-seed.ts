import { createHash, randomBytes } from "node:crypto";
import { installPresets } from "../src/plans/presets.ts";
import type { Db } from "../src/store/db.ts";
import { seedMembers } from "./cycle.bench.ts";

/** The prepaid plan the load's top-ups fund (the readers hold a participation in it beside 相互宝). */
export const TOP_UP_PLAN = "shuidi";

/** A signed-in member as the load drives them: the bearer token and what the routes are keyed by. */
export type LoadMember = { readonly memberId: number; readonly pseudonym: string; readonly token: string };

/**
 * The load's database: `members` members in 相互宝 (set-based, placeholder ciphertexts, as the cycle
 * benchmark makes them), and the first `readers` of them signed in (a live session each, only the
 * token's hash stored), in 水滴 too (prepaid: their top-ups fund it), with a few notices in their inbox.
 * Sessions and the 水滴 participations are dated by the real clock: the server runs on it.
 */
export async function seedLoad(pool: Db, o: { members: number; readers: number }): Promise<LoadMember[]> {
  await seedMembers(pool, o.members);
  await installPresets(pool, [TOP_UP_PLAN]);
  const readers = Math.min(o.readers, o.members);
  const tokens = Array.from({ length: readers }, () => randomBytes(32).toString("base64url"));
  const hashes = tokens.map((t) => createHash("sha256").update(t).digest());
  const ids = tokens.map((_, i) => i + 1);
  const now = Date.now();
  await pool.query(
    `INSERT INTO sessions (token_hash, principal_kind, principal_id, expires_at)
     SELECT unnest($1::bytea[]), 'member', unnest($2::bigint[]), $3`,
    [hashes, ids, new Date(now + 6 * 86_400_000)],
  );
  const today = new Date(now).toISOString().slice(0, 10);
  await pool.query(
    `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
     SELECT g, $2, 'standard', $3::date - 200, $3::date - 20,
            (SELECT max(effective) FROM rule_versions WHERE plan_id = $2 AND effective <= $3::date - 200), 'active'
       FROM generate_series(1, $1) g`,
    [readers, TOP_UP_PLAN, today],
  );
  await pool.query(
    `INSERT INTO notifications (member_id, kind, title, body, created_at)
     SELECT g, 'cycle_charge', 'notice ' || k, 'a notice for the load benchmark', $2
       FROM generate_series(1, $1) g, generate_series(1, 3) k`,
    [readers, new Date(now)],
  );
  const { rows } = await pool.query<{ member_id: string; pseudonym: string }>(
    "SELECT member_id, pseudonym FROM members WHERE member_id <= $1 ORDER BY member_id",
    [readers],
  );
  await pool.query("ANALYZE");
  await pool.query("CHECKPOINT");
  return rows.map((r, i) => ({ memberId: Number(r.member_id), pseudonym: r.pseudonym, token: tokens[i]! }));
}
