import { cycleRepository } from "../cycles/cycle.repository.ts";
import { type CycleDisclosure, paidAfterFailures } from "../domain/cycle/disclosure.ts";
import type { Queryable } from "../store/db.ts";
import { reconcileRepository } from "./reconcile.repository.ts";

/** The figures a `cycle_result` entry records, each compared with the cycle's disclosure. */
const RESULT_FIELDS = [
  "announcedOn",
  "benefitsFen",
  "feesFen",
  "sponsorFen",
  "collectedFen",
  "failedFen",
  "surplusOutFen",
] as const;

/**
 * The kinds of ledger transaction allowed to move a plan's pool, fees or sponsor money: each is
 * reconciled with the log here (cycle flows, deposit fees) or by the facts audit (a dispute refund);
 * a review deposit forfeited to the pool follows a logged rejection (not reconciled by amount yet).
 */
const PLAN_MONEY_KINDS = [
  "cycle_collection",
  "cycle_sponsor",
  "cycle_fees",
  "payout",
  "deposit_fee",
  "dispute_refund",
  "review_deposit_forfeit",
  // a premium pool's money (pools/): each premium, pool claim and year-end return is logged with its
  // amounts (pool_premium, pool_claim, pool_return), not reconciled by amount yet
  "pool_premium",
  "pool_claim",
  "pool_return",
];

/**
 * The private audit's reconciliation of the records with the log: every disclosure with its logged
 * `cycle_result`; every ledger transaction of a cycle with the amount the logged result makes it (and
 * every such amount with its transaction); no other transaction moving a plan's money; deposit fees
 * both ways; cases, decided claims and paid cases with their `claim_decision` and `payout` entries.
 */
export async function auditReconciliation(q: Queryable): Promise<string[]> {
  const logged = new Map((await reconcileRepository.loggedCycleResults(q)).map((e) => [Number(e.cycle), e]));
  const problems: string[] = [];
  const expected = new Map<string, { cycleId: number; kind: string; amountFen: number }>();
  for (const c of await cycleRepository.everyCycle(q)) {
    if (c.status !== "disclosed") continue;
    const result = logged.get(c.cycleId);
    if (!result) {
      problems.push(`cycle ${c.cycleId} is disclosed with no cycle_result in the log`);
      continue;
    }
    const d = c.disclosure;
    for (const f of RESULT_FIELDS)
      if (String(d[f]) !== String(result[f]))
        problems.push(
          `cycle ${c.cycleId}: the disclosure says ${f} ${d[f]}, its logged cycle_result ${result[f]}`,
        );
    for (const [key, flow] of cycleFlowsOf(d, result)) expected.set(key, { cycleId: c.cycleId, ...flow });
  }
  problems.push(...(await ledgerAgainst(q, expected)));
  const sql = [
    reconcileRepository.unloggedPlanMoney(q, PLAN_MONEY_KINDS),
    reconcileRepository.depositFeeMismatches(q),
    reconcileRepository.caseMismatches(q),
    reconcileRepository.claimMismatches(q),
    reconcileRepository.payoutMismatches(q),
  ];
  for (const rows of await Promise.all(sql)) problems.push(...rows.map((r) => r.problem));
  return problems;
}

/**
 * The pool flows a logged cycle result makes, by the ledger keys settlement posts them under (the
 * advances, not logged, from the disclosure): collected (and advanced) shares in, sponsor cover in,
 * fees and benefits out, less what failed shares the operator did not advance took off them.
 */
function cycleFlowsOf(d: CycleDisclosure, result: Record<string, unknown>) {
  const figures = {
    benefitsFen: Number(result.benefitsFen),
    feesFen: Number(result.feesFen),
    failedFen: Number(result.failedFen),
    advancedFen: d.advancedFen,
  };
  const paid = paidAfterFailures(figures);
  const base = `cycle:${d.planId}:${result.announcedOn}`;
  return new Map([
    [
      `${base}:collect`,
      { kind: "cycle_collection", amountFen: Number(result.collectedFen) + (d.advancedFen ?? 0) },
    ],
    [`${base}:sponsor`, { kind: "cycle_sponsor", amountFen: Number(result.sponsorFen) }],
    [`${base}:fees`, { kind: "cycle_fees", amountFen: paid.feesTakenFen }],
    [`${base}:payout`, { kind: "payout", amountFen: paid.benefitsPaidFen }],
  ]);
}

/** The ledger's cycle transactions against the flows the log makes, both ways. */
async function ledgerAgainst(
  q: Queryable,
  expected: Map<string, { cycleId: number; kind: string; amountFen: number }>,
): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of await reconcileRepository.cycleFlows(q)) {
    const e = expected.get(t.idemKey);
    seen.add(t.idemKey);
    if (!e || e.kind !== t.kind)
      problems.push(`ledger transaction ${t.txnId} (${t.kind}) is no flow of a logged cycle result`);
    else if (e.amountFen !== Number(t.amountFen))
      problems.push(
        `ledger transaction ${t.txnId} (${t.kind}) of cycle ${e.cycleId} moves ${t.amountFen} fen, its logged cycle_result ${e.amountFen}`,
      );
  }
  for (const [key, e] of expected)
    if (e.amountFen > 0 && !seen.has(key))
      problems.push(
        `cycle ${e.cycleId}: the ledger has no ${e.kind} transaction for the logged ${e.amountFen} fen`,
      );
  return problems;
}
