import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptChunkRoots, keptChunkTree } from "../../src/cycles/proof-cache.ts";
import { proofChunks } from "../../src/cycles/proofs.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { compactSumRoot } from "../../src/domain/merkle-sum.ts";
import { limits } from "../../src/limits.ts";
import type { Db } from "../../src/store/db.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { runCycleSteps } from "../support/cycles.ts";

let t: TestApp;
let cycleId: number;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
  // 9 members and a claimant: one cycle, one chunk of 9 leaves
  const ids = await cohort(t, 10, "1990-01-01", "2019-01-01", "xianghubao", 1);
  await approveCase(t, ids[0]!, 30_000_000, "2020-01-05");
  await runCycleSteps(t, "xianghubao", "2020-01-07");
  cycleId = (await listCycles(t.db.pool, "xianghubao")).items[0]!.cycleId;
  expect(await proofChunks(t.db.pool, cycleId)).toBe(limits.proofChunkLeaves);
});
afterAll(async () => {
  await t.close();
});

describe("the server's kept chunk trees", () => {
  it("builds at most proofTreeBuildsInFlightMax at once, however many chunks are asked together", async () => {
    const [root] = await keptChunkRoots(t.db.pool, cycleId);
    let inFlight = 0;
    let most = 0;
    let reads = 0;
    // the database as the cache sees it: each chunk's leaf read counted while it runs, slowed to
    // overlap, and read as chunk 0 (this cycle has one)
    const pool = t.db.pool;
    const counting = new Proxy(pool, {
      get(target, prop) {
        if (prop !== "query") return Reflect.get(target, prop, target);
        return async (sql: string, params: unknown[]) => {
          if (!sql.includes("string_agg")) return target.query(sql, params);
          reads++;
          inFlight++;
          most = Math.max(most, inFlight);
          try {
            await new Promise((r) => setTimeout(r, 30));
            return await target.query(sql, [params[0], 0]);
          } finally {
            inFlight--;
          }
        };
      },
    }) as Db;
    // six different chunks asked at once, as the first shares after an announcement ask
    const trees = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((chunk) => keptChunkTree(counting, cycleId, chunk, root!)),
    );
    expect(reads).toBe(6);
    expect(limits.proofTreeBuildsInFlightMax).toBe(2);
    expect(most).toBe(2);
    for (const tree of trees) expect(compactSumRoot(tree).hash.equals(root!.hash)).toBe(true);
    // kept: asked again, none is read again
    await keptChunkTree(counting, cycleId, 3, root!);
    expect(reads).toBe(6);
  });
});
