import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import type { DisclosedCycle } from "../domain/cycle/disclosure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { withTransaction } from "../store/db.ts";
import { endDefaulters } from "./defaulters.ts";
import { postRecovery } from "./recovery.ts";
import { writeOffAdvances } from "./write-offs.ts";

/**
 * Retry `attempt` of a post-paid cycle's failed debits (the policy's retryEveryDays after collection):
 * each retry has its own key; a success recovers the operator's advance from the member, an answer
 * that comes later leaves the share pending (not retried again until it is known). After the last
 * attempt, members past the allowed failures leave the plan.
 */
export async function retryFailedDebits(
  deps: ServiceDeps,
  cycleId: number,
  attempt: number,
): Promise<{ recovered: number; stillFailed: number }> {
  const c = await deps.pool.query<{
    plan_id: string;
    announced_on: CivilDate;
    collect_on: CivilDate;
    disclosure: DisclosedCycle;
  }>(
    "SELECT plan_id, announced_on::text, collect_on::text, disclosure FROM cycles WHERE cycle_id = $1 AND status = 'disclosed'",
    [cycleId],
  );
  const cycle = c.rows[0] ?? fail("not_found", `no disclosed cycle ${cycleId}`);
  if ((cycle.disclosure.retriesDone ?? 0) >= attempt) return { recovered: 0, stillFailed: 0 };
  const plan = await loadStoredPlan(deps.pool, cycle.plan_id);
  const rules = ruleVersionOn(plan, cycle.announced_on)!.rules;
  const keyBase = `cycle:${cycle.plan_id}:${cycle.announced_on}`;
  // The attempt is written on the shares before the provider is asked, so that an answer arriving by
  // webhook before this retry is recorded finds the attempt it belongs to.
  await deps.pool.query(
    "UPDATE cycle_shares SET attempt = $2 WHERE cycle_id = $1 AND unpaid AND status = 'failed' AND attempt < $2",
    [cycleId, attempt],
  );
  const failed = await deps.pool.query<{ member_id: number; share_fen: number }>(
    "SELECT member_id, share_fen FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND status = 'failed' AND attempt = $2 ORDER BY member_id",
    [cycleId, attempt],
  );
  const results = await deps.payments.executeBatch(
    failed.rows.map((r) => ({
      key: `${keyBase}:debit:${r.member_id}:retry:${attempt}`,
      kind: "debit" as const,
      memberId: r.member_id,
      amountFen: r.share_fen,
    })),
  );
  deps.checkpoint?.("retry:answered");
  const ids = (status: string) =>
    failed.rows.filter((_, i) => results[i]!.status === status).map((r) => r.member_id);
  return withTransaction(deps.pool, async (tx) => {
    const locked = await tx.query<{ disclosure: DisclosedCycle }>(
      "SELECT disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    const d0 = locked.rows[0]!.disclosure;
    if ((d0.retriesDone ?? 0) >= attempt) return { recovered: 0, stillFailed: 0 };
    // Only shares still failed at this attempt change: an answer that came by webhook first stands.
    const move = (to: string, members: number[]) =>
      tx.query<{ member_id: number; share_fen: number }>(
        `UPDATE cycle_shares SET status = $4 WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = 'failed' AND attempt = $3
         RETURNING member_id, share_fen`,
        [cycleId, members, attempt, to],
      );
    const ok = (await move("collected", ids("succeeded"))).rows;
    const pending = (await move("pending", ids("pending"))).rows;
    const recoveredFen = ok.reduce((n, r) => n + r.share_fen, 0);
    if (ok.length > 0) {
      await postRecovery(deps, tx, `${keyBase}:retry:${attempt}`, cycle.plan_id, d0, ok);
    }
    const d: DisclosedCycle = {
      ...d0,
      collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
      failedFen: (d0.failedFen ?? 0) - recoveredFen,
      pendingFen: (d0.pendingFen ?? 0) + pending.reduce((n, r) => n + r.share_fen, 0),
      retriesDone: attempt,
    };
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
    await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [cycleId, JSON.stringify(d)]);
    if (attempt >= rules.failurePolicy.retryAttempts)
      await endDefaulters(deps, tx, cycle.plan_id, cycle.collect_on, rules.failurePolicy.exitAfterFailures);
    deps.checkpoint?.("retry:before-commit");
    return { recovered: ok.length, stillFailed: failed.rows.length - ok.length };
  });
}

/** Retries of failed debits that have fallen due by `today`, for every cycle of a post-paid plan. */
export async function runDueRetries(deps: ServiceDeps, planId: string, today: CivilDate): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const { rows } = await deps.pool.query<{
    cycle_id: number;
    announced_on: CivilDate;
    collect_on: CivilDate;
    done: number | null;
  }>(
    `SELECT c.cycle_id, c.announced_on::text, c.collect_on::text, (c.disclosure ->> 'retriesDone')::int AS done FROM cycles c
     WHERE c.plan_id = $1 AND c.status = 'disclosed' AND (c.disclosure ->> 'failedFen')::bigint > 0
     ORDER BY c.announced_on`,
    [planId],
  );
  let runs = 0;
  for (const c of rows) {
    const policy = ruleVersionOn(plan, c.announced_on)?.rules.failurePolicy;
    if (!policy) continue;
    for (
      let k = (c.done ?? 0) + 1;
      k <= policy.retryAttempts && addDays(c.collect_on, k * policy.retryEveryDays) <= today;
      k++
    ) {
      await retryFailedDebits(deps, c.cycle_id, k);
      runs++;
    }
    const writeOff = policy.advanceRecovery.writeOffAfterDays;
    if (writeOff !== undefined && addDays(c.collect_on, writeOff) < today)
      await writeOffAdvances(deps, c.cycle_id);
  }
  return runs;
}
