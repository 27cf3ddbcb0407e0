import type { ServiceDeps } from "../deps.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { fail } from "../errors.ts";
import type { Tx } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { type Claim, claimRepository } from "./claim.repository.ts";

/**
 * Moves the plan's review deposit from the member's prepaid balance into their deposit account, in
 * the report's transaction; a balance that does not hold it refuses the report (nothing is recorded).
 */
export async function holdDeposit(
  deps: ServiceDeps,
  tx: Tx,
  d: { claimId: number; memberId: number; planId: string; depositFen: number },
): Promise<void> {
  const heldFen = -(await balanceOf(tx, accounts.memberBalance(d.memberId)));
  if (heldFen < d.depositFen)
    fail(
      "insufficient_balance",
      `the plan asks a review deposit of ${d.depositFen} fen; the balance holds ${heldFen} fen — top up first`,
    );
  await postTransaction(tx, {
    key: `claim:${d.claimId}:deposit`,
    kind: "review_deposit",
    planId: d.planId,
    memo: `review deposit for claim ${d.claimId}`,
    at: new Date(deps.clock.now()),
    postings: transfer(
      accounts.memberDeposit(d.memberId),
      accounts.memberBalance(d.memberId),
      fen(d.depositFen),
    ),
  });
}

/** Refunds the review deposit to the balance, or forfeits it to the plan's pool on a false claim. */
export async function settleDeposit(
  deps: ServiceDeps,
  tx: Tx,
  c: Claim,
  how: "refund" | "forfeit",
): Promise<void> {
  if (c.depositStatus !== "held") return;
  const amount = fen(c.depositFen);
  await postTransaction(tx, {
    key: `claim:${c.claimId}:deposit:${how}`,
    kind: how === "refund" ? "review_deposit_refund" : "review_deposit_forfeit",
    planId: c.planId,
    memo: `review deposit of claim ${c.claimId} ${how === "refund" ? "refunded" : "forfeited"}`,
    at: new Date(deps.clock.now()),
    postings:
      how === "refund"
        ? transfer(accounts.memberBalance(c.memberId), accounts.memberDeposit(c.memberId), amount)
        : transfer(accounts.pool(c.planId), accounts.memberDeposit(c.memberId), amount),
  });
  const status = how === "refund" ? "refunded" : "forfeited";
  await claimRepository.setDepositStatus(tx, c.claimId, status);
  c.depositStatus = status;
}
