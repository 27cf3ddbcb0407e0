import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

/** The import runs its own transaction on one client: a COPY cannot share a pool's. */
const begin = async (client: Tx) => void (await client.query("BEGIN"));
const commit = async (client: Tx) => void (await client.query("COMMIT"));
const rollback = async (client: Tx) => void (await client.query("ROLLBACK").catch(() => {}));

async function planIds(q: Queryable): Promise<string[]> {
  return (await q.query<{ planId: string }>(`SELECT plan_id AS "planId" FROM plans`)).rows.map(
    (r) => r.planId,
  );
}

/**
 * Locks members against concurrent registrations (which draw ids from the sequence) until commit, so
 * the ids from the one returned on are the import's; `advanceMemberIds` moves the sequence past them.
 */
async function lockMemberIds(client: Tx): Promise<number> {
  await client.query("LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE");
  const r = await client.query<{ last_value: number; is_called: boolean }>(
    "SELECT last_value, is_called FROM members_member_id_seq",
  );
  const seq = oneRow(r, "the member id sequence");
  return Number(seq.last_value) + (seq.is_called ? 1 : 0);
}

async function advanceMemberIds(client: Tx, lastId: number): Promise<void> {
  await client.query("SELECT setval('members_member_id_seq', $1)", [lastId]);
}

async function copyIn(
  client: Tx,
  sql: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  await pipeline(Readable.from(lines), client.query(copyFrom(sql)));
}

const copyMembers = (client: Tx, columns: string, lines: AsyncIterable<string>) =>
  copyIn(client, `COPY members (${columns}) FROM STDIN`, lines);

const copyParticipations = (client: Tx, lines: Iterable<string>) =>
  copyIn(
    client,
    "COPY participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status, invitation_code) FROM STDIN",
    lines,
  );

async function isSuperuser(client: Tx): Promise<boolean> {
  const r = await client.query<{ su: boolean }>("SELECT current_setting('is_superuser') = 'on' AS su");
  return oneRow(r, "a setting").su;
}

/** Foreign-key triggers off ("replica", as pg_restore does) or on again, for this transaction. */
async function setReplicationRole(client: Tx, role: "replica" | "origin"): Promise<void> {
  await client.query(`SET LOCAL session_replication_role = ${role === "replica" ? "replica" : "origin"}`);
}

/** Enrolments among the member ids given without their member or plan: the triggers' check, set-based. */
async function orphanEnrolments(client: Tx, firstId: number, lastId: number): Promise<number> {
  const r = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM participations p
     WHERE p.member_id BETWEEN $1 AND $2 AND p.status <> 'ended'
       AND (NOT EXISTS (SELECT 1 FROM members m WHERE m.member_id = p.member_id)
         OR NOT EXISTS (SELECT 1 FROM plans pl WHERE pl.plan_id = p.plan_id))`,
    [firstId, lastId],
  );
  return oneRow(r, "a count").n;
}

/** The reporting pass stages the rows' lookup hashes to find duplicates against members in one join. */
async function stageLookups(client: Tx, lines: AsyncIterable<string>): Promise<void> {
  await client.query(
    "CREATE TEMP TABLE import_lookups (line int, id_lookup bytea, mobile_lookup bytea) ON COMMIT DROP",
  );
  await copyIn(client, "COPY import_lookups FROM STDIN", lines);
}

async function stagedDuplicates(client: Tx, limit: number) {
  // Two index joins, not one join on an OR, which no index can serve.
  const r = await client.query<{ line: number; which: string }>(
    `SELECT line, which FROM (
       SELECT i.line, 'resident_id' AS which FROM import_lookups i JOIN members m ON m.id_lookup = i.id_lookup
       UNION ALL
       SELECT i.line, 'mobile' FROM import_lookups i JOIN members m ON m.mobile_lookup = i.mobile_lookup
     ) d ORDER BY line LIMIT $1`,
    [limit],
  );
  return r.rows;
}

/** The invitation codes of the plans that require one, by plan (the rows' check: rows.ts). */
async function invitationCodes(q: Queryable, planIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const { rows } = await q.query<{ planId: string; code: string }>(
    `SELECT plan_id AS "planId", code FROM invitation_codes WHERE plan_id = ANY($1)`,
    [planIds],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.planId, (out.get(r.planId) ?? new Set()).add(r.code));
  return out;
}

/**
 * The imported enrolments' join facts, set-based in the import's transaction: a `joined` event each
 * and a `join` entry in the log's outbox shaped as the API's join writes it (enrolment/join.ts), so
 * the audit and the member's own verification find them.
 */
async function recordImportedJoins(client: Tx, firstId: number, lastId: number, at: Date): Promise<number> {
  await client.query(
    `INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at)
     SELECT participation_id, member_id, 'joined', joined_on, 'import', $3 FROM participations
     WHERE member_id BETWEEN $1 AND $2`,
    [firstId, lastId, at],
  );
  const r = await client.query(
    `INSERT INTO log_outbox (kind, entry)
     SELECT 'join', jsonb_build_object('member', m.pseudonym, 'plan', p.plan_id, 'participation', p.participation_id,
              'tier', p.tier, 'joinedOn', p.joined_on::text, 'coveredFrom', p.covered_from::text,
              'ruleVersion', p.rule_version::text)
     FROM participations p JOIN members m USING (member_id)
     WHERE p.member_id BETWEEN $1 AND $2 ORDER BY p.participation_id`,
    [firstId, lastId],
  );
  return r.rowCount ?? 0;
}

/** Every statement of the bulk import: members and participations COPYed in, the checks around them. */
export const importRepository = Object.freeze({
  begin,
  commit,
  rollback,
  planIds,
  lockMemberIds,
  advanceMemberIds,
  copyMembers,
  copyParticipations,
  invitationCodes,
  recordImportedJoins,
  isSuperuser,
  setReplicationRole,
  orphanEnrolments,
  stageLookups,
  stagedDuplicates,
});
