import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/use-app.ts";
import type { ParityCase } from "./harness.ts";
import { runnerReport } from "./harness.ts";
import { expectSamePools, runPoolsLive } from "./pools-harness.ts";

// Friendsurance, live and in the scenario runner on the same inputs: 16 members joined on 2019-01-01
// (15 fill group 1, the 16th opens group 2), a 500-euro small claim of a group-1 member decided on
// 04-12, the year's end on 2020-01-01 and, the same day, the 2020 renewal premiums.
const CASE: ParityCase = {
  plan: "friendsurance",
  members: 16,
  born: "1990-06-01",
  joined: "2019-01-01",
  to: "2020-01-05",
  event: "small_claim",
  diagnosed: "2019-04-10",
  decided: "2019-04-12",
};

const t = useTestApp({
  nowMs: Date.UTC(2020, 5, 1, 2),
  provider: { failureRate: 0 },
  presets: ["friendsurance"],
});

describe("friendsurance's premium pools, live and in the scenario runner", () => {
  it("the same groups, pools, claim payment, year's end, states and ledger", async () => {
    const expected = runnerReport(CASE);
    const live = await runPoolsLive(t, CASE, expected);
    expectSamePools(CASE, live, expected);
    // premium 100 EUR = 10,000 cents, 40% = 4,000 to the pool: group 1 holds 15 × 4,000 = 60,000, pays the
    // 50,000 claim from it and carries 10,000 (a member claimed); group 2's 4,000 goes back to its member.
    // 2020: the 14 left in group 1 and the one of group 2 renew (the claimant left): 56,000 and 4,000 in
    expect(
      expected.pools!.map((p) => [p.year, p.groupNo, p.members, p.poolInFen, p.returnedFen, p.carriedFen]),
    ).toEqual([
      [2019, 1, 15, 60_000, 0, 10_000],
      [2019, 2, 1, 4_000, 4_000, 0],
      [2020, 1, 14, 56_000, null, null],
      [2020, 2, 1, 4_000, null, null],
    ]);
    expect(expected.cycles).toEqual([]);
    // each member topped up exactly the premium: 0 left; the 16th holds the 4,000 returned (the renewal
    // is a debit through the payment port, not taken from the balance)
    expect(live.balancesFen).toEqual([...Array(15).fill(0), 4_000]);
    // group 1: 10,000 carried + 56,000; group 2: 4,000
    expect(live.poolAccountsFen).toEqual([66_000, 4_000]);
  });
});
