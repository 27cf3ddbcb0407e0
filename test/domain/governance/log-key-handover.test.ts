import { describe, expect, it } from "vitest";
import type { CivilDate } from "../../../src/domain/calendar.ts";
import { checkLogKeyHandOver, type LogKeyProposal } from "../../../src/domain/governance/proposal.ts";

/** Issue 20: when every plan's `log_key` proposal lets the hand-over happen. */
const p = (planId: string, effectiveOn: string, o: Partial<LogKeyProposal> = {}): LogKeyProposal => ({
  proposalId: planId.length,
  planId,
  state: "published",
  voteRequired: false,
  effectiveOn: effectiveOn as CivilDate,
  ...o,
});
const day = (d: string) => d as CivilDate;

describe("checkLogKeyHandOver", () => {
  it("names the latest end of notice across the plans, and allows that day", () => {
    const ps = [p("a", "2020-03-16"), p("bbb", "2020-03-20")];
    const r = checkLogKeyHandOver(ps, day("2020-03-19"));
    expect(r.ok ? "" : r.error.message).toBe(
      "the log key may be handed over on 2020-03-20 at the earliest: the charter of plan bbb gives notice until then (proposal 3)",
    );
    expect(checkLogKeyHandOver(ps, day("2020-03-20")).ok).toBe(true);
    expect(checkLogKeyHandOver([], day("2020-03-01")).ok).toBe(true);
  });

  it("waits for a vote to be tallied and passed; a vote lost stops it", () => {
    const voted = p("a", "2020-03-16", { voteRequired: true });
    expect(checkLogKeyHandOver([voted], day("2020-03-16"))).toMatchObject({
      error: { code: "vote_required" },
    });
    expect(checkLogKeyHandOver([{ ...voted, state: "passed" }], day("2020-03-16")).ok).toBe(true);
    const lost = checkLogKeyHandOver([{ ...voted, state: "failed" }], day("2020-04-01"));
    expect(lost.ok ? "" : lost.error.message).toBe(
      "the members of plan a voted the new log key down (proposal 1): it cannot take over",
    );
  });
});
