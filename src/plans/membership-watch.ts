import { type ServiceDeps, todayOf } from "../deps.ts";
import { type MembershipStanding, membershipStanding, membershipThresholds } from "../domain/plan/closure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { appendLogEntry } from "../log/append.ts";
import { broadcast } from "../notifications/notify.ts";
import { withTransaction } from "../store/db.ts";
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

/** Membership against the minimum, with a warning band above it; a change of status is broadcast once. */
export async function watchMembership(deps: ServiceDeps, planId: string): Promise<Watch> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const on = todayOf(deps);
  const rules = ruleVersionOn(plan, on)?.rules;
  const members = await plansRepository.activeMembers(deps.pool, planId);
  const t = rules ? membershipThresholds(rules) : undefined;
  const minimum = t?.minimum ?? null;
  const warnAt = t?.warnAt ?? null;
  const status = rules ? WATCH_WORD[membershipStanding(rules, members)] : "ok";
  await withTransaction(deps.pool, async (tx) => {
    const prev = await plansRepository.lockWatch(tx, planId);
    if (prev === status) return;
    await plansRepository.saveWatch(tx, { planId, status, members, since: new Date(deps.clock.now()) });
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
  });
  return { planId, members, minimum, warnAt, status };
}
