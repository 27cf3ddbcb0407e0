import { type CivilDate, civilDateOfInstant } from "../domain/calendar.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { depositFeeFen } from "../domain/plan/fees.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberRepository } from "../members/members.repository.ts";
import type { Tx } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";

/** A good row's first deposit, with the member id it was given and the rules it joined under. */
export type ImportedDeposit = { memberId: number; planId: string; depositFen: number; rules: Rules };

/**
 * The file's first deposits, in the import's transaction, each as an offline receipt: money the
 * operator already holds at the custodian (migrated from the old system's books, or received by bank
 * transfer), not a payment through the provider — a file cannot consent to a debit for a member. Each
 * is booked as a top-up is (Dr the custodian, Cr the member's balance; kind `topup`, the source in the
 * memo) and logged as one (`topup`, with `source`), and the plan's deposit fee is taken from it as the
 * API's top-up takes it. Keyed by the member, so the transaction commits or rolls back whole.
 */
export async function recordImportedDeposits(
  tx: Tx,
  deposits: readonly ImportedDeposit[],
  source: string,
  at: Date,
): Promise<void> {
  const on: CivilDate = civilDateOfInstant(at.getTime());
  for (const d of deposits) {
    const member = await memberRepository.pseudonymOf(tx, d.memberId);
    const txn = await postTransaction(tx, {
      key: `import:deposit:${d.memberId}`,
      kind: "topup",
      at,
      memo: `offline receipt: ${source}`,
      postings: transfer(accounts.memberBalance(d.memberId), accounts.custodianBank(), fen(d.depositFen)),
    });
    await appendLogEntry(tx, "topup", { member, ledgerTxn: txn.txnId, amountFen: d.depositFen, on, source });
    const feeFen = depositFeeFen(d.rules, fen(d.depositFen));
    if (feeFen === 0) continue;
    await postTransaction(tx, {
      key: `import:deposit:${d.memberId}:deposit-fee`,
      kind: "deposit_fee",
      planId: d.planId,
      at,
      postings: transfer(accounts.fees(d.planId), accounts.memberBalance(d.memberId), feeFen),
    });
    await appendLogEntry(tx, "deposit_fee", { member, plan: d.planId, feeFen, on });
  }
}
