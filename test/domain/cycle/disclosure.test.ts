import { describe, expect, it } from "vitest";
import {
  type CycleAnnouncement,
  conservesDisclosure,
  discloseCycle,
  NO_OUTCOME,
  outcomeOf,
} from "../../../src/domain/cycle/disclosure.ts";

/** An announcement of 4 members × 81 fen: 300 fen of benefits + 24 fen of fees (8%), no surplus. */
const announced: CycleAnnouncement = {
  planId: "p",
  announcedOn: "2020-01-07" as never,
  collectOn: "2020-01-14" as never,
  ruleVersion: "2018-10-16" as never,
  cases: 1,
  benefitsFen: 300,
  approvedBenefitsFen: 300,
  feesFen: 24,
  surplusInFen: 0,
  surplusOutFen: 0,
  sponsorFen: 0,
  benefitCutFen: 0,
  sharingMembers: 4,
  sharingWeight: "4",
  shares: [{ weight: "1", members: 4, shareFen: 81 }],
  collectedFen: null,
  failedFen: null,
  advancedFen: null,
  shareRoot: { hash: "ab", count: 4, sumFen: 324 },
};

describe("discloseCycle", () => {
  it("before the collection: the outcome null, the optional parts absent", () => {
    const d = discloseCycle({ announced, outcome: NO_OUTCOME });
    expect(d).toEqual(announced);
    expect("pendingFen" in d || "retriesDone" in d || "writtenOffFen" in d).toBe(false);
  });

  it("adds the outcome, in jsonb's key order (shorter keys first, then bytewise)", () => {
    const outcome = { ...NO_OUTCOME, collectedFen: 243, failedFen: 81, advancedFen: 81, pendingFen: 0 };
    const d = discloseCycle({ announced, outcome });
    expect(d).toMatchObject({ collectedFen: 243, failedFen: 81, advancedFen: 81, pendingFen: 0 });
    expect("retriesDone" in d).toBe(false);
    const keys = Object.keys(d);
    expect(keys.slice(0, 3)).toEqual(["cases", "planId", "shares"]); // 5, 6, 6 characters
    expect(keys.indexOf("failedFen")).toBeLessThan(keys.indexOf("pendingFen")); // 9 < 10 characters
    expect(keys.at(-1)).toBe("approvedBenefitsFen"); // the longest
    // a written-off total of 0 is still a write-off: present, not absent
    expect(discloseCycle({ announced, outcome: { ...outcome, writtenOffFen: 0 } }).writtenOffFen).toBe(0);
  });

  it("outcomeOf gives back the outcome it was derived from", () => {
    const outcome = {
      collectedFen: 243,
      failedFen: 81,
      advancedFen: 81,
      pendingFen: 0,
      retriesDone: 1,
      writtenOffFen: null,
      recoveredLaterFen: 81,
    };
    expect(outcomeOf(discloseCycle({ announced, outcome }))).toEqual(outcome);
  });
});

describe("conservesDisclosure", () => {
  it("collected + failed + sponsor = benefits + fees − surplus in + surplus out", () => {
    // 243 + 81 + 0 = 300 + 24 − 0 + 0
    const d = discloseCycle({ announced, outcome: { ...NO_OUTCOME, collectedFen: 243, failedFen: 81 } });
    expect(conservesDisclosure(d)).toBe(true);
    // one fen more collected than was charged
    expect(conservesDisclosure({ ...d, collectedFen: 244 })).toBe(false);
    // before the collection nothing came in: 0 ≠ 324
    expect(conservesDisclosure(announced)).toBe(false);
  });
});
