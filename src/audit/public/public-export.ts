import { cycleRepository } from "../../cycles/cycle.repository.ts";
import type { PublicExport } from "../../domain/public-audit/export.ts";
import { exportLog } from "../../log/entries.ts";
import { plansRepository } from "../../plans/plans.repository.ts";
import type { Queryable } from "../../store/db.ts";
import { publicExportRepository } from "./public-export.repository.ts";

/**
 * What anyone may download to audit the operator (`huzhu log export`, GET /log/export): the log's
 * entries and signed heads as `huzhu verify --file` reads them, each cycle's published disclosure, and
 * every stored rule document (the audit uses only those whose digest the log records), and every
 * witness-cosigned checkpoint (the sampling audit's seeds). No personal data:
 * entries name members by pseudonym only.
 */
export async function publicExport(q: Queryable, publicKeyPem: string): Promise<PublicExport> {
  const log = await exportLog(q, publicKeyPem);
  const disclosures = (await cycleRepository.everyCycle(q)).map((c) => ({
    cycle: c.cycleId,
    plan: c.disclosure.planId,
    disclosure: c.disclosure as unknown as Record<string, unknown>,
  }));
  const rules: PublicExport["rules"] = [];
  for (const p of await plansRepository.planSummaries(q))
    for (const v of await plansRepository.ruleVersions(q, p.planId))
      rules.push({ plan: p.planId, effective: v.effective, rules: v.rules });
  const checkpoints = await publicExportRepository.cosignedCheckpoints(q);
  return { ...log, disclosures, rules, checkpoints };
}
