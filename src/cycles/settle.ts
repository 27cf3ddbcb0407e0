import type { ServiceDeps } from "../deps.ts";
import { paidPerCase } from "../domain/claim/payout.ts";
import {
  type CycleDisclosure,
  type CycleOutcome,
  conservesDisclosure,
  discloseCycle,
  outcomeOf,
  paidAfterFailures,
} from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { applyBalanceRulesIn } from "../enrolment/balance-rules.ts";
import { appendLogEntry } from "../log/append.ts";
import type { Tx } from "../store/db.ts";
import { ensureAccounts, postTransaction } from "../store/ledger.repository.ts";
import { type CycleRow, cycleRepository } from "./cycle.repository.ts";
import { endDefaulters } from "./defaulters.ts";
import { shareRepository } from "./share.repository.ts";
import { finishWindDownIn } from "./wind-down.ts";

type Totals = { collected: number; failed: number; pending: number };

/**
 * Settles a collected cycle in the caller's transaction (the cycle row locked): the shares in, the
 * sponsor's cover, fees and benefits out of the pool, the cases paid, the defaulters out, and the
 * cycle disclosed and logged, with the prepaid balance rules and the end of a wind-down.
 */
export async function settle(
  deps: ServiceDeps,
  tx: Tx,
  cycle: CycleRow,
  rules: Rules,
): Promise<CycleDisclosure> {
  // Only the unpaid shares are read (a partial index, ~1% of the cycle): every other share was collected,
  // so the collected total is the cycle's published total less them.
  const { total, failed, pending } = await shareRepository.settlementTotals(tx, cycle.cycleId);
  const totals: Totals = { collected: total - failed, failed, pending };
  const at = new Date(deps.clock.now());
  await ensureAccounts(tx, [
    accounts.pool(cycle.planId),
    accounts.fees(cycle.planId),
    accounts.sponsor(cycle.planId),
    accounts.paidOut(),
    accounts.providerClearing(),
    accounts.custodianBank(),
  ]);
  const advances = rules.failurePolicy.operatorAdvances;
  if (totals.collected + (advances ? totals.failed : 0) > 0) {
    const prepaid = rules.funding.mode === "prepaid";
    const posted = await postCollection(tx, cycle, { prepaid, advances }, totals, at);
    if (posted) deps.checkpoint?.("settle:collection-posted");
  }
  // Where the operator does not advance, the failed shares come off what is paid (benefits, then fees).
  const paid = paidAfterFailures({
    ...cycle.disclosure,
    failedFen: totals.failed,
    advancedFen: advances ? totals.failed : 0,
  });
  await postPoolFlows(tx, cycle, { payoutFen: paid.benefitsPaidFen, feesFen: paid.feesTakenFen }, at);
  if (cycle.disclosure.benefitsFen > 0) await markCasesPaid(tx, cycle, paid.benefitsPaidFen);
  // Members past the allowed failures leave the plan; their default history stays in cycle_shares.
  // Retries come first where the policy has them; the last retry ends the defaulters' participations.
  if (rules.failurePolicy.retryAttempts === 0 || rules.funding.mode === "prepaid") {
    await endDefaulters(deps, tx, cycle.planId, cycle.collectOn, rules.failurePolicy.exitAfterFailures);
  }
  const disclosure = await disclose(tx, cycle, rules, totals);
  // The prepaid balance rules and the end of a wind-down belong to the settlement: a crash cannot
  // leave a disclosed cycle whose follow-up was never applied.
  if (rules.funding.mode === "prepaid") await applyBalanceRulesIn(deps, tx, cycle.planId, cycle.collectOn);
  await finishWindDownIn(deps, tx, cycle.planId, cycle.collectOn);
  deps.checkpoint?.("settle:before-commit");
  return disclosure;
}

/**
 * Shares in: one transaction, per-member postings for prepaid balances and for advances (where the
 * operator advances; otherwise a failed share brings nothing into the pool), set-based.
 * Returns whether it was written now (not a replay).
 */
