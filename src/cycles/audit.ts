import { conservesDisclosure } from "../domain/cycle/disclosure.ts";
import { SumRootBuilder } from "../domain/merkle-sum.ts";
import type { Queryable } from "../store/db.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { type ChunkRoot, proofRepository } from "./proof.repository.ts";
import { shareRoot } from "./proofs.ts";

/** The cycle audit: every disclosed cycle conserves, and the stored shares still give the logged root. */
export async function auditCycles(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  for (const r of await cycleRepository.everyCycle(q)) {
    const d = r.disclosure;
    if (r.status === "disclosed" && !conservesDisclosure(d))
      problems.push(`cycle ${r.cycleId} does not conserve`);
    const root = await shareRoot(q, r.cycleId);
    const published = r.shareRoot ? r.shareRoot.toString("hex") : null;
    if (
      (root?.hash ?? null) !== published ||
      (root && (root.count !== d.sharingMembers || root.hash !== d.shareRoot?.hash))
    ) {
      problems.push(`cycle ${r.cycleId}: the members' shares no longer give the published root`);
    }
    // The stored proof chunks (once built) must fold to the same root: proofs are served from them.
    const chunks = await proofRepository.chunkRoots(q, r.cycleId);
    if (chunks.length > 0) {
      const folded = new SumRootBuilder();
      for (const c of chunks) folded.pushNode(c);
      const f = folded.root();
      if (f.hash.toString("hex") !== published || f.count !== d.sharingMembers)
        problems.push(`cycle ${r.cycleId}: the stored proof chunks no longer fold to the published root`);
    }
    if (chunks.length > 0) problems.push(...(await auditChunks(q, r.cycleId, chunks)));
    if (published && !(await proofRepository.rootLoggedOrQueued(q, r.cycleId, published)))
      problems.push(`cycle ${r.cycleId}: the published root is not the one in the transparency log`);
  }
  return problems;
}

/**
 * The stored proof chunks recomputed from the shares: each chunk holds exactly the shares it stands
 * for, and its stored root is the one its leaves give (so a share changed in a chunk alone, whose
 * proofs members are served, is caught here, not only by that member's proof).
 */
async function auditChunks(q: Queryable, cycleId: number, chunks: readonly ChunkRoot[]): Promise<string[]> {
  const problems = (await proofRepository.chunksUnlikeShares(q, cycleId)).map((k) =>
    k < 0
      ? `cycle ${cycleId}: a share is in none of the stored proof chunks`
      : `cycle ${cycleId}: stored proof chunk ${k} does not hold the cycle's shares`,
  );
  for (let k = 0; k < chunks.length; k++) {
    const { hashes, sharesFen } = await proofRepository.chunkLeafHashes(q, cycleId, k);
    const part = new SumRootBuilder();
    for (let i = 0; i < sharesFen.length; i++)
      part.push(hashes.subarray(32 * i, 32 * i + 32), Number(sharesFen[i]));
    const root = part.root();
    const stored = chunks[k]!;
    if (!root.hash.equals(stored.hash) || root.count !== stored.count || root.sumFen !== stored.sumFen)
      problems.push(`cycle ${cycleId}: stored proof chunk ${k}'s root is not the one its leaves give`);
  }
  return problems;
}
