import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { checkMemberHistory, type HistoryEntry } from "../../src/domain/member-history.ts";
import { leafHash } from "../../src/domain/merkle.ts";
import { nodeProofChecks } from "../../src/domain/sha256.ts";

const M = "ab".repeat(16);
const entry = (index: number, kind: string, fields: Record<string, unknown>): HistoryEntry => ({
  index,
  kind,
  entry: canonicalJson({ kind, member: M, ...fields }),
});
const link = (e: HistoryEntry) => ({
  index: e.index,
  leafHash: leafHash(Buffer.from(e.entry)).toString("hex"),
});
const failures = (entries: HistoryEntry[]) =>
  checkMemberHistory(nodeProofChecks, M, entries)
    .filter((c) => !c.ok)
    .map((c) => c.detail);

describe("walking a member's history", () => {
  it("accepts a history sequenced before the chain began, then chained: complete from the last unchained entry", () => {
    // entries 2 and 5 are from before the change (no prev); 9 is the first after it and links to 5
    const old1 = entry(2, "join", { plan: "p" });
    const old2 = entry(5, "payout", { case: 1 });
    const first = entry(9, "exit", { prev: link(old2) });
    const checks = checkMemberHistory(nodeProofChecks, M, [old1, old2, first]);
    expect(checks).toEqual([
      {
        what: "the member's history is complete from entry 5 (sequenced before histories were chained) to entry 9",
        ok: true,
      },
    ]);
  });

  it("accepts a history of unchained entries only, as every log before the change", () => {
    expect(failures([entry(1, "join", {}), entry(4, "payout", {})])).toEqual([]);
  });

  it("refuses a chain whose first entry is not a join, a link into the future, a malformed link, a fork and another's entry", () => {
    expect(failures([entry(3, "payout", { prev: null })])).toEqual([
      "the member's first chained entry 3 is a payout, not a join",
    ]);
    const j = entry(1, "join", { prev: null });
    expect(failures([j, entry(4, "exit", { prev: { index: 7, leafHash: "00".repeat(32) } })])).toEqual([
      "entry 4 follows the member's entry 7, which is not among the entries shown: the history is incomplete",
    ]);
    expect(failures([j, entry(4, "exit", { prev: { index: 1, leafHash: "zz" } })])).toEqual([
      "entry 4 has a malformed link",
    ]);
    // two entries both following the join: the second history is not on the chain from the latest
    expect(failures([j, entry(4, "payout", { prev: link(j) }), entry(6, "exit", { prev: link(j) })])).toEqual(
      ["entry 4 is linked but not on the chain from the member's latest entry: the history forks"],
    );
    const other = {
      index: 2,
      kind: "join",
      entry: canonicalJson({ kind: "join", member: "cd", prev: null }),
    };
    expect(failures([other])).toEqual(["entry 2 is another's"]);
  });

  it("says nothing of a member with no entries", () => {
    expect(checkMemberHistory(nodeProofChecks, M, [])).toEqual([]);
  });
});
