import { checkpointText } from "../domain/checkpoint.ts";
import type { SignedTreeHead } from "../domain/tree-head.ts";
import { type LogKeys, signNoteText } from "../log-keys.ts";
import type { Queryable } from "../store/db.ts";
import { type HeadRow, logRepository } from "./log.repository.ts";

/** A stored head as published: the root in hex. */
export const toSignedHead = (r: HeadRow): SignedTreeHead => ({
  size: r.size,
  rootHash: r.rootHash.toString("hex"),
  timestampMs: r.timestampMs,
  signature: r.signature,
  ...(r.checkpoint ? { checkpoint: r.checkpoint } : {}),
});

export async function latestHead(q: Queryable): Promise<SignedTreeHead | undefined> {
  const r = await logRepository.latestHead(q);
  return r ? toSignedHead(r) : undefined;
}

/** The head of a size: every head is kept, so a member's saved head can be checked for ever. */
export async function headAt(q: Queryable, size: number): Promise<SignedTreeHead | undefined> {
  const r = await logRepository.headAt(q, size);
  return r ? toSignedHead(r) : undefined;
}

/** The C2SP checkpoint of a size and root, signed by the log: `<origin>\n<size>\n<root>\n\n— <origin> …`. */
export function signedCheckpoint(keys: LogKeys, size: number, root: Uint8Array): string {
  const text = checkpointText({ origin: keys.origin, size, rootHash: root });
  return `${text}\n${signNoteText(keys, text)}`;
}

/**
 * The checkpoint of a size with every witness's cosignature appended (a note may carry several
 * signatures; verifiers ignore the keys they do not know). Undefined for a head written before issue 19.
 */
export async function cosignedCheckpoint(q: Queryable, size: number): Promise<string | undefined> {
  const head = await logRepository.headAt(q, size);
  if (!head?.checkpoint) return undefined;
  const lines = await logRepository.cosignaturesAt(q, size);
  return head.checkpoint + lines.map((l) => l.signatureLine).join("");
}

/** The newest checkpoint a witness has cosigned, else the newest checkpoint: what a verifier is served. */
export async function servedCheckpoint(q: Queryable): Promise<string | undefined> {
  const size = (await logRepository.latestCosignedSize(q)) ?? (await logRepository.latestHead(q))?.size;
  return size === undefined ? undefined : cosignedCheckpoint(q, size);
}
