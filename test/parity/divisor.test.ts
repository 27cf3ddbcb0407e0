import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/use-app.ts";
import { expectSame, type ParityCase, runLive, runnerReport } from "./harness.ts";

// At scale, where the divisor shows under the cap: 抗癌公社's previous month-end × 0.8. 5,000 members
// at 54 (10,000 yuan for low_grade, 2016 rules, no fee); the claimant ends at the decision, 4,999 remain:
// 1,000,000 fen ÷ (4,999 × 0.8 = 3,999.2) = 250.05 → 251 fen each (÷ 4,999 would be 201).
const KANGAI: ParityCase = {
  plan: "kangai",
  members: 5_000,
  born: "1965-06-01",
  joined: "2018-01-01",
  from: "2019-11-15",
  to: "2019-12-05",
  event: "low_grade",
  diagnosed: "2019-11-10",
  decided: "2019-11-20",
};

// Its own database: the plan holds only these members.
const t = useTestApp({ nowMs: Date.UTC(2020, 5, 1, 2), provider: { failureRate: 0 }, presets: ["kangai"] });

describe("抗癌公社's divisor, live and in the scenario runner", () => {
  it("divides by 80% of the weighted members at the previous month-end in both", async () => {
    const expected = runnerReport(KANGAI);
    expect(expected.cycles.map((x) => x.shares)).toEqual([[{ weight: "1", members: 4_999, shareFen: 251 }]]);
    // 4,999 × 251 = 1,254,749 collected; 254,749 surplus
    expect(expected.cycles[0]).toMatchObject({ collectedFen: 1_254_749, surplusOutFen: 254_749 });
    expectSame(KANGAI, await runLive(t, KANGAI, expected), expected);
  });
});
