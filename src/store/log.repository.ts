// issue 16: the log moved to src/log/; this barrel keeps the old imports working until the lead repoints them
export { appendLogEntry, type LogKind } from "../log/append.ts";
export { auditLog } from "../log/audit.ts";
export { logEntry, memberEntries } from "../log/entries.ts";
export { headAt, latestHead } from "../log/heads.ts";
export { storedConsistencyProof, storedInclusionProof, storedRoot } from "../log/proofs.ts";
export { sequenceLog } from "../log/sequencer.ts";
