import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate, civilDate, partsOf } from "../domain/calendar.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { premiumPoolOf, yearEndOfPool } from "../domain/plan/premium-pool.ts";
import { appendLogEntry } from "../log/append.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { type GroupYear, poolsRepository } from "./pools.repository.ts";

/** The day a pool year's end runs: the day after the year, so every claim of the year is in. */
export const yearEndRunsOn = (year: number): CivilDate => addDays(civilDate(`${year}-12-31`), 1);

/** The pool years of a plan whose end is due by `today` and has not run, oldest first. */
export async function dueYearEnds(q: Queryable, planId: string, today: CivilDate): Promise<number[]> {
  return poolsRepository.openYears(q, planId, partsOf(today).year - 1);
}

/**
 * The scheduled step at a pool year's end: for each group of the plan, in one transaction, the pool as
 * its rows say (carried in + premiums − claims paid from it) is returned to those who paid in — credited
 * to their balances — where nobody in the group claimed that year and the plan returns unused pools,
 * else carried into the next year. Each return and each group's end is a ledger entry and a log fact;
 * a second run has no second effect.
 */
export async function closePoolYear(deps: ServiceDeps, planId: string, year: number): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    await poolsRepository.lockPlanGroups(tx, planId);
    const closedOn = yearEndRunsOn(year);
    const rules = ruleVersionOn(await loadStoredPlan(tx, planId), civilDate(`${year}-12-31`))?.rules;
    const pool = rules && premiumPoolOf(rules.funding);
    if (!pool) return;
    const at = new Date(deps.clock.now());
    for (const g of await poolsRepository.groupYears(tx, planId, year))
      await closeGroup(tx, { planId, year, closedOn, at }, g, pool);
  });
}

async function closeGroup(
  tx: Tx,
  y: { planId: string; year: number; closedOn: CivilDate; at: Date },
  g: GroupYear,
  pool: NonNullable<ReturnType<typeof premiumPoolOf>>,
): Promise<void> {
  const poolFen = g.carriedInFen + g.premiumsPoolFen - g.claimsFromPoolFen;
  const payers = await poolsRepository.contributions(tx, y.planId, g.groupNo, y.year);
  const end = yearEndOfPool(pool, { poolFen, claimed: g.claims > 0 }, payers);
  const returnedFen = end.returned.reduce((s, r) => s + r.fen, 0);
  const fresh = await poolsRepository.insertYearEnd(tx, {
    ...y,
    groupNo: g.groupNo,
    returnedFen,
    carriedFen: end.carriedFen,
  });
  if (!fresh) return;
  for (const r of end.returned) {
    const payer = payers.find((p) => p.key === r.key)!;
    await postTransaction(tx, {
      key: `pool:${y.planId}:return:${y.year}:${payer.participationId}`,
      kind: "pool_return",
      planId: y.planId,
      at: y.at,
      postings: [
        { accountId: accounts.groupPool(y.planId, g.groupNo), amountFen: r.fen },
        { accountId: accounts.memberBalance(payer.memberId), amountFen: fen(-r.fen) },
      ],
    });
    await appendLogEntry(tx, "pool_return", {
      member: payer.pseudonym,
      plan: y.planId,
      participation: payer.participationId,
      group: g.groupNo,
      year: y.year,
      amountFen: r.fen,
      on: y.closedOn,
    });
  }
  await appendLogEntry(tx, "pool_year_end", {
    plan: y.planId,
    group: g.groupNo,
    year: y.year,
    poolFen,
    claims: g.claims,
    returnedFen,
    carriedFen: end.carriedFen,
    on: y.closedOn,
  });
}
