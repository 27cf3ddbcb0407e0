import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  type CompactSumTree,
  compactSumTreeFromLeaves,
  type LeafColumns,
  sumLeafHashes,
} from "../domain/merkle-sum.ts";

// The worker is plain JavaScript so it needs no TypeScript loader: it hashes a slice of the leaves
// exactly as sumLeafHashes does, in format 2 when given participations and weights (the equality is tested).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { hash, createHash } = require("node:crypto");
const one = typeof hash === "function" ? (d) => hash("sha256", d, "buffer") : (d) => createHash("sha256").update(d).digest();
const { members, shares, participations, weights } = workerData;
const out = Buffer.allocUnsafe(members.length * 32);
for (let i = 0; i < members.length; i++) {
  const leaf = participations
    ? '{"member":"' + members[i] + '","participation":' + participations[i] + ',"shareFen":' + shares[i] + ',"v":2,"weightUnits":' + weights[i] + "}"
    : '{"member":"' + members[i] + '","shareFen":' + shares[i] + "}";
  one("\\u0000" + leaf).copy(out, i * 32);
}
parentPort.postMessage(out.buffer, [out.buffer]);
`;

const safe = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (x) => Number.isSafeInteger(x));

/**
 * Builds a cycle's Merkle-sum tree with the leaf hashing spread over worker threads (the levels above
 * are cheap by comparison and stay on this thread). Members must be hex pseudonyms, as they are;
 * `v2`, the format 2 leaves' participations and weights.
 */
export async function buildSumTreeParallel(
  members: readonly string[],
  sharesFen: Float64Array,
  threads = Math.max(1, availableParallelism()),
  v2?: LeafColumns,
): Promise<CompactSumTree> {
  const n = members.length;
  const plain =
    members.every((m) => /^[0-9a-f]+$/.test(m)) &&
    safe(sharesFen) &&
    (!v2 || (safe(v2.participations) && safe(v2.weightsUnits)));
  if (threads <= 1 || n < 200_000 || !plain)
    return compactSumTreeFromLeaves(sumLeafHashes(members, sharesFen, 0, n, v2), sharesFen);
  const per = Math.ceil(n / threads);
  const slice = (xs: ArrayLike<number>, from: number, to: number) =>
    Array.prototype.slice.call(xs, from, to) as number[];
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const from = t * per;
      const to = Math.min(n, from + per);
      return new Promise<Buffer>((resolve, reject) => {
        const w = new Worker(WORKER, {
          eval: true,
          workerData: {
            members: members.slice(from, to),
            shares: slice(sharesFen, from, to),
            participations: v2 ? slice(v2.participations, from, to) : null,
            weights: v2 ? slice(v2.weightsUnits, from, to) : null,
          },
        });
        w.once("message", (buf: ArrayBuffer) => resolve(Buffer.from(buf)));
        w.once("error", reject);
      });
    }),
  );
  return compactSumTreeFromLeaves(Buffer.concat(parts), sharesFen);
}
