import { type ServiceDeps, todayOf } from "../deps.ts";
import { type CivilDate, partsOf } from "../domain/calendar.ts";
import { accounts } from "../domain/ledger.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import {
  afterFailedRenewal,
  type PremiumPool,
  premiumPoolOf,
  renewalDueOn,
} from "../domain/plan/premium-pool.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { endParticipation } from "../enrolment/end-participation.ts";
import { settleAndRefund } from "../enrolment/exit.ts";
import { mandateRepository } from "../payments/mandates.repository.ts";
import { consentsToDebit } from "../payments/mandates.ts";
import { executeOrAsk, type PaymentResult } from "../payments/port.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, withTransaction } from "../store/db.ts";
import { recordPremium } from "./enter.ts";
import { poolsRepository, type RenewalRow } from "./pools.repository.ts";

/** A renewal attempt's debit key at the provider: one key per attempt, so a retry is a new debit. */
export const renewalKey = (planId: string, participationId: number, year: number, attempt: number) =>
  `pool:${planId}:renewal:${participationId}:${year}${attempt > 0 ? `:retry:${attempt}` : ""}`;

/** The pool years of a plan whose renewals are due by `today` (to open, attempt or ask), oldest first. */
export async function dueRenewals(q: Queryable, planId: string, today: CivilDate): Promise<number[]> {
  const first = await poolsRepository.firstYear(q, planId);
  if (first === undefined) return [];
  const out: number[] = [];
  for (let year = first + 1; year <= partsOf(today).year; year++)
    if (await poolsRepository.renewalDue(q, planId, year, renewalDueOn(year), today)) out.push(year);
  return out;
}

type Renewing = {
  planId: string;
  pool: PremiumPool;
  policy: Rules["failurePolicy"];
  year: number;
  today: CivilDate;
};

/**
 * The scheduled step of `year`'s renewal premiums (issue 17): the year's renewals opened, then each due
 * attempt debited through the payment port under the member's debit authorisation, one key per
 * attempt; a pending answer is asked for again by the next pass. Paid: the premium split into the
 * group's pool and the insurer's part, in the ledger and the log. Failed: retried by the plan's failure
 * policy, and after the last attempt (or at once without consent) the participation ends that day.
 */
export async function renewPremiums(deps: ServiceDeps, planId: string, year: number): Promise<number> {
  const rules = ruleVersionOn(await loadStoredPlan(deps.pool, planId), renewalDueOn(year))?.rules;
  const pool = rules && premiumPoolOf(rules.funding);
  if (!rules || !pool) return 0;
  const y: Renewing = { planId, pool, policy: rules.failurePolicy, year, today: todayOf(deps) };
  if (renewalDueOn(year) > y.today) return 0;
  await withTransaction(deps.pool, async (tx) => {
    await poolsRepository.lockPlanGroups(tx, planId);
    await poolsRepository.openRenewals(tx, planId, year, renewalDueOn(year));
  });
  const rows = await poolsRepository.renewalsToAttempt(deps.pool, planId, year, y.today);
  for (const r of rows) await attempt(deps, y, r);
  return rows.length;
}

async function attempt(deps: ServiceDeps, y: Renewing, r: RenewalRow): Promise<void> {
  const key = renewalKey(y.planId, r.participationId, y.year, r.attempt);
  if (r.status === "due" && !(await consents(deps, r.memberId)))
    return settle(deps, y, r, { status: "failed", providerRef: "", reason: "declined" }, false);
  const result = r.status === "pending" ? await deps.payments.query(key) : await debit(deps, y, r, key);
  if (result.status === "succeeded" || result.status === "failed") return settle(deps, y, r, result, true);
  // Unknown (never received): the same key is sent again by the next pass, at most once executed.
  if (result.status === "pending")
    await withTransaction(deps.pool, async (tx) => {
      const now = await poolsRepository.lockRenewal(tx, r.participationId, y.year);
      if (now?.status === "due" && now.attempt === r.attempt)
        await poolsRepository.updateRenewal(tx, { ...now, status: "pending", failureReason: null });
    });
}

async function debit(deps: ServiceDeps, y: Renewing, r: RenewalRow, key: string) {
  return executeOrAsk(deps.payments, { key, kind: "debit", memberId: r.memberId, amountFen: y.pool.premium });
}

/** As every debit: without any record the join stands as consent; once recorded, the record decides. */
async function consents(deps: ServiceDeps, memberId: number): Promise<boolean> {
  return consentsToDebit(await mandateRepository.byMember(deps.pool, memberId), deps.clock.now());
}

/** One attempt's final answer, once: the renewal row is locked and must still be at this attempt. */
async function settle(
  deps: ServiceDeps,
  y: Renewing,
  r: RenewalRow,
  result: Extract<PaymentResult, { status: "succeeded" | "failed" }>,
  consented: boolean,
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const now = await poolsRepository.lockRenewal(tx, r.participationId, y.year);
    if (!now || now.attempt !== r.attempt || (now.status !== "due" && now.status !== "pending")) return;
    const at = new Date(deps.clock.now());
    if (result.status === "succeeded") {
      await poolsRepository.updateRenewal(tx, { ...now, status: "paid", failureReason: null });
      await recordPremium(tx, y.pool, {
        ...now,
        planId: y.planId,
        groupOpened: false,
        on: y.today,
        at,
        from: accounts.providerClearing(),
        renewal: { attempt: now.attempt },
      });
      return;
    }
    const reason = consented ? result.reason : "no_consent";
    const next = afterFailedRenewal(y.year, now.attempt, y.policy, y.today, consented);
    if ("retryOn" in next) {
      await poolsRepository.updateRenewal(tx, {
        ...now,
        status: "due",
        attempt: now.attempt + 1,
        attemptOn: next.retryOn,
        failureReason: reason,
      });
      return;
    }
    await poolsRepository.updateRenewal(tx, { ...now, status: "unpaid", failureReason: reason });
    // Out of the plan and its group; what the balance holds (a returned pool) goes back, as on an exit.
    if (await endParticipation(deps, tx, now.participationId, "premium_unpaid", next.endsOn))
      await settleAndRefund(deps, tx, { ...now, on: next.endsOn });
  });
}
