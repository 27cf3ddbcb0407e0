import { createPublicKey, type KeyObject } from "node:crypto";
import { leafHash, MemoryTree, verifyConsistency, verifyInclusion } from "../domain/merkle.ts";
import { type SumProofStep, verifySumProof } from "../domain/merkle-sum.ts";
import { type SignedTreeHead, verifyTreeHead } from "../domain/tree-head.ts";
import { limits } from "../limits.ts";

/** What `huzhu verify` checks and reports: each check with its outcome, and a verdict. */
export type Check = { readonly what: string; readonly ok: boolean; readonly detail?: string };
export type LogExport = {
  publicKey: string;
  heads: SignedTreeHead[];
  entries: Array<{ index: number; entry: string }>;
};

const h = (s: string) => Buffer.from(s, "hex");

type Fetch = (path: string) => Promise<unknown>;

/**
 * Verifies a server's log as a member or auditor would: the head's signature with the published key
 * (or a key the verifier already trusts), consistency with a head saved earlier, and the inclusion of
 * the member's own entries.
 */
export async function verifyServer(
  get: Fetch,
  opts: {
    trustedKeyPem?: string | undefined;
    savedHead?: SignedTreeHead | undefined;
    member?: string | undefined;
  },
): Promise<{ checks: Check[]; head: SignedTreeHead | undefined }> {
  const checks: Check[] = [];
  const pem = opts.trustedKeyPem ?? String(await get("/log/public-key"));
  const key: KeyObject = createPublicKey(pem);
  const head = (await get("/log/head")) as SignedTreeHead;
  checks.push({
    what: `tree head of size ${head.size} is signed by the log key`,
    ok: verifyTreeHead(head, key),
  });
  if (opts.savedHead) {
    const saved = opts.savedHead;
    checks.push({
      what: `the saved head of size ${saved.size} is signed by the log key`,
      ok: verifyTreeHead(saved, key),
    });
    if (saved.size > head.size) {
      checks.push({
        what: "the log only grew",
        ok: false,
        detail: `the saved head has ${saved.size} entries, the server now shows ${head.size}`,
      });
    } else {
      const c = (await get(`/log/proofs/consistency?from=${saved.size}&to=${head.size}`)) as {
        proof: string[];
      };
      const ok = verifyConsistency(
        saved.size,
        head.size,
        h(saved.rootHash),
        h(head.rootHash),
        c.proof.map(h),
      );
      checks.push({
        what: `the log of size ${head.size} extends the saved log of size ${saved.size}`,
        ok,
        ...(ok ? {} : { detail: "history was rewritten: the consistency proof does not verify" }),
      });
    }
  }
  if (opts.member) {
    const m = (await get(`/log/members/${opts.member}/entries`)) as {
      entries: Array<{ index: number; kind: string; entry: string; proof: string[] }>;
    };
    if (m.entries.length === 0)
      checks.push({
        what: `entries of member ${opts.member}`,
        ok: false,
        detail: "the log has no entry for this member",
      });
    for (const e of m.entries) {
      const ok = verifyInclusion(
        leafHash(Buffer.from(e.entry)),
        e.index,
        head.size,
        e.proof.map(h),
        h(head.rootHash),
      );
      checks.push({
        what: `entry ${e.index} (${e.kind}) is in the signed log`,
        ok,
        ...(ok ? {} : { detail: `entry ${e.index} does not match the signed root` }),
      });
    }
  }
  if (opts.member) checks.push(...(await verifyMemberShares(get, opts.member, head)));
  return { checks, head };
}

type ShareItem = {
  cycleId: number;
  root: { hash: string; count: number; sumFen: number } | null;
  logIndex: number | null;
  shareFen: number;
  proof: SumProofStep[];
};

/**
 * For each cycle the member shared in: the share is in the published root (sum proof), and that root,
 * with its member count and total, is the one recorded in the signed log (inclusion proof).
 */
