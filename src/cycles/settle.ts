import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { applyBalanceRulesIn } from "../enrolment/balance-rules.ts";
import { appendLogEntry } from "../log/append.ts";
import type { Tx } from "../store/db.ts";
import { ensureAccounts, postTransaction } from "../store/ledger.repository.ts";
import { endDefaulters } from "./defaulters.ts";
import { finishWindDownIn } from "./wind-down.ts";

export async function settle(
  deps: ServiceDeps,
  tx: Tx,
  cycleId: number,
  cycle: { plan_id: string; announced_on: CivilDate; collect_on: CivilDate; disclosure: CycleDisclosure },
  rules: Rules,
  keyBase: string,
): Promise<CycleDisclosure> {
  // Only the unpaid shares are read (a partial index, ~1% of the cycle): every other share was collected,
  // so the collected total is the cycle's published total less them.
  const t = await tx.query<{ total: number; failed: number; pending: number }>(
    `SELECT (SELECT share_total_fen FROM cycles WHERE cycle_id = $1) AS total,
            coalesce(sum(share_fen), 0)::bigint AS failed,
            coalesce(sum(share_fen) FILTER (WHERE status = 'pending'), 0)::bigint AS pending
     FROM cycle_shares WHERE cycle_id = $1 AND unpaid`,
    [cycleId],
  );
  const { total, failed, pending } = t.rows[0]!;
  const collected = total - failed;
  const d = cycle.disclosure;
  const pool = accounts.pool(cycle.plan_id);
  const at = new Date(deps.clock.now());
  await ensureAccounts(tx, [
    pool,
    accounts.fees(cycle.plan_id),
    accounts.sponsor(cycle.plan_id),
    accounts.paidOut(),
    accounts.providerClearing(),
    accounts.custodianBank(),
  ]);
  // Shares in: one transaction, per-member postings for prepaid balances and for advances, set-based.
  const txn =
    collected + failed > 0
      ? await tx.query<{ txn_id: number }>(
          "INSERT INTO ledger_transactions (idem_key, kind, plan_id, memo, at) VALUES ($1, 'cycle_collection', $2, $3, $4) ON CONFLICT (idem_key) DO NOTHING RETURNING txn_id",
          [`${keyBase}:collect`, cycle.plan_id, `cycle ${cycleId}`, at],
        )
      : { rows: [] };
  if (txn.rows[0]) {
    const id = txn.rows[0].txn_id;
    const prepaid = rules.funding.mode === "prepaid";
    // Post-paid: a posting per unpaid share (the member's advance), found by the partial index;
    // prepaid: also a posting per collected share (the deduction from the member's balance).
    const shares = prepaid ? "share_fen > 0" : "unpaid AND share_fen > 0";
    await tx.query(
      `INSERT INTO ledger_accounts (account_id, kind, member_id)
       SELECT DISTINCT 'member:' || member_id || (CASE WHEN unpaid THEN ':advance' ELSE ':balance' END),
              CASE WHEN unpaid THEN 'member:advance' ELSE 'member:balance' END, member_id
       FROM cycle_shares WHERE cycle_id = $1 AND ${shares}
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    await tx.query(
      `INSERT INTO ledger_postings (txn_id, account_id, amount_fen)
       SELECT $2::bigint, 'member:' || member_id || (CASE WHEN unpaid THEN ':advance' ELSE ':balance' END), share_fen
         FROM cycle_shares WHERE cycle_id = $1 AND ${shares}
       UNION ALL SELECT $2::bigint, $3::text, $4::bigint WHERE $4::bigint > 0
       UNION ALL SELECT $2::bigint, $5::text, $6::bigint`,
      [cycleId, id, accounts.providerClearing(), prepaid ? 0 : collected, pool, -(collected + failed)],
    );
    deps.checkpoint?.("settle:collection-posted");
  }
  // Sponsor cover, fees and benefits out of the pool: the pool keeps only the surplus.
  const flows: Array<[string, number, string]> = [["sponsor", d.sponsorFen, accounts.sponsor(cycle.plan_id)]];
  for (const [kind, amount, from] of flows) {
    if (amount > 0)
      await postTransaction(tx, {
        key: `${keyBase}:${kind}`,
        kind: `cycle_${kind}`,
        planId: cycle.plan_id,
        at,
        postings: [
          { accountId: from, amountFen: fen(amount) },
          { accountId: pool, amountFen: fen(-amount) },
        ],
      });
  }
  if (d.feesFen > 0)
    await postTransaction(tx, {
      key: `${keyBase}:fees`,
      kind: "cycle_fees",
      planId: cycle.plan_id,
      at,
      postings: [
        { accountId: pool, amountFen: fen(d.feesFen) },
        { accountId: accounts.fees(cycle.plan_id), amountFen: fen(-d.feesFen) },
      ],
    });
  if (d.benefitsFen > 0) {
    await postTransaction(tx, {
      key: `${keyBase}:payout`,
      kind: "payout",
      planId: cycle.plan_id,
      at,
      postings: [
        { accountId: pool, amountFen: fen(d.benefitsFen) },
        { accountId: accounts.paidOut(), amountFen: fen(-d.benefitsFen) },
      ],
    });
    const paid = await tx.query<{
      case_id: number;
      member_id: number;
      benefit_fen: number;
      pseudonym: string;
    }>(
      `UPDATE cycle_cases c SET paid = true FROM members m WHERE c.cycle_id = $1 AND NOT c.paid AND m.member_id = c.member_id
       RETURNING c.case_id, c.member_id, c.benefit_fen, m.pseudonym`,
      [cycleId],
    );
    for (const p of paid.rows)
      await appendLogEntry(tx, "payout", {
        member: p.pseudonym,
        plan: cycle.plan_id,
        case: p.case_id,
        cycle: cycleId,
        on: cycle.collect_on,
      });
  }
  // Members past the allowed failures leave the plan; their default history stays in cycle_shares.
  // Retries come first where the policy has them; the last retry ends the defaulters' participations.
  if (rules.failurePolicy.retryAttempts === 0 || rules.funding.mode === "prepaid") {
    await endDefaulters(deps, tx, cycle.plan_id, cycle.collect_on, rules.failurePolicy.exitAfterFailures);
  }
  const disclosure: CycleDisclosure = {
    ...d,
    collectedFen: collected,
    failedFen: failed,
    advancedFen: rules.failurePolicy.operatorAdvances ? failed : 0,
    pendingFen: pending,
  };
  // Conservation, checked again on what was actually written (style habit 5).
  if (collected + failed + d.sponsorFen !== d.benefitsFen + d.feesFen - d.surplusInFen + d.surplusOutFen) {
    throw new Error(`invariant violated: cycle ${cycleId} does not conserve`);
  }
  await tx.query("UPDATE cycles SET status = 'disclosed', disclosure = $2 WHERE cycle_id = $1", [
    cycleId,
    JSON.stringify(disclosure),
  ]);
  await appendLogEntry(tx, "cycle_result", {
    plan: cycle.plan_id,
    cycle: cycleId,
    announcedOn: cycle.announced_on,
    benefitsFen: d.benefitsFen,
    feesFen: d.feesFen,
    sponsorFen: d.sponsorFen,
    collectedFen: collected,
    failedFen: failed,
    surplusOutFen: d.surplusOutFen,
  });
  // The prepaid balance rules and the end of a wind-down belong to the settlement: a crash cannot
  // leave a disclosed cycle whose follow-up was never applied.
  if (rules.funding.mode === "prepaid") await applyBalanceRulesIn(deps, tx, cycle.plan_id, cycle.collect_on);
  await finishWindDownIn(deps, tx, cycle.plan_id, cycle.collect_on);
  deps.checkpoint?.("settle:before-commit");
  return disclosure;
}
