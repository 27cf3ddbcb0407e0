import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { charterInForce } from "./charter.ts";
import { governanceRepository, type NewProposal } from "./governance.repository.ts";
import { assessAgainst } from "./rebase.ts";
import { actorName, invalidDocument } from "./transition.ts";
import { proposalView } from "./views.ts";

/** The rules a patch would give, validated; the diff against the rules it would apply to and its class. */
async function assessChange(q: Queryable, planId: string, changes: Record<string, unknown>) {
  const a = await assessAgainst(q, planId, null, changes);
  const valid = Rules.safeParse(a.after);
  if (!valid.success) return invalidDocument(valid.error.issues, "changes", "changes");
  if (a.diff.length === 0) fail("validation", "the change changes nothing", "changes");
  return a;
}

export type ProposalInput = {
  planId: string;
  kind: "change" | "dissolution";
  title: string;
  text: string;
  changes?: Record<string, unknown> | undefined;
};

/** Who may propose: the charter may keep it to the operator; a member proposes only to their own plan. */
async function mayPropose(deps: ServiceDeps, principal: Principal, planId: string, on: CivilDate) {
  const plan = await loadStoredPlan(deps.pool, planId);
  if (plan.status !== "active" && plan.status !== "consultation")
    fail("conflict", `plan ${plan.id} is ${plan.status}: it takes no proposals`);
  const charter = await charterInForce(deps.pool, planId, on);
  if (principal.kind !== "member") return;
  if (charter.proposers === "operatorOnly")
    fail("forbidden", "this plan's charter lets only the operator propose");
  if (!(await governanceRepository.inPlan(deps.pool, principal.id, planId)))
    fail("forbidden", "only members of the plan propose changes to it");
}

/** A new proposal, submitted, with its first event. */
export async function insertSubmitted(deps: ServiceDeps, tx: Tx, row: NewProposal): Promise<number> {
  const at = new Date(deps.clock.now());
  const id = await governanceRepository.insertProposal(tx, row, at);
  await governanceRepository.insertEvent(tx, {
    proposalId: id,
    from: null,
    to: "submitted",
    action: "submit",
    actor: row.proposer,
    reason: row.title,
    at,
  });
  return id;
}

/** Any member (or the operator, as the charter allows) submits a suggestion, optionally a concrete change. */
export async function submitProposal(deps: ServiceDeps, principal: Principal, input: ProposalInput) {
  const today = todayOf(deps);
  await mayPropose(deps, principal, input.planId, today);
  if (input.kind === "change" && !input.changes && input.text.length === 0)
    fail("validation", "a proposal needs a text or a change", "text");
  const assessed =
    input.kind === "dissolution"
      ? { diff: [], changeClass: "dissolution" as const, reasons: ["the plan would close"] }
      : input.changes
        ? await assessChange(deps.pool, input.planId, input.changes)
        : { diff: [], changeClass: "ordinary" as const, reasons: [] };
  return withTransaction(deps.pool, async (tx) => {
    const proposer = await actorName(tx, principal);
    const id = await insertSubmitted(deps, tx, {
      planId: input.planId,
      kind: input.kind,
      title: input.title,
      body: input.text,
      changes: input.changes ?? null,
      diff: assessed.diff,
      changeClass: assessed.changeClass,
      classReasons: assessed.reasons,
      proposer,
    });
    return proposalView(tx, id);
  });
}

/**
 * The scheduler's dissolution proposal when a plan falls under its minimum and its charter reserves
 * dissolution to the members: submitted for the operator to evaluate and publish, as any other. None
 * is opened while another dissolution proposal of the plan is open; null then.
 */
export async function proposeDissolution(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  reason: string,
): Promise<number | null> {
  if (await governanceRepository.openDissolution(tx, planId)) return null;
  return insertSubmitted(deps, tx, {
    planId,
    kind: "dissolution",
    title: "成员人数低于最低要求：解散计划",
    body: reason,
    changes: null,
    diff: [],
    changeClass: "dissolution",
    classReasons: ["the plan would close"],
    proposer: "system:membership-watch",
  });
}
