import { canonicalJson } from "../domain/canonical-json.ts";
import type { Queryable } from "../store/db.ts";
import { logRepository } from "./log.repository.ts";

/** The kinds of fact the log records (docs/transparency.md). */
export type LogKind =
  | "join"
  | "exit"
  | "suspension"
  | "resumption"
  | "lapse"
  | "transfer"
  | "rule_version"
  | "topup"
  | "refund"
  | "withdrawal"
  | "claim_decision"
  | "announcement"
  | "cycle_result"
  | "cycle_share_root"
  | "payout"
  | "ballot"
  | "proposal"
  | "plan_status"
  | "invitation"
  | "deposit_fee"
  | "pool_premium"
  | "pool_claim"
  | "pool_return"
  | "pool_year_end"
  | "log_key";

/**
 * Records a fact for the log in the caller's transaction: it commits or rolls back with the fact, and
 * the sequencer cannot skip it (it drains every committed outbox row). Members appear by pseudonym only.
 */
export async function appendLogEntry(
  q: Queryable,
  kind: LogKind,
  entry: Record<string, unknown>,
): Promise<void> {
  canonicalJson(entry); // refuse floats and the like now, in the fact's transaction
  await logRepository.insertOutbox(q, kind, entry);
}
