import type { SignedTreeHead } from "../domain/tree-head.ts";
import type { Queryable } from "../store/db.ts";
import { type HeadRow, logRepository } from "./log.repository.ts";

/** A stored head as published: the root in hex. */
export const toSignedHead = (r: HeadRow): SignedTreeHead => ({
  size: r.size,
  rootHash: r.rootHash.toString("hex"),
  timestampMs: r.timestampMs,
  signature: r.signature,
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