async function verifyMemberShares(get: Fetch, member: string, head: SignedTreeHead): Promise<Check[]> {
  const checks: Check[] = [];
  const items: ShareItem[] = [];
  // The shares come a page at a time; each answer names the cursor of the next, null on the last.
  for (let cursor: string | null = ""; cursor !== null; ) {
    const after = cursor === "" ? "" : `&cursor=${cursor}`;
    const page = (await get(`/cycles/members/${member}/shares?limit=${limits.pageSizeMax}${after}`)) as {
      items: ShareItem[];
      nextCursor: string | null;
    };
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  for (const s of items) {
    const inRoot = s.root !== null && verifySumProof({ member, shareFen: s.shareFen }, s.proof, s.root);
    checks.push({
      what: `cycle ${s.cycleId}: your share of ${s.shareFen} fen is in the published total`,
      ok: inRoot,
      ...(inRoot
        ? {}
        : { detail: `cycle ${s.cycleId}: your share does not match the published root, count or total` }),
    });
    if (s.logIndex === null || s.logIndex >= head.size) {
      checks.push({
        what: `cycle ${s.cycleId}: the root is in the signed log`,
        ok: false,
        detail: `cycle ${s.cycleId}: the published root is not (yet) in the signed log`,
      });
      continue;
    }
    const entry = (await get(`/log/entries/${s.logIndex}`)) as { entry: string };
    const logged = JSON.parse(entry.entry) as { root: string; members: number; totalFen: number };
    const proof = (await get(`/log/proofs/inclusion?index=${s.logIndex}&size=${head.size}`)) as {
      proof: string[];
    };
    const ok =
      logged.root === s.root?.hash &&
      logged.members === s.root.count &&
      logged.totalFen === s.root.sumFen &&
      verifyInclusion(
        leafHash(Buffer.from(entry.entry)),
        s.logIndex,
        head.size,
        proof.proof.map(h),
        h(head.rootHash),
      );
    checks.push({
      what: `cycle ${s.cycleId}: the root, member count and total are the ones in the signed log`,
      ok,
      ...(ok ? {} : { detail: `cycle ${s.cycleId}: the published root differs from the logged one` }),
    });
  }
  return checks;
}

/** Verifies an exported log offline: every entry rebuilt into the tree, every head's root and signature. */
export function verifyExport(
  exp: LogExport,
  opts: {
    trustedKeyPem?: string | undefined;
    savedHead?: SignedTreeHead | undefined;
    member?: string | undefined;
  },
): Check[] {
  const checks: Check[] = [];
  const key = createPublicKey(opts.trustedKeyPem ?? exp.publicKey);
  const tree = new MemoryTree();
  const sorted = [...exp.entries].sort((a, b) => a.index - b.index);
  sorted.forEach((e, i) => {
    if (e.index !== i)
      checks.push({ what: `entry ${i} is present`, ok: false, detail: `entry ${i} is missing` });
    tree.append(leafHash(Buffer.from(e.entry)));
  });
  for (const head of exp.heads) {
    checks.push({
      what: `tree head of size ${head.size} is signed by the log key`,
      ok: verifyTreeHead(head, key),
    });
    const ok = head.size <= tree.size && tree.root(head.size).toString("hex") === head.rootHash;
    checks.push({
      what: `the entries give the root of the head of size ${head.size}`,
      ok,
      ...(ok ? {} : { detail: `the entries do not give the signed root of size ${head.size}` }),
    });
  }
  if (opts.savedHead) {
    const s = opts.savedHead;
    const ok = s.size <= tree.size && tree.root(s.size).toString("hex") === s.rootHash;
    checks.push({
      what: `the log extends the saved head of size ${s.size}`,
      ok,
      ...(ok ? {} : { detail: "history was rewritten: the saved root is not a prefix of this log" }),
    });
  }
  if (opts.member) {
    const mine = sorted.filter((e) => JSON.parse(e.entry).member === opts.member);
    checks.push({ what: `the log has entries of member ${opts.member}`, ok: mine.length > 0 });
  }
  return checks;
}
