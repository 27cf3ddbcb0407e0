import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { type Hash, leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { appendToEdge } from "../../src/log/sequencer.ts";

const row = (i: number) => ({ outboxId: i + 1, kind: "join", entry: { member: `m${i}`, participation: i } });

describe("appending a batch to the right edge", () => {
  it("writes each entry's canonical text with its kind, its index and its member", () => {
    const a = appendToEdge(0, new Map(), [
      row(0),
      { outboxId: 2, kind: "plan_status", entry: { plan: "p" } },
    ]);
    expect(a.size).toBe(2);
    expect(a.entries.idx).toEqual([0, 1]);
    expect(a.entries.canonical).toEqual([
      // the member's first entry: its link to a previous one is null
      canonicalJson({ kind: "join", member: "m0", participation: 0, prev: null }),
      canonicalJson({ kind: "plan_status", plan: "p" }),
    ]);
    expect(a.entries.member).toEqual(["m0", null]);
    // 2 leaves and their parent
    expect(a.nodes.level).toEqual([0, 0, 1]);
    expect(a.nodes.idx).toEqual([0, 1, 0]);
  });

  it("links each member's entry to their previous one, across batches, and leaves others unlinked", () => {
    const last = new Map([["m1", { index: 3, leafHash: Buffer.alloc(32, 7) }]]);
    const a = appendToEdge(4, new Map(), [row(0), row(1), row(0)], last);
    const [first, second, third] = a.entries.canonical.map((c) => JSON.parse(c));
    expect(first.prev).toBeNull();
    // m1's latest entry (index 3) came from an earlier batch
    expect(second.prev).toEqual({ index: 3, leafHash: "07".repeat(32) });
    // m0's second entry links to its first, at index 4, by that entry's leaf hash
    expect(third.prev).toEqual({ index: 4, leafHash: a.entries.leaf[0]!.toString("hex") });
    expect(last.get("m0")).toEqual({ index: 6, leafHash: a.entries.leaf[2] });
  });

  it("property: batches of any sizes give every node the whole tree has, once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const tree = new MemoryTree();
        const edge = new Map<number, Hash>();
        const written = new Map<string, Hash>();
        let size = 0;
        for (const n of batches) {
          const rows = Array.from({ length: n }, (_, k) => row(size + k));
          for (const r of rows)
            tree.append(leafHash(Buffer.from(canonicalJson({ kind: r.kind, ...r.entry, prev: null }))));
          const a = appendToEdge(size, edge, rows);
          a.nodes.level.forEach((level, k) => {
            const key = `${level}:${a.nodes.idx[k]}`;
            expect(written.has(key)).toBe(false);
            written.set(key, a.nodes.hash[k]!);
          });
          size = a.size;
        }
        const all = tree.levels.flatMap((hs, level) => hs.map((h, idx) => [`${level}:${idx}`, h] as const));
        expect(written.size).toBe(all.length);
        for (const [key, h] of all) expect(written.get(key)?.equals(h)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
