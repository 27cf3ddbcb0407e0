import { auditCycles } from "../cycles/audit.ts";
import type { ServiceDeps } from "../deps.ts";
import { auditLog } from "../log/audit.ts";
import { auditFacts } from "../log/facts-audit.ts";
import { auditLedger } from "../store/ledger.repository.ts";

/**
 * `huzhu audit` over HTTP: the same checks — the ledger balances, every cycle conserves, the log is
 * intact and agrees with the records — and their findings (empty when it passes).
 */
export async function runAudit(deps: ServiceDeps): Promise<{ passed: boolean; problems: string[] }> {
  const problems = [
    ...(await auditLedger(deps.pool)),
    ...(await auditLog(deps.pool, deps.logKeys.publicKey)),
    ...(await auditFacts(deps.pool)),
    ...(await auditCycles(deps.pool)),
  ];
  return { passed: problems.length === 0, problems };
}
