/** The member account kinds of `domain/ledger.ts`'s `accounts`, as their ids end. */
export type MemberAccountKind = "balance" | "advance" | "review_deposit";

/**
 * A member's ledger account id built in SQL from a member-id expression — the SQL twin of
 * `accounts.memberBalance/memberAdvance/memberDeposit`, so set-based statements name accounts the same way.
 * `memberIdExpr` is a column or expression of the statement (never user input).
 */
export const memberAccountSql = (memberIdExpr: string, kind: MemberAccountKind): string =>
  `'member:' || ${memberIdExpr} || ':${kind}'`;
