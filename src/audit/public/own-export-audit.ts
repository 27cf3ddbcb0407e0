import type { KeyObject } from "node:crypto";
import { publicAudit } from "../../domain/public-audit/audit.ts";
import type { Queryable } from "../../store/db.ts";
import { exportHeadKeys } from "../../verify/checkpoint.ts";
import { publicExport } from "./public-export.ts";

/**
 * `huzhu audit` runs the public audit on the export the operator would publish: whatever the public
 * would find there (a disclosure that disagrees with the log, a payout left out, a cycle that does not
 * recompute) the operator's own audit finds first.
 */
export async function auditOwnExport(q: Queryable, publicKey: KeyObject): Promise<string[]> {
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const exp = await publicExport(q, pem);
  const headKeys = await exportHeadKeys(exp, undefined);
  return publicAudit(exp, { headKeys }).problems.map((p) => `public record: ${p}`);
}
