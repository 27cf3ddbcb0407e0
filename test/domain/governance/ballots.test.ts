import { describe, expect, it, vi } from "vitest";
import { canonicalJson } from "../../../src/domain/canonical-json.ts";
import { CANONICAL_BALLOT, countFromLogEntries, readBallot } from "../../../src/domain/governance/ballots.ts";

const ballot = (member: string, inFavour: boolean, seq: number, proposal = 7) =>
  canonicalJson({ proposal, member, inFavour, seq });

describe("ballots read from the log", () => {
  it("the log's own spelling of a ballot (with its kind) is read by the pattern, without a full parse", () => {
    // as the sequencer writes it: canonicalJson({ kind, ...entry })
    const logged = canonicalJson({ kind: "ballot", proposal: 7, member: "ab12", inFavour: true, seq: 2 });
    expect(logged).toBe('{"inFavour":true,"kind":"ballot","member":"ab12","proposal":7,"seq":2}');
    expect(CANONICAL_BALLOT.test(logged)).toBe(true);
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(readBallot(logged)).toEqual({ proposal: 7, member: "ab12", inFavour: true, seq: 2 });
      expect(readBallot(logged.replace('"inFavour":true', '"inFavour":false'))).toMatchObject({
        inFavour: false,
      });
      // since member histories are chained, a ballot also carries its link to the member's previous entry
      for (const prev of [null, { index: 41, leafHash: "0f".repeat(32) }]) {
        const chained = canonicalJson({
          kind: "ballot",
          proposal: 7,
          member: "ab12",
          inFavour: true,
          seq: 2,
          prev,
        });
        expect(readBallot(chained)).toEqual({ proposal: 7, member: "ab12", inFavour: true, seq: 2 });
      }
      expect(parse).not.toHaveBeenCalled(); // the fast path was taken
      // an entry without its kind is no spelling the log writes: parsed in full, read the same
      const bare = ballot("ab12", true, 2);
      expect(CANONICAL_BALLOT.test(bare)).toBe(false);
      expect(readBallot(bare)).toEqual(readBallot(logged));
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("an entry that is no ballot is skipped", () => {
    expect(readBallot(canonicalJson({ kind: "join", member: "ab12" }))).toBeUndefined();
    expect(
      readBallot(canonicalJson({ proposal: 7, member: "ab12", inFavour: "yes", seq: 1 })),
    ).toBeUndefined();
  });

  it("countFromLogEntries: each member's last ballot counts, other proposals and other kinds are ignored", () => {
    const entries = [
      ballot("aa", true, 1),
      ballot("bb", true, 1),
      ballot("aa", false, 2), // aa changes their mind: against
      ballot("cc", false, 1),
      ballot("bb", false, 1, 8), // another proposal
      canonicalJson({ kind: "join", member: "dd", participation: 1 }),
      canonicalJson({ kind: "ballot", proposal: 7, member: "dd", inFavour: true, seq: 1 }),
    ];
    // 7: aa against (seq 2), bb in favour, cc against, dd in favour → 2 for, 2 against, 4 members
    expect(countFromLogEntries(entries, 7)).toEqual({ inFavour: 2, against: 2, members: 4 });
    expect(countFromLogEntries(entries, 8)).toEqual({ inFavour: 0, against: 1, members: 1 });
    expect(countFromLogEntries([], 7)).toEqual({ inFavour: 0, against: 0, members: 0 });
  });

  it("an earlier ballot read after a later one does not replace it", () => {
    const entries = [ballot("aa", false, 3), ballot("aa", true, 2)];
    expect(countFromLogEntries(entries, 7)).toEqual({ inFavour: 0, against: 1, members: 1 });
  });
});
