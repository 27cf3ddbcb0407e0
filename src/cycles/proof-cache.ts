import { LRUCache } from "lru-cache";
import {
  type CompactSumTree,
  compactSumRoot,
  compactSumTreeFromLeaves,
  type SumNode,
} from "../domain/merkle-sum.ts";
import { limits } from "../limits.ts";
import type { Db } from "../store/db.ts";
import { proofRepository } from "./proof.repository.ts";

/** A cycle's chunk roots in chunk order, and the nodes over runs of them that proofs have asked. */
export type ChunkRoots = { roots: SumNode[]; ranges: Map<string, SumNode> };

/**
 * What a server keeps of built proof chunks, per database (tests run many in one process, with the
 * same cycle ids): each cycle's chunk roots and each asked chunk's compact tree. Built chunks never
 * change (a cycle's chunks are cut once, in the transaction that marks them built), so nothing is
 * invalidated; a tree that does not fold to its stored root is used once and not kept. Why: a proof
 * folded from its chunk's 4,096 leaves cost the server milliseconds of CPU each, and the shares route
 * at 125 requests/s took every cycle of the server's CPU while a cycle was announced (load benchmark).
 */
type Kept = {
  roots: LRUCache<number, ChunkRoots>;
  trees: LRUCache<string, CompactSumTree>;
  /** Trees being built: a chunk asked by many members at once (a cycle just announced) is built once. */
  building: Map<string, Promise<CompactSumTree>>;
};

const perDatabase = new WeakMap<Db, Kept>();

function keptFor(pool: Db): Kept {
  let kept = perDatabase.get(pool);
  if (!kept) {
    kept = {
      roots: new LRUCache({ max: 1_000 }),
      trees: new LRUCache({
        maxSize: limits.proofTreeCacheBytes,
        sizeCalculation: (t) =>
          t.hashes.reduce((n, h) => n + h.length, 0) + 16 * t.counts.reduce((n, c) => n + c.length, 0),
      }),
      building: new Map(),
    };
    perDatabase.set(pool, kept);
  }
  return kept;
}

/** The chunk roots of a cycle whose chunks are built, in chunk order, with the nodes over their runs. */
export async function keptChunkRoots(pool: Db, cycleId: number): Promise<ChunkRoots> {
  const kept = keptFor(pool);
  const hit = kept.roots.get(cycleId);
  if (hit) return hit;
  const built = { roots: await proofRepository.chunkRoots(pool, cycleId), ranges: new Map() };
  kept.roots.set(cycleId, built);
  return built;
}

/** A built chunk's compact tree, from its leaf hashes (PostgreSQL hashes them, as for the root). */
export async function keptChunkTree(pool: Db, cycleId: number, chunk: number, root: SumNode) {
  const kept = keptFor(pool);
  const key = `${cycleId}:${chunk}`;
  const hit = kept.trees.get(key) ?? kept.building.get(key);
  if (hit) return hit;
  const built = buildTree(pool, cycleId, chunk).then((tree) => {
    const folded = compactSumRoot(tree);
    if (folded.hash.equals(root.hash) && folded.count === root.count && folded.sumFen === root.sumFen)
      kept.trees.set(key, tree);
    return tree;
  });
  kept.building.set(key, built);
  try {
    return await built;
  } finally {
    kept.building.delete(key);
  }
}

async function buildTree(pool: Db, cycleId: number, chunk: number): Promise<CompactSumTree> {
  const { hashes, sharesFen } = await proofRepository.chunkLeafHashes(pool, cycleId, chunk);
  return compactSumTreeFromLeaves(hashes, sharesFen.map(Number));
}
