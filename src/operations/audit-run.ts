import { createPublicKey } from "node:crypto";
import { auditOwnExport } from "../audit/public/own-export-audit.ts";
import { auditCycles } from "../cycles/audit.ts";
import type { ServiceDeps } from "../deps.ts";
import { auditGovernance } from "../governance/audit.ts";
import { auditLog } from "../log/audit.ts";
import { auditFacts } from "../log/facts-audit.ts";
import { auditMembership } from "../log/membership-audit.ts";
import { auditReconciliation } from "../log/reconcile.ts";
import type { Queryable } from "../store/db.ts";
import { auditLedger } from "../store/ledger.repository.ts";

/**
 * Every check of `huzhu audit`, in one list so that the CLI and the staff route can't drift apart: the
 * ledger balances, every cycle conserves, the log is intact and agrees with the records, every rule
 * version after launch came through the members. Empty when it passes.
 */
export async function auditChecks(
  q: Queryable,
  logPublicKey: Parameters<typeof auditLog>[1],
): Promise<string[]> {
  return [
    ...(await auditLedger(q)),
    ...(await auditLog(q, logPublicKey)),
    ...(await auditFacts(q)),
    ...(await auditCycles(q)),
    ...(await auditGovernance(q)),
    ...(await auditReconciliation(q)),
    ...(await auditMembership(q)),
    ...(await auditOwnExport(
      q,
      typeof logPublicKey === "string" ? createPublicKey(logPublicKey) : logPublicKey,
    )),
  ];
}

/** `huzhu audit` over HTTP, with its findings. */
export async function runAudit(deps: ServiceDeps): Promise<{ passed: boolean; problems: string[] }> {
  const problems = await auditChecks(deps.pool, deps.logKeys.publicKey);
  return { passed: problems.length === 0, problems };
}
