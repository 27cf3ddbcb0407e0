// issue 16: left for the lead — plan §4 B step 6: `discloseCycle(facts)` and `conservesDisclosure(d)` here
// (for settle, auditCycles and sim/scenario/run.ts L407), and migration 080_cycle_disclosure_columns.sql.
import type { CivilDate } from "../calendar.ts";

export type CycleDisclosure = {
  planId: string;
  announcedOn: CivilDate;
  collectOn: CivilDate;
  ruleVersion: CivilDate;
  cases: number;
  benefitsFen: number;
  approvedBenefitsFen: number;
  feesFen: number;
  surplusInFen: number;
  surplusOutFen: number;
  sponsorFen: number;
  benefitCutFen: number;
  sharingMembers: number;
  sharingWeight: string;
  shares: Array<{ weight: string; members: number; shareFen: number }>;
  collectedFen: number | null;
  failedFen: number | null;
  advancedFen: number | null;
  /** Of the failed: debits whose answer the provider sends later (advanced, not defaults, not retried). */
  pendingFen?: number;
  /** Retries run, and advances written off, after the collection. */
  retriesDone?: number;
  writtenOffFen?: number;
  /** Of the collected: advances recovered from the members' next payments, in later cycles. */
  recoveredLaterFen?: number;
  shareRoot: { hash: string; count: number; sumFen: number } | null;
};

export type DisclosedCycle = CycleDisclosure & { retriesDone?: number; writtenOffFen?: number };
