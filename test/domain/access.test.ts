import { describe, expect, it } from "vitest";
import { type ClaimDuties, claimDutyRefusal } from "../../src/domain/access.ts";

const claim: ClaimDuties = {
  reviewerId: 1,
  investigatorIds: [2],
  heirAgentIds: [3],
  afterDeath: true,
  deathRecordedBy: 4,
};

describe("claimDutyRefusal: every refusal of the separation of duties", () => {
  it("review: not by whoever investigated, nor by the heir's agent", () => {
    expect(claimDutyRefusal(2, "review", claim)).toMatch(/investigated/);
    expect(claimDutyRefusal(3, "review", claim)).toMatch(/heir/);
    expect(claimDutyRefusal(1, "review", claim)).toBeUndefined();
    expect(claimDutyRefusal(5, "review", claim)).toBeUndefined();
  });
  it("investigate: not by the reviewer, nor by the heir's agent", () => {
    expect(claimDutyRefusal(1, "investigate", claim)).toMatch(/review/);
    expect(claimDutyRefusal(3, "investigate", claim)).toMatch(/heir/);
    expect(claimDutyRefusal(2, "investigate", claim)).toBeUndefined();
  });
  it("act for an heir: only after a recorded death, not by its recorder, the reviewer or an investigator", () => {
    expect(claimDutyRefusal(5, "act_for_heir", { ...claim, afterDeath: false })).toMatch(
      /never the applicant/,
    );
    expect(claimDutyRefusal(5, "act_for_heir", { ...claim, deathRecordedBy: null })).toMatch(/not recorded/);
    expect(claimDutyRefusal(4, "act_for_heir", claim)).toMatch(/recorded the death/);
    expect(claimDutyRefusal(1, "act_for_heir", claim)).toMatch(/review or investigate/);
    expect(claimDutyRefusal(2, "act_for_heir", claim)).toMatch(/review or investigate/);
    expect(claimDutyRefusal(3, "act_for_heir", claim)).toBeUndefined();
    expect(claimDutyRefusal(5, "act_for_heir", claim)).toBeUndefined();
  });
});
