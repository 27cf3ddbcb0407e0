import { chunkedSumProof, type SumLeaf, SumRootBuilder } from "../domain/merkle-sum.ts";
import { fail, failRetryAfter } from "../errors.ts";
import { limits } from "../limits.ts";
import { type Db, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { proofRepository } from "./proof.repository.ts";
import { keptChunkRoots, keptChunkTree } from "./proof-cache.ts";

/**
 * The Merkle-sum root over a cycle's shares, leaves ordered by pseudonym (byte order). PostgreSQL
 * hashes the leaves as it streams them out by COPY — SHA-256 of 0x00 ‖ the leaf's JSON (format 2:
 * pseudonym, participation, share, weight), byte for byte what `sumLeaf` hashes, since pseudonyms are hex and need no escaping (the query
 * refuses any other) — and the root is folded here as they arrive, in memory that does not grow with the members.
 */
export async function shareRoot(
  q: Queryable | Db,
  cycleId: number,
): Promise<{ hash: string; count: number; sumFen: number } | null> {
  const tree = new SumRootBuilder();
  await streamLeaves(q, cycleId, (leaf, share) => tree.push(leaf, share));
  const r = tree.root();
  return r.count === 0 ? null : { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };
}

/** A cycle's leaves in pseudonym order (byte order): each leaf's hash, computed by PostgreSQL, and share. */
export async function streamLeaves(
  q: Queryable | Db,
  cycleId: number,
  onLeaf: (leafHash: Buffer, shareFen: number) => void,
): Promise<void> {
  const leaf = Buffer.alloc(32);
  const read = (client: Tx) =>
    proofRepository.copyLeafLines(client, cycleId, (line) => {
      if (leaf.write(line.slice(0, 64), 0, 32, "hex") !== 32)
        throw new Error(`invariant violated: a pseudonym of cycle ${cycleId} is not hex`);
      onLeaf(leaf, Number(line.slice(65)));
    });
  // A client inside a transaction (it has `release`) reads in it; the pool lends a client.
  if ("release" in q) await read(q as Tx);
  else {
    const client = await (q as Db).connect();
    try {
      await read(client);
    } finally {
      client.release();
    }
  }
}

/**
 * A member's proof that their share is in the cycle's published total, from the cycle's stored chunks
 * (built on the first proof asked of the cycle): the member's leaf is found in its chunk by SQL, and
 * the proof is made of nodes of that chunk's tree and of every chunk's root, both kept by the server
 * once read (proof-cache.ts) — O(log chunk + chunks), not a pass over the cycle or the chunk.
 */
export async function shareProof(pool: Db, cycleId: number, pseudonym: string) {
  const p = await findShareProof(pool, cycleId, pseudonym);
  if (p === "pending")
    return failRetryAfter(
      "proof_pending",
      `the proofs of cycle ${cycleId} are being built: ask again shortly`,
      limits.proofPendingRetrySeconds,
    );
  return p ?? fail("not_found", "this member owed no share in this cycle");
}

/**
 * The proof of `shareProof`, null when the member owed no share in the cycle, or "pending" while
 * another transaction builds the cycle's chunks: a reader never waits for that (at a million members
 * it takes seconds, and readers waiting on the lock held every pool connection in the load benchmark).
 */
export async function findShareProof(pool: Db, cycleId: number, pseudonym: string) {
  const chunkLeaves = await chunksOf(pool, cycleId, false);
  if (chunkLeaves === "pending") return "pending" as const;
  if (chunkLeaves === null) return null;
  const found = await proofRepository.memberLeaf(pool, cycleId, pseudonym);
  if (!found) return null;
  const { roots, ranges } = await keptChunkRoots(pool, cycleId);
  const root = roots[found.chunk];
  if (!root) throw new Error(`invariant violated: cycle ${cycleId} has no root for chunk ${found.chunk}`);
  const tree = await keptChunkTree(pool, cycleId, found.chunk, root);
  const n = roots.reduce((m, x) => m + x.count, 0);
  const leaf = foundLeaf(pseudonym, found);
  return {
    member: pseudonym,
    shareFen: leaf.shareFen,
    // format 2 leaves (issue 19): what the leaf commits to besides the share; null in format 1 leaves
    participation: "participation" in leaf ? leaf.participation : null,
    weightUnits: "participation" in leaf ? leaf.weightUnits : null,
    proof: chunkedSumProof(n, found.chunk * chunkLeaves + found.at, chunkLeaves, roots, tree, ranges),
  };
}

type FoundLeaf = NonNullable<Awaited<ReturnType<typeof proofRepository.memberLeaf>>>;

/** The member's leaf as stored: format 2 where the share names its participation. */
function foundLeaf(member: string, f: FoundLeaf): SumLeaf {
  const shareFen = Number(f.shareFen);
  if (f.participation === null) return { member, shareFen };
  return { member, shareFen, participation: Number(f.participation), weightUnits: Number(f.weightUnits) };
}

/**
 * The chunk size of a cycle's stored proof chunks, building them first if need be (null: no shares).
 * One transaction with the cycle row locked, so a second caller waits and finds them built. The chunks
 * are cut by SQL in pseudonym order; each chunk's root is folded here, one chunk in memory at a time,
 * and the chunks' roots must fold to the cycle's published root before they count as built. With
 * `wait` false (a reader), "pending" while another transaction is building them.
 */
export async function proofChunks(pool: Db, cycleId: number): Promise<number | null> {
  const leaves = await chunksOf(pool, cycleId, true);
  if (leaves === "pending") throw new Error("invariant violated: a waiting build found the chunks pending");
  return leaves;
}

async function chunksOf(pool: Db, cycleId: number, wait: boolean): Promise<number | null | "pending"> {
  const built = await proofRepository.chunkLeaves(pool, cycleId);
  if (!built) return fail("not_found", `no cycle ${cycleId}`);
  if (built.leaves !== null) return built.leaves;
  return withTransaction(pool, async (tx) => {
    const cycle = await proofRepository.lockForChunks(tx, cycleId, wait);
    if (!cycle) return "pending" as const;
    if (cycle.leaves !== null) return cycle.leaves;
    if (cycle.shareRoot === null) return null;
    const size = limits.proofChunkLeaves;
    const chunks = await proofRepository.cutChunks(tx, cycleId, size);
    const whole = new SumRootBuilder();
    for (let k = 0; k < chunks; k++) whole.pushNode(await foldChunk(tx, cycleId, k));
    const all = whole.root();
    if (
      !all.hash.equals(cycle.shareRoot) ||
      all.count !== Number(cycle.shareCount) ||
      all.sumFen !== Number(cycle.shareTotalFen)
    )
      throw new Error(
        `invariant violated: the proof chunks of cycle ${cycleId} do not fold to its published root`,
      );
    await proofRepository.setChunkLeaves(tx, cycleId, size);
    return size;
  });
}

/**
 * One chunk's root, folded here from its leaf hashes (by PostgreSQL as for the published root:
 * pseudonyms are hex, nothing to escape) and stored; a leaf hashed differently would not fold to the
 * root that `proofChunks` checks.
 */
async function foldChunk(tx: Tx, cycleId: number, k: number) {
  const { hashes, sharesFen: shares } = await proofRepository.chunkLeafHashes(tx, cycleId, k);
  const part = new SumRootBuilder();
  for (let i = 0; i < shares.length; i++) part.push(hashes.subarray(32 * i, 32 * i + 32), Number(shares[i]));
  const root = part.root();
  await proofRepository.setChunkRoot(tx, cycleId, k, root.hash);
  return root;
}

/**
 * A member's shares in every cycle, each with its Merkle-sum proof, the cycle's published root, and the
 * index of the log entry that recorded that root — everything `huzhu verify` needs to check the share.
 * A page at a time in announcement order: `after` the last cycle id seen; `nextCursor` the one to ask
 * after, or null on the last page.
 */
export async function memberShareProofs(
  q: Db,
  pseudonym: string,
  f: { after?: number | undefined; limit?: number | undefined } = {},
) {
  const limit = Math.min(f.limit ?? limits.pageSizeDefault, limits.pageSizeMax);
  const out = [];
  const pending: number[] = [];
  // Cycles are read a page at a time; whether the member had a share in one is answered by its stored
  // chunks, not a scan of its shares.
  let after = f.after ?? null;
  for (let more = true; more && out.length <= limit; ) {
    const rows = await proofRepository.cyclesWithRoots(q, { afterCycleId: after, limit: limits.pageSizeMax });
    for (const r of rows) {
      if (out.length > limit) break;
      const p = await findShareProof(q, r.cycleId, pseudonym);
      if (p === "pending") pending.push(r.cycleId);
      if (!p || p === "pending") continue;
      out.push({
        cycleId: r.cycleId,
        plan: r.planId,
        announcedOn: r.announcedOn,
        root: r.announced.shareRoot,
        logIndex: r.logIndex,
        shareFen: p.shareFen,
        participation: p.participation,
        weightUnits: p.weightUnits,
        proof: p.proof,
      });
    }
    more = rows.length === limits.pageSizeMax;
    after = rows[rows.length - 1]?.cycleId ?? after;
  }
  const page = out.slice(0, limit);
  return {
    items: page,
    nextCursor: out.length > limit ? String(page[page.length - 1]!.cycleId) : null,
    // cycles whose proofs were being built: the member's share in them is listed once they are
    proofsPending: pending,
  };
}
