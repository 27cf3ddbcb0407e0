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
    "COPY participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) FROM STDIN",
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
  isSuperuser,
  setReplicationRole,
  orphanEnrolments,
  stageLookups,
  stagedDuplicates,
});
