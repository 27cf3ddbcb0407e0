import { consistencyProof, type Hash, inclusionProof, type NodeSource, rootHash } from "../domain/merkle.ts";
import type { Queryable } from "../store/db.ts";
import { logRepository } from "./log.repository.ts";

const key = (level: number, idx: number) => `${level}:${idx}`;

/**
 * Runs a proof computation against stored nodes: a first pass records which perfect subtrees it needs
 * (the shape does not depend on hash values), one query fetches them, a second pass computes.
 */
async function withStoredNodes<T>(q: Queryable, compute: (nodes: NodeSource) => T): Promise<T> {
  const wanted = new Map<string, [number, number]>();
  const zero = Buffer.alloc(32);
  compute((level, idx) => {
    wanted.set(key(level, idx), [level, idx]);
    return zero;
  });
  const rows = await logRepository.nodesAt(q, [...wanted.values()]);
  const found = new Map<string, Hash>(rows.map((r) => [key(r.level, r.idx), r.hash]));
  return compute((level, idx) => {
    const h = found.get(key(level, idx));
    if (!h) throw new Error(`log node (${level}, ${idx}) is missing`);
    return h;
  });
}

export const storedInclusionProof = (q: Queryable, index: number, size: number) =>
  withStoredNodes(q, (n) => inclusionProof(n, index, size));
export const storedConsistencyProof = (q: Queryable, from: number, to: number) =>
  withStoredNodes(q, (n) => consistencyProof(n, from, to));
export const storedRoot = (q: Queryable, size: number) => withStoredNodes(q, (n) => rootHash(n, size));
