import type { CivilDate } from "../domain/calendar.ts";
import {
  type Assessment,
  assessPatch,
  overlappingPaths,
  patchPaths,
} from "../domain/governance/rules-diff.ts";
import { fail } from "../errors.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import type { Queryable } from "../store/db.ts";
import { governanceRepository, type ProposalRow } from "./governance.repository.ts";

/** Proposals still open: their diff follows the rules in force, and they can conflict. */
const OPEN = new Set(["submitted", "accepted", "published", "passed"]);
const LATEST = "9999-12-31";

/**
 * A patch against the rules it would apply to: those in force on `on` (a published proposal's effective
 * date), or the plan's latest version (an unpublished one takes effect after every version adopted).
 */
export async function assessAgainst(
  q: Queryable,
  planId: string,
  on: CivilDate | string | null,
  changes: Record<string, unknown>,
): Promise<Assessment> {
  const base =
    (await plansRepository.rulesInForce(q, planId, on ?? LATEST)) ??
    fail("conflict", `plan ${planId} has no rules in force on ${on ?? "any day"}`);
  return assessPatch(base, changes);
}

/**
 * The diff a proposal shows: recomputed against the rules in force now for an open one (after another
 * proposal changed the same rule, "1000 → 500" becomes "2000 → 500"); as decided for a closed one.
 */
export async function currentAssessment(
  q: Queryable,
  p: ProposalRow,
): Promise<Pick<Assessment, "diff" | "changeClass" | "reasons">> {
  if (!p.changes || !OPEN.has(p.state))
    return { diff: p.diff, changeClass: p.changeClass, reasons: p.classReasons };
  const published = p.state === "published" || p.state === "passed";
  return assessAgainst(q, p.planId, published ? p.effectiveOn : null, p.changes);
}

/** The other open proposals of the plan that touch a rule this one touches, with the rules they share. */
export async function conflictsOf(q: Queryable, p: ProposalRow) {
  if (!p.changes || !OPEN.has(p.state)) return [];
  const mine = patchPaths(p.changes);
  const others = await governanceRepository.openChanges(q, p.planId);
  return others
    .filter((o) => o.proposalId !== p.proposalId)
    .map((o) => ({
      proposalId: o.proposalId,
      title: o.title,
      state: o.state,
      rules: overlappingPaths(mine, patchPaths(o.changes)),
    }))
    .filter((c) => c.rules.length > 0);
}
