import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { classifyChange, diffRules, formatDiff } from "../domain/governance/rules-diff.ts";
import { mergeRules } from "../domain/plan/document.ts";
import { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, withTransaction } from "../store/db.ts";
import { charterInForce } from "./charter.ts";
import { governanceRepository } from "./governance.repository.ts";
import { actorName, invalidDocument } from "./transition.ts";
import { proposalView } from "./views.ts";

/** The rules a patch would give, validated; the diff against the rules in force today and the change's class. */
async function assessChange(q: Queryable, planId: string, on: CivilDate, changes: Record<string, unknown>) {
  const plan = await loadStoredPlan(q, planId);
  const before =
    (await plansRepository.rulesInForce(q, planId, on)) ??
    fail("conflict", `plan ${plan.id} has no rules in force on ${on}`);
  const after = mergeRules(before, changes);
  const valid = Rules.safeParse(after);
  if (!valid.success) return invalidDocument(valid.error.issues, "changes", "changes");
  const diff = diffRules(before, after);
  if (diff.length === 0) fail("validation", "the change changes nothing", "changes");
  return { diff: formatDiff(diff), ...classifyChange(diff) };
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
        ? await assessChange(deps.pool, input.planId, today, input.changes)
        : { diff: [], changeClass: "ordinary" as const, reasons: [] };
  return withTransaction(deps.pool, async (tx) => {
    const proposer = await actorName(tx, principal);
    const id = await governanceRepository.insertProposal(
      tx,
      {
        planId: input.planId,
        kind: input.kind,
        title: input.title,
        body: input.text,
        changes: input.changes ?? null,
        diff: assessed.diff,
        changeClass: assessed.changeClass,
        classReasons: assessed.reasons,
        proposer,
      },
      new Date(deps.clock.now()),
    );
    await governanceRepository.insertEvent(tx, {
      proposalId: id,
      from: null,
      to: "submitted",
      action: "submit",
      actor: await actorName(tx, principal),
      reason: input.title,
      at: new Date(deps.clock.now()),
    });
    return proposalView(tx, id);
  });
}
