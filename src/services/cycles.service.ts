// issue 16: the old entry point, until every importer uses the files of src/cycles (the lead's final commit).
export * from "../cycles/announce.ts";
export * from "../cycles/audit.ts";
export * from "../cycles/collect.ts";
export * from "../cycles/confirm.ts";
export * from "../cycles/debit-answers.ts";
export * from "../cycles/proofs.ts";
export * from "../cycles/recovery.ts";
export * from "../cycles/retries.ts";
export * from "../cycles/run.ts";
export * from "../cycles/schedule.ts";
export * from "../cycles/wind-down.ts";
export * from "../cycles/write-offs.ts";
export type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
