import { limits } from "../limits.ts";
import type { Queryable } from "../store/db.ts";
import type { LogExport } from "../verify/verify.ts";
import { toSignedHead } from "./heads.ts";
import { type EntryRow, logRepository } from "./log.repository.ts";

/** An entry as published: the canonical text that was hashed and the leaf hash in hex. */
const toEntry = (r: EntryRow) => ({
  index: r.idx,
  kind: r.kind,
  entry: r.canonical,
  leafHash: r.leafHash.toString("hex"),
});

export async function logEntry(q: Queryable, idx: number) {
  const r = await logRepository.entryAt(q, idx);
  return r ? toEntry(r) : undefined;
}

export async function memberEntries(
  q: Queryable,
  pseudonym: string,
  limit: number = limits.memberLogEntriesMax,
) {
  return (await logRepository.memberEntries(q, pseudonym, limit)).map(toEntry);
}

/** Every entry and signed head, for verification offline (`huzhu log export`, `huzhu verify --file`). */
export async function exportLog(q: Queryable, publicKeyPem: string): Promise<LogExport> {
  const entries = await logRepository.allEntries(q);
  const heads = await logRepository.allHeads(q);
  return {
    publicKey: publicKeyPem,
    heads: heads.map(toSignedHead),
    entries: entries.map((r) => ({ index: r.idx, entry: r.canonical })),
  };
}
