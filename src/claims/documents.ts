import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditStaffRead } from "../audit/audit.ts";
import type { ServiceDeps } from "../deps.ts";
import { carriesActiveContent, DOCUMENT_TYPES, documentTypes } from "../documents/content-check.ts";
import type { Principal } from "../domain/access.ts";
import { why } from "../domain/claim/reasons.ts";
import { nextState } from "../domain/claim/state.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { decryptPersonalBytes, encryptPersonal } from "../secrets.ts";
import { withTransaction } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { actorOf, asApplicant, loadClaim, lockClaim, mayReadDocuments } from "./access.ts";
import { claimRepository } from "./claim.repository.ts";
import { move } from "./transition.ts";

export type UploadedDocument = { contentType: string; kind: string; bytes: Buffer };

const documentPath = (deps: ServiceDeps, sha: string) =>
  join(deps.dataDir, "documents", sha.slice(0, 2), sha);

/** An accepted type, not empty, not too large, its magic bytes right, and no markup or script in it. */
function checkDocument(doc: UploadedDocument): void {
  const check = DOCUMENT_TYPES[doc.contentType];
  if (!check)
    fail(
      "document_type",
      `documents are ${documentTypes.join(", ")}; not ${doc.contentType}`,
      "content-type",
    );
  if (doc.bytes.length === 0) fail("validation", "the document is empty", "body");
  if (doc.bytes.length > limits.documentBytesMax)
    fail("document_too_large", `a document is at most ${limits.documentBytesMax} bytes`, "body");
  if (!check!(doc.bytes))
    fail("document_type", `the file's content is not ${doc.contentType}`, "content-type");
  if (carriesActiveContent(doc.contentType, doc.bytes))
    fail(
      "document_active_content",
      "the file carries HTML, script or PDF actions; upload a plain scan",
      "body",
    );
}

/** Writes the encrypted file once, under its address (a second upload of the same bytes finds it there). */
function storeFile(deps: ServiceDeps, sha: string, bytes: Buffer): void {
  const path = documentPath(deps, sha);
  if (existsSync(path)) return;
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(`${path}.tmp`, encryptPersonal(deps.secrets, bytes));
  renameSync(`${path}.tmp`, path);
}

/**
 * Stores a document content-addressed by the SHA-256 of its bytes, encrypted at rest (medical papers
 * are personal data). The same file uploaded twice is stored once.
 */
export async function uploadDocument(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  doc: UploadedDocument,
) {
  checkDocument(doc);
  const sha = createHash("sha256").update(doc.bytes).digest("hex");
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps.pool, principal, c);
    if (
      oneRow(await claimRepository.documentCount(tx, claimId), "the document count").n >=
      limits.documentsPerClaimMax
    )
      fail("conflict", `a claim holds at most ${limits.documentsPerClaimMax} documents`);
    // refuse before anything is written (the file too)
    const allowed = nextState(c.state, "upload");
    if (!allowed.ok) fail(allowed.error.code, allowed.error.message);
    storeFile(deps, sha, doc.bytes);
    const added = await claimRepository.insertDocument(tx, {
      claimId,
      sha256: sha,
      contentType: doc.contentType,
      sizeBytes: doc.bytes.length,
      kind: doc.kind,
      uploadedBy: `${principal.kind}:${principal.id}`,
      at: new Date(deps.clock.now()),
    });
    if (added)
      await move(
        deps,
        tx,
        c,
        "upload",
        actorOf(principal),
        why("document_uploaded", { kind: doc.kind, sha: sha.slice(0, 12) }),
      );
    return { sha256: sha, contentType: doc.contentType, sizeBytes: doc.bytes.length, kind: doc.kind };
  });
}

/** A document, only for the applicant (or their guardian), the assigned reviewer and investigator. */
export async function readDocument(deps: ServiceDeps, principal: Principal, claimId: number, sha: string) {
  const c = await loadClaim(deps.pool, claimId);
  if (!(await mayReadDocuments(deps.pool, principal, c)))
    fail("not_found", `no document ${sha} on claim ${claimId}`);
  const contentType =
    (await claimRepository.documentContentType(deps.pool, claimId, sha)) ??
    fail("not_found", `no document ${sha} on claim ${claimId}`);
  await auditStaffRead(
    deps,
    deps.pool,
    principal,
    "claim_document",
    { claimId, sha256: sha },
    { memberId: c.memberId, purpose: "claim document" },
  );
  const bytes = decryptPersonalBytes(deps.secrets, readFileSync(documentPath(deps, sha)));
  if (createHash("sha256").update(bytes).digest("hex") !== sha)
    throw new Error(`document ${sha} does not match its address`);
  return { contentType, bytes };
}
