import type { KeyObject } from "node:crypto";
import { UserError } from "../cli/user-error.ts";
import { checkMemberHistory } from "../domain/member-history.ts";
import { leafHash, MemoryTree, verifyConsistency, verifyInclusion } from "../domain/merkle.ts";
import { nodeProofChecks } from "../domain/sha256.ts";
import { checkMemberShares, type ShareCheck } from "../domain/share-verify.ts";
import { type SignedTreeHead, verifyTreeHead } from "../domain/tree-head.ts";
import {
  acceptedHeadKeys,
  exportHeadKeys,
  notHandedOver,
  parsePins,
  serverHandOvers,
  verifyCheckpoint,
  type WitnessPolicy,
} from "./checkpoint.ts";

/** What `huzhu verify` checks and reports: each check with its outcome, and a verdict. */
export type Check = { readonly what: string; readonly ok: boolean; readonly detail?: string };
export type LogExport = {
  publicKey: string;
  heads: SignedTreeHead[];
  entries: Array<{ index: number; entry: string }>;
};

const h = (s: string) => Buffer.from(s, "hex");

type Fetch = (path: string) => Promise<unknown>;

/** A head signed by one of the accepted keys (the pinned one, the keys it handed over to). */
export function headCheck(head: SignedTreeHead, keys: readonly KeyObject[], pinned: boolean): Check {
  const ok = keys.some((k) => verifyTreeHead(head, k));
  return {
    what: `tree head of size ${head.size} is signed by the log key`,
    ok,
    ...(ok ? {} : { detail: notHandedOver(head.size, pinned) }),
  };
}

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
    /** Issue 19: the pinned log key and witnesses; absent, no checkpoint is required (the old checks). */
    witness?: WitnessPolicy | undefined;
  },
): Promise<{ checks: Check[]; head: SignedTreeHead | undefined }> {
  const checks: Check[] = [];
  const pem = opts.trustedKeyPem ?? String(await get("/log/public-key"));
  // heads signed before a log key hand-over are the old key's (issue 20)
  const handOvers = await serverHandOvers(get);
  const keys: KeyObject[] = await acceptedHeadKeys(pem, handOvers, opts.trustedKeyPem !== undefined);
  const signed = (x: SignedTreeHead) => keys.some((k) => verifyTreeHead(x, k));
  const head = (await get("/log/head")) as SignedTreeHead;
  checks.push(headCheck(head, keys, opts.trustedKeyPem !== undefined));
  if (opts.witness) checks.push(...(await witnessedChecks(get, opts.witness, head, handOvers)));
  if (opts.savedHead) {
    const saved = opts.savedHead;
    checks.push({
      what: `the saved head of size ${saved.size} is signed by the log key`,
      ok: signed(saved),
      ...(signed(saved) ? {} : { detail: notHandedOver(saved.size, opts.trustedKeyPem !== undefined) }),
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
    checks.push(...memberHistory(opts.member, m.entries, head));
    checks.push(...(await verifyMemberShares(get, opts.member, head, joinedParticipations(m.entries))));
  }
  return { checks, head };
}

/**
 * The member's history walked as a hash chain (domain/member-history.ts, the member app's too), and
 * its latest entry included in the newest head (its inclusion check, made above, restated as such).
 */
function memberHistory(
  member: string,
  entries: Array<{ index: number; kind: string; entry: string; proof: string[] }>,
  head: SignedTreeHead,
): Check[] {
  const latest = entries.reduce<(typeof entries)[number] | undefined>(
    (a, e) => (a && a.index > e.index ? a : e),
    undefined,
  );
  if (!latest) return [];
  const included = verifyInclusion(
    leafHash(Buffer.from(latest.entry)),
    latest.index,
    head.size,
    latest.proof.map(h),
    h(head.rootHash),
  );
  return [
    ...checkMemberHistory(nodeProofChecks, member, entries),
    {
      what: `the member's latest entry ${latest.index} is in the newest head of size ${head.size}`,
      ok: included,
    },
  ];
}

async function witnessedChecks(
  get: Fetch,
  p: WitnessPolicy,
  head: SignedTreeHead,
  handOvers: readonly string[],
): Promise<Check[]> {
  const serverKey = p.logKey ? "" : ((await get("/log/witnesses")) as { logKey: string }).logKey;
  const pins = parsePins(p, serverKey);
  if (typeof pins === "string") throw new UserError(pins);
  return verifyCheckpoint(get, p, pins, head, handOvers);
}

const shareWhat = (c: ShareCheck) =>
  c.check === "in-total"
    ? `cycle ${c.cycleId}: your share of ${c.shareFen} fen is in the published total`
    : c.failure === "not-logged"
      ? `cycle ${c.cycleId}: the root is in the signed log`
      : `cycle ${c.cycleId}: the root, member count and total are the ones in the signed log`;
const shareDetail = {
  "root-mismatch": (c: ShareCheck) =>
    `cycle ${c.cycleId}: your share does not match the published root, count or total`,
  "not-logged": (c: ShareCheck) => `cycle ${c.cycleId}: the published root is not (yet) in the signed log`,
  "log-differs": (c: ShareCheck) => `cycle ${c.cycleId}: the published root differs from the logged one`,
};

/**
 * For each cycle the member shared in: the share is in the published root (sum proof), and that root,
 * with its member count and total, is the one recorded in the signed log (inclusion proof). The checks
 * are the member app's too (domain/share-verify.ts).
 */
async function verifyMemberShares(
  get: Fetch,
  member: string,
  head: SignedTreeHead,
  joined: ReadonlySet<number>,
): Promise<Check[]> {
  const out: Check[] = [];
  for (const c of await checkMemberShares(get, nodeProofChecks, member, head)) {
    out.push({ what: shareWhat(c), ok: c.ok, ...(c.failure ? { detail: shareDetail[c.failure](c) } : {}) });
    // a format 2 leaf names the participation it is for: it must be one the member's own logged join began
    if (c.check !== "in-total" || c.participation === undefined) continue;
    const ok = joined.has(c.participation);
    out.push({
      what: `cycle ${c.cycleId}: your share's leaf is for participation ${c.participation}, which your logged join began`,
      ok,
      ...(ok
        ? {}
        : {
            detail: `cycle ${c.cycleId}: the leaf names participation ${c.participation}, which none of your logged joins began`,
          }),
    });
  }
  return out;
}

/** The participations the member's logged joins (and transfers in) began. */
function joinedParticipations(entries: ReadonlyArray<{ kind: string; entry: string }>): Set<number> {
  const out = new Set<number>();
  for (const e of entries)
    if (e.kind === "join" || e.kind === "transfer") {
      const p = (JSON.parse(e.entry) as { participation?: unknown }).participation;
      if (typeof p === "number") out.add(p);
    }
  return out;
}

/** Verifies an exported log offline: every entry rebuilt into the tree, every head's root and signature. */
export async function verifyExport(
  exp: LogExport,
  opts: {
    trustedKeyPem?: string | undefined;
    savedHead?: SignedTreeHead | undefined;
    member?: string | undefined;
  },
): Promise<Check[]> {
  const checks: Check[] = [];
  // the pinned key, and each key it handed over to through the export's own `log_key` entries (issue 20)
  const keys = await exportHeadKeys(exp, opts.trustedKeyPem);
  if (keys.length === 0) throw new UserError("--public-key: not a public key (PEM)");
  const tree = new MemoryTree();
  const sorted = [...exp.entries].sort((a, b) => a.index - b.index);
  sorted.forEach((e, i) => {
    if (e.index !== i)
      checks.push({ what: `entry ${i} is present`, ok: false, detail: `entry ${i} is missing` });
    tree.append(leafHash(Buffer.from(e.entry)));
  });
  for (const head of exp.heads) {
    checks.push(headCheck(head, keys, opts.trustedKeyPem !== undefined));
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
    const shown = mine.map((e) => ({
      index: e.index,
      kind: String(JSON.parse(e.entry).kind),
      entry: e.entry,
    }));
    checks.push(...checkMemberHistory(nodeProofChecks, opts.member, shown));
  }
  return checks;
}
