import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { ProblemError } from "../errors.ts";
import { decryptPersonalRecord } from "../secrets.ts";
import { settleRequest } from "./confirm.ts";
import { dependantRepository } from "./dependants.repository.ts";
import { pendingReview } from "./guardianship.ts";
import { requestView } from "./request.ts";

/**
 * The reviewers' queue: what the task needs to compare with the document — relation, the child's age,
 * sex and last 4 ID characters, the guardian's age — never a birth date beside ID digits.
 */
export async function reviewQueue(deps: ServiceDeps) {
  const rows = await dependantRepository.awaitingReview(deps.pool, todayOf(deps));
  return {
    items: rows.map((r) => ({
      requestId: r.requestId,
      relation: r.relation,
      person: {
        name: r.nameMasked,
        residentId: `${"*".repeat(14)}${decryptPersonalRecord(deps.secrets, r.personalCipher).residentId.slice(-4)}`,
        ageYears: r.childAge,
        sex: r.sex,
      },
      guardian: { memberId: r.memberId, name: r.guardianName, ageYears: r.guardianAge },
      document: { sha256: r.documentSha256, contentType: r.documentType },
    })),
  };
}

/** The reviewer accepts (the dependant is enrolled) or refuses (with a reason the guardian sees). */
export async function decideRequest(
  deps: ServiceDeps,
  reviewer: Principal,
  requestId: number,
  decision: { accept: boolean; reason: string },
) {
  const r = await pendingReview(deps.pool, requestId);
  if (decision.accept) {
    await settleRequest(deps, r.memberId, requestId, "awaiting_review", reviewer.id).catch((e: unknown) => {
      // a duplicate is recorded as the refusal; the reviewer reads it in the answer
      if (!(e instanceof ProblemError && e.problem.code === "duplicate_person")) throw e;
    });
  } else {
    await dependantRepository.refuse(deps.pool, requestId, {
      reason: decision.reason,
      reviewerId: reviewer.id,
      at: new Date(deps.clock.now()),
    });
  }
  return requestView(await dependantRepository.get(deps.pool, requestId));
}
