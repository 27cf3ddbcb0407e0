import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export type PlanRow = { name: string; status: string; document: Record<string, unknown> };
export type RuleVersionRow = { effective: string; rules: unknown; summary: string | null };

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

/** Stores a rule version unless one is stored for that day (a version never changes); true if it was new. */
async function insertRuleVersion(
  q: Queryable,
  v: { planId: string; effective: string; rules: unknown; summary: string | null },
): Promise<boolean> {
  const ins = await q.query(
    `INSERT INTO rule_versions (plan_id, effective, rules, summary) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plan_id, effective) DO NOTHING`,
    [v.planId, v.effective, JSON.stringify(v.rules), v.summary],
  );
  return ins.rowCount === 1;
}

async function planRow(q: Queryable, planId: string): Promise<PlanRow | undefined> {
  const { rows } = await q.query<PlanRow>("SELECT name, status, document FROM plans WHERE plan_id = $1", [
    planId,
  ]);
  return rows[0];
}

async function ruleVersions(q: Queryable, planId: string): Promise<RuleVersionRow[]> {
  const { rows } = await q.query<RuleVersionRow>(
    "SELECT effective, rules, summary FROM rule_versions WHERE plan_id = $1 ORDER BY effective",
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

async function setStatus(tx: Tx, planId: string, status: string): Promise<void> {
  await tx.query("UPDATE plans SET status = $2 WHERE plan_id = $1", [planId, status]);
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
  w: { planId: string; status: string; members: number; since: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_watch (plan_id, status, members, since) VALUES ($1, $2, $3, $4)
     ON CONFLICT (plan_id) DO UPDATE SET status = excluded.status, members = excluded.members, since = excluded.since`,
    [w.planId, w.status, w.members, w.since],
  );
}

/** Every statement on `plans`, `rule_versions` and `plan_watch` (the counts of active members read participations). */
export const plansRepository = Object.freeze({
  upsertPlan,
  insertRuleVersion,
  planRow,
  ruleVersions,
  rulesInForce,
  setStatus,
  planSummaries,
  activeMembers,
  lockWatch,
  saveWatch,
});
