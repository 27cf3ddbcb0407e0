import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/use-app.ts";
import type { ParityCase } from "./harness.ts";
import { runnerReport } from "./harness.ts";
import { expectSamePools, runPoolsLive } from "./pools-harness.ts";

// Friendsurance, live and in the scenario runner on the same inputs: 16 members joined on 2019-01-01
// (15 fill group 1, the 16th opens group 2), a 500-euro small claim of a group-1 member decided on
// 04-12, and the year's end on 2020-01-01.
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
    // 50,000 claim from it and carries 10,000 (a member claimed); group 2's 4,000 goes back to its member
    expect(expected.pools!.map((p) => [p.groupNo, p.members, p.returnedFen, p.carriedFen])).toEqual([
      [1, 15, 0, 10_000],
      [2, 1, 4_000, 0],
    ]);
    expect(expected.cycles).toEqual([]);
    // each member topped up exactly the premium: 0 left, and the 16th holds the 4,000 returned
    expect(live.balancesFen).toEqual([...Array(15).fill(0), 4_000]);
    expect(live.poolAccountsFen).toEqual([10_000, 0]);
  });
});