async function postCollection(
  tx: Tx,
  cycle: CycleRow,
  p: { prepaid: boolean; advances: boolean },
  t: Totals,
  at: Date,
): Promise<boolean> {
  const txn = await shareRepository.postCollection(tx, {
    cycleId: cycle.cycleId,
    idemKey: `cycle:${cycle.planId}:${cycle.announcedOn}:collect`,
    planId: cycle.planId,
    prepaid: p.prepaid,
    advances: p.advances,
    clearingFen: p.prepaid ? 0 : t.collected,
    poolFen: -(t.collected + (p.advances ? t.failed : 0)),
    at,
  });
  return !txn.replayed;
}

/** Sponsor cover, fees and benefits out of the pool: the pool keeps only the surplus. */
async function postPoolFlows(
  tx: Tx,
  cycle: CycleRow,
  out: { payoutFen: number; feesFen: number },
  at: Date,
): Promise<void> {
  const d = cycle.disclosure;
  const pool = accounts.pool(cycle.planId);
  const keyBase = `cycle:${cycle.planId}:${cycle.announcedOn}`;
  const flows: Array<{ key: string; kind: string; amount: number; from: string; to: string }> = [
    {
      key: "sponsor",
      kind: "cycle_sponsor",
      amount: d.sponsorFen,
      from: accounts.sponsor(cycle.planId),
      to: pool,
    },
    { key: "fees", kind: "cycle_fees", amount: out.feesFen, from: pool, to: accounts.fees(cycle.planId) },
    { key: "payout", kind: "payout", amount: out.payoutFen, from: pool, to: accounts.paidOut() },
  ];
  for (const f of flows) {
    if (f.amount > 0)
      await postTransaction(tx, {
        key: `${keyBase}:${f.key}`,
        kind: f.kind,
        planId: cycle.planId,
        at,
        postings: [
          { accountId: f.from, amountFen: fen(f.amount) },
          { accountId: f.to, amountFen: fen(-f.amount) },
        ],
      });
  }
}

/**
 * The cycle's cases paid, each payout logged with the approved benefit and what was paid — `paidFen`
 * (the public audit checks it against the logged decision and the cycle) and `amountFen`, the same
 * figure as the money facts name it (issue 17); entries before issues 17 and 19 lack them.
 */
async function markCasesPaid(tx: Tx, cycle: CycleRow, benefitsPaidFen: number): Promise<void> {
  const cases = (await cycleRepository.markCasesPaid(tx, cycle.cycleId)).sort((a, b) => a.caseId - b.caseId);
  const parts = paidPerCase(cases, benefitsPaidFen);
  for (const p of cases)
    await appendLogEntry(tx, "payout", {
      member: p.pseudonym,
      plan: cycle.planId,
      case: p.caseId,
      cycle: cycle.cycleId,
      amountFen: parts.get(p.caseId) ?? 0,
      on: cycle.collectOn,
      benefitFen: Number(p.benefitFen),
      paidFen: parts.get(p.caseId) ?? 0,
    });
}

/** The collection's results added to the announcement's facts, checked, stored and logged. */
async function disclose(tx: Tx, cycle: CycleRow, rules: Rules, t: Totals): Promise<CycleDisclosure> {
  const d = cycle.disclosure;
  const outcome: CycleOutcome = {
    ...outcomeOf(d),
    collectedFen: t.collected,
    failedFen: t.failed,
    advancedFen: rules.failurePolicy.operatorAdvances ? t.failed : 0,
    pendingFen: t.pending,
  };
  const disclosure = discloseCycle({ announced: d, outcome });
  // Conservation, checked again on what was actually written (style habit 5).
  if (!conservesDisclosure(disclosure))
    throw new Error(`invariant violated: cycle ${cycle.cycleId} does not conserve`);
  await cycleRepository.setOutcome(tx, cycle.cycleId, outcome);
  await cycleRepository.markDisclosed(tx, cycle.cycleId);
  await appendLogEntry(tx, "cycle_result", {
    plan: cycle.planId,
    cycle: cycle.cycleId,
    announcedOn: cycle.announcedOn,
    benefitsFen: d.benefitsFen,
    feesFen: d.feesFen,
    sponsorFen: d.sponsorFen,
    collectedFen: t.collected,
    failedFen: t.failed,
    surplusOutFen: d.surplusOutFen,
    // for the public audit (issue 19): what the operator advanced of the failed shares
    advancedFen: outcome.advancedFen ?? 0,
  });
  return disclosure;
}
