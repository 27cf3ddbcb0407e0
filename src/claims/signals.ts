import type { Queryable } from "../store/db.ts";
import { signalsRepository } from "./signals.repository.ts";

/**
 * The fraud signals (全流程风控) a reviewer sees on a claim, each with the link to the other claim: the
 * same person claiming the same diagnosis in another plan, a document already used in another claim.
 * Signals are for the reviewer to weigh, not refusals: a member of two plans may rightly claim in both.
 */
export async function claimSignals(q: Queryable, claimId: number) {
  return (await signalsRepository.signalsOf(q, claimId)).map((s) => ({
    kind: s.kind,
    otherClaimId: s.otherClaimId,
    otherPlanId: s.otherPlanId,
    otherState: s.otherState,
    link: `/claims/${s.otherClaimId}`,
    ...(s.sha256 ? { sha256: s.sha256 } : {}),
  }));
}
