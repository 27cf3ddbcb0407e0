import { type ServiceDeps, todayOf } from "../deps.ts";
import { type MembershipStanding, membershipStanding, membershipThresholds } from "../domain/plan/closure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { charterInForce } from "../governance/charter.ts";
import { proposeDissolution } from "../governance/submit.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { closeIn, earliestClosing } from "./close.ts";
import { plansRepository } from "./plans.repository.ts";
import { loadStoredPlan } from "./stored-plan.ts";

export type Watch = {
  planId: string;
  members: number;
  minimum: number | null;
  warnAt: number | null;
  status: "ok" | "warning" | "below";
};

/** The words the watch stores and logs for the domain's standing (kept from before the domain had one). */
const WATCH_WORD = { healthy: "ok", warning: "warning", below_minimum: "below" } as const satisfies Record<
  MembershipStanding,
  Watch["status"]
>;

const WATCH_TITLE = {
  below: "成员人数低于最低要求",
  warning: "成员人数接近最低要求",
  ok: "成员人数恢复",
} as const;

/**
 * A plan that fell under its minimum (it was above it before) closes as its charter says: where
 * dissolution is the members' vote, a dissolution proposal is opened for them; otherwise the wind-down
 * starts with the rules' notice. Either way every member is told (closeIn, or the broadcast here).
 */
async function fellUnderMinimum(deps: ServiceDeps, tx: Tx, planId: string, w: Watch): Promise<void> {
  const reason = `membership ${w.members} under the minimum ${w.minimum}`;
  const charter = await charterInForce(tx, planId, todayOf(deps));
  if (!charter.votes.dissolution.vote) {
    await closeIn(deps, tx, {
      planId,
      closingOn: await earliestClosing(deps, tx, planId),
      reason,
      by: "system:scheduler",
    });
    return;
  }
  const id = await proposeDissolution(deps, tx, planId, reason);
  if (id !== null)
    await broadcast(deps, tx, planId, "proposal", "解散提案", `${reason}：解散由成员投票决定（提案 ${id}）`);
}

/**
 * Membership against the minimum, with a warning band above it; a change of status is logged and broadcast
 * once. With `act` (the scheduler), a plan falling under its minimum closes as its charter says.
 */
export async function watchMembership(deps: ServiceDeps, planId: string, act = false): Promise<Watch> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const on = todayOf(deps);
  const rules = ruleVersionOn(plan, on)?.rules;
  const members = await plansRepository.activeMembers(deps.pool, planId);
  const t = rules ? membershipThresholds(rules) : undefined;
  const minimum = t?.minimum ?? null;
  const warnAt = t?.warnAt ?? null;
  const status = rules ? WATCH_WORD[membershipStanding(rules, members)] : "ok";
  const w = { planId, members, minimum, warnAt, status };
  await withTransaction(deps.pool, async (tx) => {
    const prev = await plansRepository.lockWatch(tx, planId);
    if (prev === status) return plansRepository.markWatchChecked(tx, planId, on);
    const fell = status === "below" && (prev === "ok" || prev === "warning");
    // a read does not record a fall: the scheduler records it and closes, so the fall is never swallowed
    if (fell && !act) return;
    await plansRepository.saveWatch(tx, {
      planId,
      status,
      members,
      since: new Date(deps.clock.now()),
      checkedOn: on,
    });
    if (status === "ok" && prev === undefined) return;
    await appendLogEntry(tx, "plan_status", { plan: planId, membership: status, members, minimum, on });
    await broadcast(
      deps,
      tx,
      planId,
      "plan_status",
      WATCH_TITLE[status],
      `${members} 名成员；最低 ${minimum}${warnAt ? `，预警线 ${warnAt}` : ""}`,
    );
    if (act && fell && plan.status === "active") await fellUnderMinimum(deps, tx, planId, w);
  });
  return w;
}

/**
 * The scheduler's watch: each active plan counted once a day. A plan that never reached its minimum
 * (a new one) is not closed for it: only a fall from above closes.
 */
export async function watchEveryPlan(deps: ServiceDeps): Promise<Watch[]> {
  const out: Watch[] = [];
  for (const planId of await plansRepository.plansToWatch(deps.pool, todayOf(deps)))
    out.push(await watchMembership(deps, planId, true));
  return out;
}
