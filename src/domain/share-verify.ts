import {
  fromHex,
  type proofChecks,
  type SumLeaf,
  type SumRoot,
  type SumStep,
  sumLeafVersion,
} from "./proof-check.ts";

/*
 * A member's shares checked against the signed log, as `huzhu verify` and the member app both run it:
 * the reads are passed in (`get`: the server's answers as JSON) and so is the hashing (`checks`), so
 * this one piece of code runs on node:crypto in the CLI and on @noble/hashes in the browser.
 */

export type Get = (path: string) => Promise<unknown>;
export type ShareItem = {
  cycleId: number;
  root: SumRoot | null;
  logIndex: number | null;
  shareFen: number;
  /** Format 2 leaves' participation and weight; null (or absent, from an older server) in format 1. */
  participation?: number | null;
  weightUnits?: number | null;
  proof: SumStep[];
};

/** The leaf the item's proof is for, in the format its fields say. */
export function itemLeaf(member: string, s: ShareItem): SumLeaf {
  if (s.participation === null || s.participation === undefined) return { member, shareFen: s.shareFen };
  return { member, shareFen: s.shareFen, participation: s.participation, weightUnits: s.weightUnits ?? -1 };
}
export type ShareCheck = {
  readonly cycleId: number;
  readonly shareFen: number;
  /** in-total: the share is in the published root; in-log: that root, count and total are the logged ones. */
  readonly check: "in-total" | "in-log";
  readonly ok: boolean;
  readonly failure?: "root-mismatch" | "not-logged" | "log-differs";
  /** The participation a format 2 leaf commits to (absent for format 1). */
  readonly participation?: number;
};

type Checks = ReturnType<typeof proofChecks>;

/** Every share of the member against the signed head (already checked by the caller). */
export async function checkMemberShares(
  get: Get,
  checks: Checks,
  member: string,
  head: { size: number; rootHash: string },
  items?: ShareItem[],
): Promise<ShareCheck[]> {
  const out: ShareCheck[] = [];
  const shares = items ?? (await allShares(get, member));
  for (const s of shares) {
    const base = {
      cycleId: s.cycleId,
      shareFen: s.shareFen,
      ...(typeof s.participation === "number" ? { participation: s.participation } : {}),
    };
    const inRoot = s.root !== null && checks.verifySumProof(itemLeaf(member, s), s.proof, s.root);
    out.push({ ...base, check: "in-total", ok: inRoot, ...(inRoot ? {} : { failure: "root-mismatch" }) });
    if (s.logIndex === null || s.logIndex >= head.size) {
      out.push({ ...base, check: "in-log", ok: false, failure: "not-logged" });
      continue;
    }
    out.push({ ...base, check: "in-log", ...(await rootLogged(get, checks, s, head)) });
  }
  return out;
}

/** The member's shares, a page at a time: each answer names the cursor of the next, null on the last. */
async function allShares(get: Get, member: string): Promise<ShareItem[]> {
  const items: ShareItem[] = [];
  for (let cursor: string | null = ""; cursor !== null; ) {
    const after = cursor === "" ? "" : `?cursor=${encodeURIComponent(cursor)}`;
    const page = (await get(`/cycles/members/${member}/shares${after}`)) as {
      items: ShareItem[];
      nextCursor: string | null;
    };
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
}

async function rootLogged(
  get: Get,
  checks: Checks,
  s: ShareItem,
  head: { size: number; rootHash: string },
): Promise<{ ok: boolean; failure?: "log-differs" }> {
  const entry = (await get(`/log/entries/${s.logIndex}`)) as { entry: string };
  const logged = JSON.parse(entry.entry) as {
    root: string;
    members: number;
    totalFen: number;
    leaf?: number;
  };
  const proof = (await get(`/log/proofs/inclusion?index=${s.logIndex}&size=${head.size}`)) as {
    proof: string[];
  };
  const hashes = proof.proof.map(fromHex);
  const root = fromHex(head.rootHash);
  // the logged root names its leaves' format: a proof of a format 1 leaf for a format 2 cycle (the
  // participation and weight stripped) is refused
  const ok =
    (logged.leaf ?? 1) === sumLeafVersion(itemLeaf("", s)) &&
    logged.root === s.root?.hash &&
    logged.members === s.root.count &&
    logged.totalFen === s.root.sumFen &&
    root !== null &&
    hashes.every((x) => x !== null) &&
    checks.verifyInclusion(
      checks.logLeaf(new TextEncoder().encode(entry.entry)),
      s.logIndex!,
      head.size,
      hashes as Uint8Array[],
      root,
    );
  return ok ? { ok } : { ok, failure: "log-differs" };
}
