import type { Fen } from "./money.ts";
import { err, ok, problem, type Result } from "./result.ts";

/** One line of a double-entry transaction: positive debits, negative credits, in fen. */
export type Posting = { readonly accountId: string; readonly amountFen: Fen };

/**
 * The chart of accounts (docs/ledger.md). Account ids are stable strings so that batch work can
 * derive them without a lookup.
 */
export const accounts = {
  /** What the platform holds for a member's prepaid balance (a liability to the member). */
  memberBalance: (memberId: number) => `member:${memberId}:balance`,
  /** What a member owes after the operator advanced a failed share (垫付). */
  memberAdvance: (memberId: number) => `member:${memberId}:advance`,
  /** A member's review deposit held during a claim. */
  memberDeposit: (memberId: number) => `member:${memberId}:review_deposit`,
  /** Money at the custodian bank (托管) holding prepaid balances. */
  custodianBank: () => "bank:custodian",
  /** The plan's clearing account: shares in, benefits out; its balance is the surplus (互助结余). */
  pool: (planId: string) => `plan:${planId}:pool`,
  /** Benefits approved and owed to claimants until paid. */
  benefitsPayable: (planId: string) => `plan:${planId}:benefits_payable`,
  /** Management fees earned by the operator. */
  fees: (planId: string) => `plan:${planId}:fees`,
  /** What the sponsor paid (caps, wind-down). */
  sponsor: (planId: string) => `plan:${planId}:sponsor`,
  /** The operator's own money advancing failed shares. */
  operatorAdvances: (planId: string) => `plan:${planId}:operator_advances`,
  /** Money in flight at the payment provider. */
  providerClearing: () => "provider:clearing",
  /** A premium-pool plan's group pool (Friendsurance's 保費基金): 40% of each premium of the group. */
  groupPool: (planId: string, groupNo: number) => `plan:${planId}:group:${groupNo}:pool`,
  /** A premium-pool plan's premiums passed to the conventional insurer (the other 60%). */
  insurerPremiums: (planId: string) => `plan:${planId}:insurer_premiums`,
  /** What the insurer paid of claims beyond a group's pool (its own money, like the sponsor's). */
  insurerCover: (planId: string) => `plan:${planId}:insurer_cover`,
  /** Money paid out to claimants and refunded to members, leaving the system. */
  paidOut: () => "world:paid_out",
} as const;

/** Checks a transaction before it is written: at least two postings, none zero, summing to zero. */
export function checkBalanced(postings: readonly Posting[]): Result<readonly Posting[]> {
  if (postings.length < 2) return err(problem("unbalanced", "a transaction has at least two postings"));
  let total = 0;
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amountFen) || p.amountFen === 0) {
      return err(problem("unbalanced", `posting to ${p.accountId} must be a non-zero whole number of fen`));
    }
    total += p.amountFen;
  }
  if (total !== 0) return err(problem("unbalanced", `postings sum to ${total} fen, not 0`));
  return ok(postings);
}

/** Moves an amount from one account to another: debit `to`, credit `from`. */
export function transfer(fromAccount: string, toAccount: string, amountFen: Fen): Posting[] {
  return [
    { accountId: toAccount, amountFen },
    { accountId: fromAccount, amountFen: -amountFen as Fen },
  ];
}
