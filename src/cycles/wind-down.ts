import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";

/** Whether a cycle is one of the final cycles a closing plan's sponsor pays (相互宝 paid the last two). */
export async function inFinalCycles(q: Queryable, planId: string, announcedOn: CivilDate): Promise<boolean> {
  const { rows } = await q.query<{
    closing_on: CivilDate | null;
    final_cycles: number | null;
    before: number;
  }>(
    `SELECT closing_on::text, final_cycles,
            (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.announced_on < $2) AS before
     FROM plans p WHERE plan_id = $1`,
    [planId, announcedOn],
  );
  const r = rows[0];
  return !!r?.closing_on && announcedOn >= r.closing_on && r.before < (r.final_cycles ?? 0);
}

/**
 * Wind-down (domain.md §3, seed 004): the plan stops taking members on the closing date, the sponsor pays
 * the members' shares of the plan's final cycles as its terms say, and claims diagnosed before the closing
 * date are still decided and shared. Announced to every member in the log.
 */
export async function startWindDown(
  deps: ServiceDeps,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  await withTransaction(deps.pool, (tx) => startWindDownIn(deps, tx, planId, closingOn, reason));
}

/** The same inside the caller's transaction (an adopted proposal and its wind-down commit together). */
export async function startWindDownIn(
  _deps: ServiceDeps,
  tx: Tx,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  const plan = await loadStoredPlan(tx, planId);
  const rules =
    ruleVersionOn(plan, closingOn)?.rules ?? fail("conflict", `no rules in force on ${closingOn}`);
  if (plan.status !== "active") fail("conflict", `the plan is ${plan.status}`);
  await tx.query(
    "UPDATE plans SET status = 'closing', closing_on = $2, final_cycles = $3 WHERE plan_id = $1",
    [planId, closingOn, rules.closure.sponsorPaysFinalCycles],
  );
  await appendLogEntry(tx, "plan_status", {
    plan: planId,
    status: "closing",
    closingOn,
    sponsorPaysFinalCycles: rules.closure.sponsorPaysFinalCycles,
    reason,
  });
}

/** After its final cycles a closing plan closes: every participation ends, and the log says so. */
export async function finishWindDown(deps: ServiceDeps, planId: string, on: CivilDate): Promise<boolean> {
  return withTransaction(deps.pool, (tx) => finishWindDownIn(deps, tx, planId, on));
}

export async function finishWindDownIn(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  on: CivilDate,
): Promise<boolean> {
  {
    const { rows } = await tx.query<{
      status: string;
      closing_on: CivilDate | null;
      final_cycles: number | null;
      done: number;
      pending: number;
    }>(
      `SELECT status, closing_on::text, final_cycles,
              (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.status = 'disclosed') AS done,
              (SELECT count(*)::int FROM cycle_cases k WHERE k.plan_id = p.plan_id AND NOT k.paid) AS pending
       FROM plans p WHERE plan_id = $1 FOR UPDATE`,
      [planId],
    );
    const p = rows[0];
    if (!p || p.status !== "closing" || !p.closing_on || p.done < (p.final_cycles ?? 0) || p.pending > 0)
      return false;
    const open = await tx.query<{ participation_id: number }>(
      "SELECT participation_id FROM participations WHERE plan_id = $1 AND status <> 'ended'",
      [planId],
    );
    for (const r of open.rows) await endParticipation(deps, tx, r.participation_id, "plan_closed", on);
    await tx.query("UPDATE plans SET status = 'closed' WHERE plan_id = $1", [planId]);
    await appendLogEntry(tx, "plan_status", { plan: planId, status: "closed", on });
    return true;
  }
}
