import type { CivilDate } from "../domain/calendar.ts";
import type { Plan } from "../domain/plan/document.ts";
import { fail } from "../errors.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Secrets } from "../secrets.ts";
import type { Db } from "../store/db.ts";
import { fastPass } from "./fast-pass.ts";
import { importRepository } from "./import.repository.ts";
import { reportProblems } from "./report.ts";
import type { ImportOptions, ImportResult } from "./rows.ts";

export type { ImportOptions, ImportResult, RowProblem } from "./rows.ts";

/**
 * Bulk-loads members with their enrolments from CSV. If any row is bad nothing is imported and every
 * bad row is reported with its line number.
 *
 * The fast pass assumes the file is good: rows are parsed and validated here, encrypted and hashed on
 * worker threads in chunks (kept in file order), and COPYed straight into members — the unique indexes
 * on the lookup hashes are the duplicate check against the database — then the enrolments into
 * participations, in one transaction. Member ids are taken from the sequence under a lock held for the
 * transaction, so the pseudonyms (keyed hashes of the id) are computed with the rows. At the first bad
 * row, or a unique violation, it rolls back and a reporting pass reads the file again to list every
 * problem (see reportProblems): a bad file costs up to two passes, a good one one. Every enrolment's
 * join is logged in the same transaction (one INSERT … SELECT into the log's outbox).
 */
export async function importMembers(
  pool: Db,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  options: ImportOptions = {},
): Promise<ImportResult> {
  // Its duplicate check joins on the current key's hashes alone: not while older ones are still live.
  if ((secrets.lookupRing?.live().length ?? 1) > 1)
    fail("conflict", "a lookup-hash key rotation is in progress (huzhu keys status): import once it is done");
  const plans = new Map<string, Plan | null>();
  for (const planId of await importRepository.planIds(pool))
    plans.set(planId, await loadStoredPlan(pool, planId));
  const invitations = await importRepository.invitationCodes(pool, [...plans.keys()]);
  const client = await pool.connect();
  try {
    const fast = await fastPass(client, secrets, path, today, plans, invitations, options);
    if (fast.ok) return fast;
    options.checkpoint?.("fast-pass-aborted");
    const report = await reportProblems(
      client,
      secrets,
      path,
      today,
      plans,
      invitations,
      options.maxProblems ?? 1000,
      options.depositSource,
    );
    options.checkpoint?.("report-pass");
    // A unique violation the reporting pass cannot explain (a pseudonym collision) is not the file's fault.
    if (report.problems.length === 0 && fast.cause) throw fast.cause;
    return report;
  } finally {
    client.release();
  }
}
