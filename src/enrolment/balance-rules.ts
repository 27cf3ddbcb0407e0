import { type ServiceDeps, todayOf } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { depositFeeFen } from "../domain/plan/fees.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberRepository } from "../members/members.repository.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { enrolmentRepository } from "./enrolment.repository.ts";

/**
 * The prepaid balance rules, set-based for a plan on a date: a balance under the floor suspends
 * protection; past the grace period the participation ends (lapse); a balance back at the floor resumes.
 */
export async function applyBalanceRules(deps: ServiceDeps, planId: string, on: CivilDate) {
  return withTransaction(deps.pool, (tx) => applyBalanceRulesIn(deps, tx, planId, on));
}

/** The lapses due on a date alone (the job queue's daily check): suspended past the grace period end. */
export async function lapseDue(deps: ServiceDeps, planId: string, on: CivilDate): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const rules = ruleVersionOn(await loadStoredPlan(tx, planId), on)?.rules;
    if (rules?.funding.mode !== "prepaid" || !rules.funding.exitOnLapse) return 0;
    const at = new Date(deps.clock.now());
    return enrolmentRepository.lapsePastGrace(tx, planId, on, rules.funding.graceDays, at);
  });
}

/** The balance rules in the caller's transaction (a cycle's settlement applies them with its ledger). */
export async function applyBalanceRulesIn(deps: ServiceDeps, tx: Tx, planId: string, on: CivilDate) {
  const plan = await loadStoredPlan(tx, planId);
  const rules = ruleVersionOn(plan, on)?.rules;
  if (rules?.funding.mode !== "prepaid") return { suspended: 0, resumed: 0, lapsed: 0 };
  const f = rules.funding;
  const at = new Date(deps.clock.now());
  const suspended = await enrolmentRepository.suspendBelowFloor(tx, planId, on, f.floor, at);
  const resumed = await enrolmentRepository.resumeAtFloor(
    tx,
    planId,
    on,
    { floorFen: f.floor, graceDays: f.graceDays },
    at,
  );
  const lapsed = f.exitOnLapse
    ? await enrolmentRepository.lapsePastGrace(tx, planId, on, f.graceDays, at)
    : 0;
  return { suspended, resumed, lapsed };
}

/**
 * The member's open prepaid participations and their rules today; with `firstFor`, also that plan when
 * a first deposit names it (active and prepaid today, the member not yet in it).
 */
export async function prepaidOf(q: Queryable, memberId: number, today: CivilDate, firstFor?: string | null) {
  const open = (await enrolmentRepository.ofMembers(q, [memberId])).filter((p) => p.status !== "ended");
  const planIds = open.map((p) => p.planId);
  if (firstFor && !planIds.includes(firstFor)) planIds.push(firstFor);
  const found = [];
  for (const planId of planIds) {
    const plan = await loadStoredPlan(q, planId);
    if (planId === firstFor && plan.status !== "active" && !open.some((p) => p.planId === planId)) continue;
    const rules = ruleVersionOn(plan, today)?.rules;
    if (rules?.funding.mode === "prepaid") found.push({ planId, rules, funding: rules.funding });
  }
  return found;
}

/**
 * The plans the member's balance is for today: prepaid ones (`prepaidOf`), open participations in a
 * plan whose claims take a review deposit from the balance (claims/report.ts), and premium-pool plans
 * (Friendsurance): the year's premium is paid from the balance at joining (enrolment/join.ts), so a
 * first deposit may name an active one, and a member in one funds it (the next year's premium).
 */
export async function balanceUsesOf(q: Queryable, memberId: number, today: CivilDate, firstFor?: string) {
  const uses = (await prepaidOf(q, memberId, today, firstFor)).map((p) => p.planId);
  const open = (await enrolmentRepository.ofMembers(q, [memberId])).filter((p) => p.status !== "ended");
  for (const p of open) {
    if (uses.includes(p.planId)) continue;
    const rules = ruleVersionOn(await loadStoredPlan(q, p.planId), today)?.rules;
    if ((rules?.claims.reviewDeposit ?? 0) > 0 || rules?.funding.mode === "premiumPool") uses.push(p.planId);
  }
  if (firstFor && !uses.includes(firstFor)) {
    const plan = await loadStoredPlan(q, firstFor);
    if (plan.status === "active" && ruleVersionOn(plan, today)?.rules.funding.mode === "premiumPool")
      uses.push(firstFor);
  }
  return uses;
}

/**
 * The first half of the top-up hook, in the payment's transaction: the deposit fee of the member's
 * prepaid plan taken from what came in (轻松 2016: 2%), as the scenario runner takes it (applyTopUps).
 * One balance funds the member's prepaid plans: the fee is taken once, by the first that has one.
 */
export async function takeDepositFeeIn(
  deps: ServiceDeps,
  tx: Tx,
  t: { memberId: number; amountFen: number; key: string; planId: string | null },
): Promise<void> {
  const today = todayOf(deps);
  for (const p of await prepaidOf(tx, t.memberId, today, t.planId)) {
    const feeFen = depositFeeFen(p.rules, fen(t.amountFen));
    if (feeFen === 0) continue;
    await postTransaction(tx, {
      key: `payment:${t.key}:deposit-fee`,
      kind: "deposit_fee",
      planId: p.planId,
      at: new Date(deps.clock.now()),
      postings: transfer(accounts.fees(p.planId), accounts.memberBalance(t.memberId), feeFen),
    });
    await appendLogEntry(tx, "deposit_fee", {
      member: await memberRepository.pseudonymOf(tx, t.memberId),
      plan: p.planId,
      feeFen,
      on: today,
    });
    return;
  }
}

/**
 * The second half, once the top-up has repaid any advance: the balance rules at once for this member —
 * a balance back at the floor within the grace period resumes protection now, not at the next
 * settlement, as in the scenario runner.
 */
export async function resumeAfterTopUpIn(deps: ServiceDeps, tx: Tx, memberId: number): Promise<void> {
  const today = todayOf(deps);
  const at = new Date(deps.clock.now());
  for (const p of await prepaidOf(tx, memberId, today))
    await enrolmentRepository.resumeAtFloor(
      tx,
      p.planId,
      today,
      { floorFen: p.funding.floor, graceDays: p.funding.graceDays, memberId },
      at,
    );
}
