import { createPublicKey, type KeyObject } from "node:crypto";
import { leafHash, MemoryTree } from "../domain/merkle.ts";
import { verifyTreeHead } from "../domain/tree-head.ts";
import { handOvers } from "../keys/log-key.ts";
import type { Queryable } from "../store/db.ts";
import { acceptedHeadKeys } from "../verify/checkpoint.ts";
import { toSignedHead } from "./heads.ts";
import { logRepository } from "./log.repository.ts";

/** Rebuilds the tree from the stored entries: a missing index or a leaf that does not hash is reported. */
async function rebuildTree(q: Queryable, problems: string[]): Promise<MemoryTree> {
  const tree = new MemoryTree();
  for (const r of await logRepository.allEntries(q)) {
    if (r.idx !== tree.size) {
      problems.push(`log entry ${tree.size} is missing (next stored index is ${r.idx})`);
      break;
    }
    const leaf = leafHash(Buffer.from(r.canonical));
    if (!leaf.equals(r.leafHash))
      problems.push(`log entry ${r.idx}: its content does not hash to its stored leaf hash`);
    tree.append(leaf);
  }
  return tree;
}

/**
 * Recomputes the log from its entries and compares: leaf hashes, every stored node, every tree head's
 * root and signature, contiguous indexes, the unhashed member column with the member each entry names. Returns the discrepancies (empty when the log is intact).
 */
export async function auditLog(q: Queryable, publicKey: KeyObject | string): Promise<string[]> {
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const problems: string[] = [];
  const tree = await rebuildTree(q, problems);
  for (const m of await logRepository.memberColumnMismatches(q))
    problems.push(
      `log entry ${m.idx}: its member column says ${m.member ?? "none"}, its hashed content names ${m.hashed ?? "no member"}`,
    );
  const size = await logRepository.size(q);
  if (size !== tree.size) problems.push(`the log state says ${size} entries, ${tree.size} are stored`);
  for (const n of await logRepository.allNodes(q)) {
    const expected = tree.levels[n.level]?.[n.idx];
    if (!expected?.equals(n.hash)) {
      problems.push(`log node (${n.level}, ${n.idx}) does not match the entries`);
      if (problems.length > 20) break;
    }
  }
  // heads signed before a key hand-over are the old key's: the chain that leads to this one (issue 20)
  const pem = key.export({ type: "spki", format: "pem" }).toString();
  const keys = await acceptedHeadKeys(pem, await handOvers(q), false);
  for (const h of await logRepository.allHeads(q)) {
    if (!keys.some((k) => verifyTreeHead(toSignedHead(h), k)))
      problems.push(`tree head of size ${h.size}: the signature does not verify`);
    if (h.size > tree.size)
      problems.push(`tree head of size ${h.size} is beyond the ${tree.size} stored entries`);
    else if (!tree.root(h.size).equals(h.rootHash))
      problems.push(`tree head of size ${h.size}: the entries give another root`);
  }
  return problems;
}
