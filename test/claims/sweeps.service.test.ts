import { describe, expect, it } from "vitest";
import {
  closeDueJuries,
  lapseOverdueClaims,
  markPaidClaims,
  shareAfterPublicity,
} from "../../src/claims/sweeps.ts";
import { at, claimId, setNow, t, useClaimsStory } from "../support/claims.ts";
import { runDueOn } from "../support/cycles.ts";

// the applicant's claim was published again on 2020-07-02; its publicity ends on 2020-07-17 (today)
useClaimsStory("object");

const state = async () =>
  (await t.db.pool.query("SELECT state FROM claims WHERE claim_id = $1", [claimId])).rows[0].state;

describe("the four sweeps, each on its own", () => {
  it("only the sweep whose time has come moves the claim, and running it again moves nothing", async () => {
    // nothing lapses (the claim has documents) and no jury is open
    expect(await lapseOverdueClaims(t.deps)).toBe(0);
    expect(await closeDueJuries(t.deps)).toBe(0);
    // not paid yet: nothing to mark
    expect(await markPaidClaims(t.deps)).toBe(0);
    expect(await shareAfterPublicity(t.deps)).toBe(1);
    expect(await state()).toBe("sharing");
    expect(await shareAfterPublicity(t.deps)).toBe(0);
    // one case, entered on the day publicity ended, and the claim points at it
    const cases = await t.db.pool.query(
      "SELECT k.case_id, k.decided_on::text FROM cycle_cases k JOIN claims c USING (case_id) WHERE c.claim_id = $1",
      [claimId],
    );
    expect(cases.rows).toEqual([{ case_id: expect.any(Number), decided_on: "2020-07-17" }]);
  });

  it("once the cycle has collected, the paid sweep marks the claim paid, once", async () => {
    await setNow(at("2020-07-21"));
    await runDueOn(t, "xianghubao", "2020-07-21", "2020-07-21");
    // the cycle's second step: its collection on 07-28 (announced on 07-21)
    await setNow(at("2020-07-28"));
    await runDueOn(t, "xianghubao", "2020-07-28", "2020-07-21");
    expect(await markPaidClaims(t.deps)).toBe(1);
    expect(await state()).toBe("paid");
    expect(await markPaidClaims(t.deps)).toBe(0);
  });
});
