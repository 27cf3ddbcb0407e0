import { addYears, type CivilDate } from "./calendar.ts";

/** What a member still has open: anything here must be settled before their data can be erased. */
export type ErasureFacts = {
  readonly openParticipations: number;
  readonly openClaims: number;
  readonly pendingPayments: number;
  /** Member accounts whose balance is not zero (money owed to them, or by them). */
  readonly unsettledAccounts: number;
  readonly openDisputes: number;
  /** Dependants whose own data is not erased yet (a guardian is erased last). */
  readonly liveDependants: number;
  readonly pendingDependantRequests: number;
};

/**
 * Why an erasure cannot run yet, one sentence per reason, or none. Erasure removes the contact data a
 * running relationship needs: a member in a plan, with a claim in progress, a payment or a dispute
 * unsettled, money on an account, or dependants of their own, ends those first (exit, withdraw).
 */
export function erasureBlockers(f: ErasureFacts): string[] {
  const out: string[] = [];
  if (f.openParticipations > 0)
    out.push(`${f.openParticipations} plan participation(s) still open: exit first`);
  if (f.openClaims > 0) out.push(`${f.openClaims} claim(s) not yet closed`);
  if (f.pendingPayments > 0) out.push(`${f.pendingPayments} payment(s) still pending`);
  if (f.unsettledAccounts > 0)
    out.push(`${f.unsettledAccounts} account(s) with a balance: withdraw or settle first`);
  if (f.openDisputes > 0) out.push(`${f.openDisputes} deduction dispute(s) open`);
  if (f.liveDependants > 0) out.push(`${f.liveDependants} dependant(s) whose data is not erased`);
  if (f.pendingDependantRequests > 0)
    out.push(`${f.pendingDependantRequests} dependant request(s) in progress`);
  return out;
}

/** The last day an erased member's identity evidence is kept: the erasure's date plus the retention. */
export const evidenceKeptUntil = (erasedOn: CivilDate, retentionYears: number): CivilDate =>
  addYears(erasedOn, retentionYears);

/** What stays in an erased member's row where personal data was: masks that reveal nothing. */
export const ERASED_MASKS = { name: "已删除", residentId: "*".repeat(18) } as const;
