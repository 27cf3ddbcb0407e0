import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberShareProofs, proofChunks, shareProof } from "../../src/cycles/proofs.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { ProblemError } from "../../src/errors.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { runCycleSteps } from "../support/cycles.ts";

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
});
afterAll(async () => {
  await t.close();
});

/**
 * The load benchmark found readers of a member's shares waiting on the lock of a cycle whose proof
 * chunks the scheduler was building (seconds at a million members), each with a pool connection held,
 * until no read was served. A reader never waits there now: the cycle is listed as pending.
 */
describe("a proof asked while its cycle's chunks are being built", () => {
  it("is pending at once, neither waiting nor failing, and served once they are built", async () => {
    // 9 members and a claimant: 300,000 fen + 8% among 9 capped at 10 fen each → 10 fen a share
    const ids = await cohort(t, 10, "1990-01-01", "2019-01-01", "xianghubao", 1);
    await approveCase(t, ids[0]!, 30_000_000, "2020-01-05");
    await runCycleSteps(t, "xianghubao", "2020-01-07");
    const cycleId = (await listCycles(t.db.pool, "xianghubao")).items[0]!.cycleId;
    const { rows } = await t.db.pool.query(
      "SELECT pseudonym FROM cycle_shares WHERE cycle_id = $1 ORDER BY pseudonym LIMIT 1",
      [cycleId],
    );
    const pseudonym: string = rows[0].pseudonym;

    // the builder's lock, held by another transaction as the scheduler's proofs step holds it
    const builder = await t.db.pool.connect();
    try {
      await builder.query("BEGIN");
      await builder.query("SELECT 1 FROM cycles WHERE cycle_id = $1 FOR UPDATE", [cycleId]);
      const listed = await memberShareProofs(t.db.pool, pseudonym);
      expect(listed.items).toEqual([]);
      expect(listed.proofsPending).toEqual([cycleId]);
      const refused = await shareProof(t.db.pool, cycleId, pseudonym).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ProblemError);
      expect((refused as ProblemError).problem).toMatchObject({
        code: "proof_pending",
        retryAfterSeconds: 10,
      });
      // nothing was built meanwhile
      const built = await t.db.pool.query("SELECT proof_chunk_leaves FROM cycles WHERE cycle_id = $1", [
        cycleId,
      ]);
      expect(built.rows[0].proof_chunk_leaves).toBeNull();
    } finally {
      await builder.query("ROLLBACK");
      builder.release();
    }

    // the scheduler's build (it waits for the lock), then the reader finds the share and its proof
    expect(await proofChunks(t.db.pool, cycleId)).toBe(4096);
    const listed = await memberShareProofs(t.db.pool, pseudonym);
    expect(listed.proofsPending).toEqual([]);
    expect(listed.items).toMatchObject([{ cycleId, shareFen: 10 }]);
    expect((await shareProof(t.db.pool, cycleId, pseudonym)).shareFen).toBe(10);
  });
});
