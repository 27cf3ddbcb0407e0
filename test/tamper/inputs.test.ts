import type { KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { publicAudit } from "../../src/domain/public-audit/audit.ts";
import type { PublicExport } from "../../src/domain/public-audit/export.ts";
import { signTreeHead } from "../../src/domain/tree-head.ts";
import { buildTamperState, exportOf, type TamperState } from "./state.ts";

/*
 * The announcement's inputs the public audit used to take on the operator's word (issue 19), each
 * rewritten in the published log by an operator with the log key — every head re-signed, so the log
 * itself verifies — and each caught by `huzhu audit --public` recomputing it from the log's own facts.
 */

let s: TamperState;
let honest: PublicExport;
beforeAll(async () => {
  s = await buildTamperState();
  honest = await exportOf(s.t);
}, 120_000);
afterAll(async () => {
  await s?.t.close();
});

/** The export with the first announcement changed and every head re-signed over the new entries. */
function rewritten(
  key: KeyObject,
  change: (e: Record<string, unknown>) => Record<string, unknown>,
): PublicExport {
  let done = false;
  const entries = honest.entries.map((x) => {
    const e = JSON.parse(x.entry) as Record<string, unknown>;
    if (done || e.kind !== "announcement") return x;
    done = true;
    return { ...x, entry: canonicalJson(change(e)) };
  });
  const tree = new MemoryTree();
  for (const x of entries) tree.append(leafHash(Buffer.from(x.entry)));
  const heads = honest.heads.map((h) =>
    signTreeHead(
      { size: h.size, rootHash: tree.root(h.size).toString("hex"), timestampMs: h.timestampMs },
      key,
    ),
  );
  return { ...honest, entries, heads };
}

const audit = (change: (e: Record<string, unknown>) => Record<string, unknown>) =>
  publicAudit(rewritten(s.t.deps.logKeys.privateKey, change)).problems;
const saying = (text: string) => expect.arrayContaining([expect.stringContaining(text)]);
const groupsOf = (e: Record<string, unknown>) => e.groups as Array<Record<string, unknown>>;

describe("the public audit recomputes the logged inputs (issue 19)", () => {
  it("the honest export passes, and re-signing an unchanged log changes nothing", () => {
    expect(publicAudit(honest).problems).toEqual([]);
    expect(audit((e) => e)).toEqual([]);
  });

  it("sponsorPaysAll claimed with no logged wind-down", () => {
    const p = audit((e) => ({ ...e, sponsorPaysAll: true }));
    expect(p).toEqual(
      saying("sponsorPaysAll is true in the logged announcement, the log's facts give false"),
    );
    // the log itself verifies: no head, signature or root is named
    expect(p.filter((x) => /tree head|signature/.test(x))).toEqual([]);
  });

  it("a divisor logged for a plan that divides by its sharing members", () => {
    expect(audit((e) => ({ ...e, denominatorWeightUnits: "350000" }))).toEqual(
      saying("denominatorWeightUnits is 350000 in the logged announcement, the log's facts give none"),
    );
  });

  it("a year-to-date paid in the year's first cycle", () => {
    const p = audit((e) => ({ ...e, groups: groupsOf(e).map((g) => ({ ...g, ytdFen: 1_000 })) }));
    expect(p).toEqual(
      saying("a group's ytdFen is 1000 in the logged announcement, the log's facts give one of 0 fen"),
    );
  });

  it("a fee date for a plan without periodic fees", () => {
    const p = audit((e) => ({ ...e, groups: groupsOf(e).map((g) => ({ ...g, feeFrom: "2019-12-31" })) }));
    expect(p).toEqual(
      saying("a group's feeFrom is 2019-12-31 in the logged announcement, the log's facts give none"),
    );
  });
});
