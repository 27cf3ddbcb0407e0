import { auditStaffRead } from "../audit/audit.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { decryptPersonalBytes, encryptPersonal } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { withTransaction } from "../store/db.ts";
import { lockRequest } from "./confirm.ts";
import { dependantRepository } from "./dependants.repository.ts";
import { requestView } from "./request.ts";

/** A minor's guardianship document (birth certificate, household register), stored encrypted in the row. */
export async function attachGuardianshipDocument(
  deps: ServiceDeps,
  guardianId: number,
  requestId: number,
  doc: { contentType: string; sha256: string; bytes: Buffer },
) {
  return withTransaction(deps.pool, async (tx) => {
    await lockRequest(tx, guardianId, requestId, "awaiting_document");
    const r = await dependantRepository.attachDocument(tx, requestId, {
      cipher: encryptPersonal(deps.secrets, doc.bytes),
      contentType: doc.contentType,
      sha256: doc.sha256,
    });
    return requestView(r);
  });
}

/** A request a reviewer may act on: one awaiting review (else 404). */
export async function pendingReview(q: Queryable, requestId: number) {
  return (
    (await dependantRepository.pendingReview(q, requestId)) ??
    fail("not_found", `no dependant request ${requestId} awaiting review`)
  );
}

/** The document itself: a staff read of personal data in plain, so it is written to the audit trail. */
export async function readGuardianshipDocument(deps: ServiceDeps, reviewer: Principal, requestId: number) {
  const r = await pendingReview(deps.pool, requestId);
  await auditStaffRead(
    deps,
    deps.pool,
    reviewer,
    "guardianship_document",
    {
      requestId,
      member: r.memberId,
    },
    { memberId: r.memberId, purpose: "guardianship review" },
  );
  return { contentType: r.documentType, bytes: decryptPersonalBytes(deps.secrets, r.documentCipher) };
}
