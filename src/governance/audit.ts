import { auditTerms, type StoredTerms } from "../domain/governance/terms-audit.ts";
import { documentSha256 } from "../plans/digest.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import type { Queryable } from "../store/db.ts";
import { governanceRepository } from "./governance.repository.ts";

const LAUNCHED = new Set(["active", "closing", "closed"]);

/**
 * `huzhu audit`'s governance part: every version of a launched plan is one of its launched terms or is
 * tied in the log to an adopted proposal (published with notice, adopted before the version took effect).
 */
export async function auditGovernance(q: Queryable): Promise<string[]> {
  const plans: StoredTerms[] = [];
  for (const p of await plansRepository.planSummaries(q)) {
    if (!LAUNCHED.has(p.status)) continue;
    const versions = await plansRepository.ruleVersions(q, p.planId);
    plans.push({
      planId: p.planId,
      versions: versions.map((v) => ({
        effective: v.effective,
        rulesSha256: documentSha256(v.rules),
        proposalId: v.proposalId,
      })),
    });
  }
  return auditTerms(plans, await governanceRepository.termsEntries(q));
}
