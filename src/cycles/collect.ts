import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { withTransaction } from "../store/db.ts";
import { prepaidCollectionLock, recoverFromNextPayment } from "./recovery.ts";
import { settle } from "./settle.ts";

/**
 * Collects a cycle: prepaid shares come from the balances (set-based), post-paid shares through the
 * payment provider, each debit keyed `cycle:{plan}:{date}:debit:{member}`. Failures are advanced by the
 * operator as a receivable on the member, kept as the member's default history, and a member past the
 * allowed failures leaves the plan. Then the cases are paid in one sum and the cycle is disclosed.
 */
export async function collectCycle(deps: ServiceDeps, cycleId: number): Promise<CycleDisclosure> {
  const c = await deps.pool.query<{
    plan_id: string;
    announced_on: CivilDate;
    collect_on: CivilDate;
    status: string;
    disclosure: CycleDisclosure;
  }>("SELECT plan_id, announced_on, collect_on, status, disclosure FROM cycles WHERE cycle_id = $1", [
    cycleId,
  ]);
  const cycle = c.rows[0] ?? fail("not_found", `no cycle ${cycleId}`);
  if (cycle.status === "disclosed") return cycle.disclosure;
  const plan = await loadStoredPlan(deps.pool, cycle.plan_id);
  const rules = ruleVersionOn(plan, cycle.announced_on)!.rules;
  const keyBase = `cycle:${cycle.plan_id}:${cycle.announced_on}`;
  // Shares still unconfirmed at collection: a default, or advanced without one, as the policy says.
  await deps.pool.query(
    "UPDATE cycle_shares SET status = $2 WHERE cycle_id = $1 AND status = 'unconfirmed'",
    [cycleId, rules.failurePolicy.unconfirmedShare === "advance" ? "advanced" : "failed"],
  );
  deps.checkpoint?.("collect:unconfirmed-settled");
  if (rules.funding.mode === "prepaid") {
    await withTransaction(deps.pool, async (tx) => {
      // A top-up repaying an advance waits for this decision, and this one for it (recoverFromTopUp).
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [prepaidCollectionLock(cycle.plan_id)]);
      await tx.query(
        `UPDATE cycle_shares s SET status = CASE
           WHEN -coalesce((SELECT b.balance_fen FROM account_balances b WHERE b.account_id = 'member:' || s.member_id || ':balance'), 0) >= s.share_fen
           THEN 'collected' ELSE 'failed' END
         WHERE s.cycle_id = $1 AND s.status = 'due' AND s.share_fen > 0`,
        [cycleId],
      );
    });
  } else {
    // The provider gets the debits in batches in member order, each debit idempotent by its key. Only
    // the answers that are not a success are written per batch, with the cursor, in one transaction;
    // the successes are recorded by one statement once every batch is answered. After a crash the
    // collection goes on from the cursor, and a batch sent again is answered alike (same keys).
    const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
    let cursor = (
      await deps.pool.query<{ collect_cursor: number }>(
        "SELECT collect_cursor FROM cycles WHERE cycle_id = $1",
        [cycleId],
      )
    ).rows[0]!.collect_cursor;
    for (;;) {
      const due = await deps.pool.query<{ member_id: number; share_fen: number }>(
        `SELECT member_id, share_fen FROM cycle_shares
         WHERE cycle_id = $1 AND member_id > $2 AND status = 'due' AND share_fen > 0 ORDER BY member_id LIMIT $3`,
        [cycleId, cursor, batchSize],
      );
      if (due.rows.length === 0) break;
      const results = await deps.payments.executeBatch(
        due.rows.map((r) => ({
          key: `${keyBase}:debit:${r.member_id}`,
          kind: "debit" as const,
          memberId: r.member_id,
          amountFen: r.share_fen,
        })),
      );
      deps.checkpoint?.("collect:batch-answered");
      // A debit still pending is advanced like a failure for this cycle, but is no default and is not
      // retried: its late answer (applyDebitAnswer) settles it. An answer that came first is kept.
      const ids: number[] = [];
      const statuses: string[] = [];
      results.forEach((res, k) => {
        if (res.status === "succeeded") return;
        ids.push(due.rows[k]!.member_id);
        statuses.push(res.status);
      });
      cursor = due.rows[due.rows.length - 1]!.member_id;
      await withTransaction(deps.pool, async (tx) => {
        await tx.query(
          `UPDATE cycle_shares s SET status = u.status FROM unnest($2::bigint[], $3::text[]) AS u(member_id, status)
           WHERE s.cycle_id = $1 AND s.member_id = u.member_id AND s.status = 'due'`,
          [cycleId, ids, statuses],
        );
        await tx.query("UPDATE cycles SET collect_cursor = $2 WHERE cycle_id = $1", [cycleId, cursor]);
      });
      deps.checkpoint?.("collect:batch-recorded");
    }
    // Every due debit up to the cursor was answered a success, and a share of 0 is collected by
    // definition. The statement is idempotent, so it runs in slices of the member range at once (on
    // the cores PostgreSQL has; each its own transaction): after a crash the collection reaches here
    // again and finishes whichever slices are left.
    const slices = limits.collectUpdateSlices;
    const range = await deps.pool.query<{ lo: number | null; hi: number | null }>(
      "SELECT min(member_id) AS lo, max(member_id) AS hi FROM cycle_shares WHERE cycle_id = $1",
      [cycleId],
    );
    const lo = Number(range.rows[0]!.lo ?? 0) - 1;
    const hi = Number(range.rows[0]!.hi ?? 0);
    const step = Math.ceil((hi - lo) / slices);
    await Promise.all(
      Array.from({ length: slices }, (_, k) =>
        deps.pool.query(
          `UPDATE cycle_shares SET status = 'collected'
           WHERE cycle_id = $1 AND member_id > $2 AND member_id <= $3 AND status = 'due' AND (share_fen = 0 OR member_id <= $4)`,
          [cycleId, lo + k * step, Math.min(hi, lo + (k + 1) * step), cursor],
        ),
      ),
    );
  }
  if (rules.funding.mode === "prepaid")
    await deps.pool.query(
      "UPDATE cycle_shares SET status = 'collected' WHERE cycle_id = $1 AND status = 'due' AND share_fen = 0",
      [cycleId],
    );
  deps.checkpoint?.("collect:shares-recorded");
  const policy = rules.failurePolicy;
  if (
    rules.funding.mode !== "prepaid" &&
    policy.operatorAdvances &&
    policy.advanceRecovery.recoverFromNextPayment
  )
    await recoverFromNextPayment(deps, cycleId, cycle.plan_id, cycle.announced_on, policy.retryAttempts);
  return withTransaction(deps.pool, async (tx) => {
    // One settlement, even when two runs race: the cycle row is locked and its status read again.
    const now = await tx.query<{ status: string; disclosure: CycleDisclosure }>(
      "SELECT status, disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    if (now.rows[0]!.status === "disclosed") return now.rows[0]!.disclosure;
    return settle(deps, tx, cycleId, cycle, rules, keyBase);
  });
}
