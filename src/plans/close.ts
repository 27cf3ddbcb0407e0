import { startWindDownIn } from "../cycles/wind-down.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { addDays, type CivilDate } from "../domain/calendar.ts";
import { fail } from "../errors.ts";
import { charterInForce } from "../governance/charter.ts";
import { broadcast } from "../notifications/notify.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { loadStoredPlan, rulesOn } from "./stored-plan.ts";

/** The earliest closing date from today: the rules' notice (`closure.noticeDays`). */
export async function earliestClosing(deps: ServiceDeps, tx: Tx, planId: string): Promise<CivilDate> {
  const on = todayOf(deps);
  return addDays(on, rulesOn(await loadStoredPlan(tx, planId), on).closure.noticeDays);
}

/**
 * Closing where the charter does not reserve dissolution to the members' vote, with the rules' notice,
 * handing over to the wind-down; every member is told in the same transaction. Every path that closes a
 * plan comes here (the API, `huzhu wind-down`, the scheduler) or through an adopted dissolution.
 */
export async function closeIn(
  deps: ServiceDeps,
  tx: Tx,
  c: { planId: string; closingOn: CivilDate; reason: string; by: string },
): Promise<void> {
  const charter = await charterInForce(tx, c.planId, todayOf(deps));
  if (charter.votes.dissolution.vote)
    fail(
      "vote_required",
      "this plan's charter reserves dissolution to the members' vote: submit a dissolution proposal",
    );
  const earliest = await earliestClosing(deps, tx, c.planId);
  if (c.closingOn < earliest)
    fail(
      "notice_too_short",
      `closing needs the rules' notice from today (${todayOf(deps)}): ${earliest} at the earliest, not ${c.closingOn}`,
      "closingOn",
    );
  const plan = await loadStoredPlan(tx, c.planId);
  await startWindDownIn(deps, tx, c.planId, c.closingOn, `${c.reason} (${c.by})`);
  await broadcast(
    deps,
    tx,
    c.planId,
    "plan_status",
    "计划将关闭",
    `${plan.name} 将于 ${c.closingOn} 关闭：${c.reason}`,
  );
}

/** The operator closes the plan (the API), as `closeIn` allows. */
export async function closePlan(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  closingOn: CivilDate,
  reason: string,
) {
  await withTransaction(deps.pool, (tx) =>
    closeIn(deps, tx, { planId, closingOn, reason, by: `operator, staff:${principal.id}` }),
  );
  return { planId, status: "closing", closingOn };
}

/** `huzhu wind-down`: the same rules as the API, by the command line's operator. */
export async function closePlanFromCli(
  deps: ServiceDeps,
  planId: string,
  closingOn: CivilDate,
  reason: string,
) {
  await withTransaction(deps.pool, (tx) =>
    closeIn(deps, tx, { planId, closingOn, reason, by: "system:cli" }),
  );
  return { planId, status: "closing", closingOn };
}
