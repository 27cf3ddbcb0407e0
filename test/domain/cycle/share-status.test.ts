import { describe, expect, it } from "vitest";
import { initialShareStatus, SHARE_MOVES, SHARE_STATUS } from "../../../src/domain/cycle/share-status.ts";

describe("share status", () => {
  it("moves only between known states, and collected and advanced are final", () => {
    const all = Object.values(SHARE_STATUS);
    for (const [from, tos] of Object.entries(SHARE_MOVES)) {
      expect(all).toContain(from);
      for (const to of tos) expect(all).toContain(to);
    }
    expect(SHARE_MOVES.collected).toEqual([]);
    expect(SHARE_MOVES.advanced).toEqual([]);
  });

  it("asks a member who confirms, or whose share is over the limit, and never for a share of 0", () => {
    expect(initialShareStatus({ mode: "auto", shareFen: 500, limitFen: null })).toBe("due");
    expect(initialShareStatus({ mode: "confirm", shareFen: 500, limitFen: null })).toBe("unconfirmed");
    expect(initialShareStatus({ mode: "confirm", shareFen: 0, limitFen: null })).toBe("due");
    expect(initialShareStatus({ mode: "auto_limit", shareFen: 500, limitFen: 400 })).toBe("unconfirmed");
    expect(initialShareStatus({ mode: "auto_limit", shareFen: 400, limitFen: 400 })).toBe("due");
    expect(initialShareStatus({ mode: "auto_limit", shareFen: 500, limitFen: null })).toBe("due");
  });
});
