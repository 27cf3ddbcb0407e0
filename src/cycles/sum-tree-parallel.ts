import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CompactSumTree, compactSumTreeFromLeaves, sumLeafHashes } from "../domain/merkle-sum.ts";

// The worker is plain JavaScript so it needs no TypeScript loader: it hashes a slice of the leaves
// exactly as sumLeafHashes does (the equality is tested).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { hash, createHash } = require("node:crypto");
const one = typeof hash === "function" ? (d) => hash("sha256", d, "buffer") : (d) => createHash("sha256").update(d).digest();
const { members, shares } = workerData;
const out = Buffer.allocUnsafe(members.length * 32);
for (let i = 0; i < members.length; i++) {
  one("\\u0000" + '{"member":"' + members[i] + '","shareFen":' + shares[i] + "}").copy(out, i * 32);
}
parentPort.postMessage(out.buffer, [out.buffer]);
`;

/**
 * Builds a cycle's Merkle-sum tree with the leaf hashing spread over worker threads (the levels above
 * are cheap by comparison and stay on this thread). Members must be hex pseudonyms, as they are.
 */
export async function buildSumTreeParallel(
  members: readonly string[],
  sharesFen: Float64Array,
  threads = Math.max(1, availableParallelism()),
): Promise<CompactSumTree> {
  const n = members.length;
  if (threads <= 1 || n < 200_000 || members.some((m) => !/^[0-9a-f]+$/.test(m)))
    return compactSumTreeFromLeaves(sumLeafHashes(members, sharesFen, 0, n), sharesFen);
  const per = Math.ceil(n / threads);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const from = t * per;
      const to = Math.min(n, from + per);
      return new Promise<Buffer>((resolve, reject) => {
        const w = new Worker(WORKER, {
          eval: true,
          workerData: { members: members.slice(from, to), shares: Array.from(sharesFen.subarray(from, to)) },
        });
        w.once("message", (buf: ArrayBuffer) => resolve(Buffer.from(buf)));
        w.once("error", reject);
      });
    }),
  );
  return compactSumTreeFromLeaves(Buffer.concat(parts), sharesFen);
}
