import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export type PlanRow = {
  name: string;
  status: string;
  document: Record<string, unknown>;
  consultationOn: string | null;
};
/** A stored version; `proposalId` is the adopted proposal it came from (null for the initial terms). */
export type RuleVersionRow = {
  effective: string;
  rules: unknown;
  summary: string | null;
  proposalId: number | null;
};

/** Inserts a plan or refreshes its name and document; its status is set only on the first insert. */
async function upsertPlan(
  q: Queryable,
  p: { planId: string; name: string; status: string; document: Record<string, unknown> },
): Promise<void> {
  await q.query(
    `INSERT INTO plans (plan_id, name, status, document) VALUES ($1, $2, $3, $4)
     ON CONFLICT (plan_id) DO UPDATE SET name = excluded.name, document = excluded.document`,
    [p.planId, p.name, p.status, p.document],
  );
}

type VersionInput = { planId: string; effective: string; rules: unknown; summary: string | null };

/**
 * Stores a rule version unless one is stored for that day (a version never changes); true if it was new.
 * Past a draft, the table's trigger takes one only with the proposal it was adopted by.
 */
async function insertRuleVersion(
  q: Queryable,
  v: VersionInput & { proposalId: number | null },
): Promise<boolean> {
  const ins = await q.query(
    `INSERT INTO rule_versions (plan_id, effective, rules, summary, proposal_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (plan_id, effective) DO NOTHING`,
    [v.planId, v.effective, JSON.stringify(v.rules), v.summary, v.proposalId],
  );
  return ins.rowCount === 1;
}

/** A draft's version as its document now says (the trigger refuses this once the plan is past its draft). */
async function updateDraftVersion(q: Queryable, v: VersionInput): Promise<void> {
  await q.query("UPDATE rule_versions SET rules = $3, summary = $4 WHERE plan_id = $1 AND effective = $2", [
    v.planId,
    v.effective,
    JSON.stringify(v.rules),
    v.summary,
  ]);
}

async function deleteDraftVersion(q: Queryable, planId: string, effective: string): Promise<void> {
  await q.query("DELETE FROM rule_versions WHERE plan_id = $1 AND effective = $2", [planId, effective]);
}

async function planRow(q: Queryable, planId: string): Promise<PlanRow | undefined> {
  const { rows } = await q.query<PlanRow>(
    `SELECT name, status, document, consultation_on::text AS "consultationOn" FROM plans WHERE plan_id = $1`,
    [planId],
  );
  return rows[0];
}

async function ruleVersions(q: Queryable, planId: string): Promise<RuleVersionRow[]> {
  const { rows } = await q.query<RuleVersionRow>(
    `SELECT effective::text, rules, summary, proposal_id::int AS "proposalId"
     FROM rule_versions WHERE plan_id = $1 ORDER BY effective`,
    [planId],
  );
  return rows;
}

/** The stored rules of the latest version effective on or before a day, as stored (unvalidated). */
async function rulesInForce(q: Queryable, planId: string, on: string): Promise<unknown> {
  const { rows } = await q.query<{ rules: unknown }>(
    "SELECT rules FROM rule_versions WHERE plan_id = $1 AND effective <= $2 ORDER BY effective DESC LIMIT 1",
    [planId, on],
  );
  return rows[0]?.rules;
}

/** A new status; entering consultation records its first day (a charter may ask days of it before launch). */
async function setStatus(q: Queryable, planId: string, status: string, on?: string): Promise<void> {
  await q.query(
    `UPDATE plans SET status = $2,
       consultation_on = CASE WHEN $2 = 'consultation' THEN $3::date ELSE consultation_on END
     WHERE plan_id = $1`,
    [planId, status, on ?? null],
  );
}

/** Every plan with its number of rule versions and of active members. */
async function planSummaries(q: Queryable) {
  const { rows } = await q.query<{
    planId: string;
    name: string;
    status: string;
    versions: number;
    members: number;
  }>(
    `SELECT p.plan_id AS "planId", p.name, p.status,
            (SELECT count(*)::int FROM rule_versions v WHERE v.plan_id = p.plan_id) AS versions,
            (SELECT count(*)::int FROM participations x WHERE x.plan_id = p.plan_id AND x.status = 'active') AS members
     FROM plans p ORDER BY p.plan_id`,
  );
  return rows;
}

async function activeMembers(q: Queryable, planId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM participations WHERE plan_id = $1 AND status = 'active'",
    [planId],
  );
  return oneRow(r, "a count").n;
}

/** The watch's last stored status, locked so one change is broadcast once. */
async function lockWatch(tx: Tx, planId: string): Promise<string | undefined> {
  const r = await tx.query<{ status: string }>(
    "SELECT status FROM plan_watch WHERE plan_id = $1 FOR UPDATE",
    [planId],
  );
  return r.rows[0]?.status;
}

async function saveWatch(
  tx: Tx,
  w: { planId: string; status: string; members: number; since: Date; checkedOn: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_watch (plan_id, status, members, since, checked_on) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (plan_id) DO UPDATE SET status = excluded.status, members = excluded.members,
       since = excluded.since, checked_on = excluded.checked_on`,
    [w.planId, w.status, w.members, w.since, w.checkedOn],
  );
}

/** The day the scheduler's watch counted the plan last (it counts each plan once a day). */
async function markWatchChecked(tx: Tx, planId: string, on: string): Promise<void> {
  await tx.query("UPDATE plan_watch SET checked_on = $2 WHERE plan_id = $1", [planId, on]);
}

/** The active plans the scheduler's watch has not counted on a day. */
async function plansToWatch(q: Queryable, on: string): Promise<string[]> {
  const { rows } = await q.query<{ planId: string }>(
    `SELECT p.plan_id AS "planId" FROM plans p LEFT JOIN plan_watch w USING (plan_id)
     WHERE p.status = 'active' AND (w.checked_on IS NULL OR w.checked_on < $1) ORDER BY p.plan_id`,
    [on],
  );
  return rows.map((r) => r.planId);
}

/** Every statement on `plans`, `rule_versions` and `plan_watch` (the counts of active members read participations). */
export const plansRepository = Object.freeze({
  upsertPlan,
  insertRuleVersion,
  updateDraftVersion,
  deleteDraftVersion,
  planRow,
  ruleVersions,
  rulesInForce,
  setStatus,
  planSummaries,
  activeMembers,
  lockWatch,
  saveWatch,
  markWatchChecked,
  plansToWatch,
});
