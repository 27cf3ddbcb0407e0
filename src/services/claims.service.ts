// issue 16: the claims feature lives in src/claims/; this re-export serves the importers outside C's files
// (http/server.ts, dependants.routes.ts, test/http/id-masks) until the lead deletes src/services/.

export { appeal } from "../claims/appeal.ts";
export { decide } from "../claims/decide.ts";
export { readDocument, uploadDocument } from "../claims/documents.ts";
export { assignClaim, recordFindings, startInvestigation } from "../claims/investigation.ts";
export { juryCandidatesFile, juryRecord, voteJury } from "../claims/jury.ts";
export { explainClaim, objectToClaim } from "../claims/objections.ts";
export { type ReportInput, recordDeath, reportClaim, submitClaim, withdrawClaim } from "../claims/report.ts";
export { type AdvanceReport, advanceClaims } from "../claims/sweeps.ts";
export { getClaim, listAnnouncements, listClaims } from "../claims/views.ts";
export { documentContentOk, documentExtension, documentTypes } from "../documents/content-check.ts";
export type { Findings, StoredDecision } from "../domain/claim/decision.ts";
