import { describe, expect, it } from "vitest";
import { candidatesDigest, drawJurors, jurySeed } from "../../src/domain/jury.ts";
import { type SignedTreeHead, signTreeHead } from "../../src/domain/tree-head.ts";
import { verifyJuryDraw } from "../../src/verify/jury.ts";
import { verifyExport } from "../../src/verify/verify.ts";
import { exportOf, forgedExport, forgeries, useHandedOverLog } from "../support/handed-over.ts";

/*
 * Issue 20: `huzhu verify --file` and `huzhu jury verify` follow the log key's hand-overs from the
 * pinned (old) key as `huzhu verify --server` does (acceptedHeadKeys), and refuse a head signed by a key
 * no valid hand-over names.
 */
const s = useHandedOverLog();
const REFUSED = "is not signed by the pinned log key nor a key it handed over to";
const FORGERIES = ["signed by the new key only", "from a key no hand-over names"] as const;

describe("verify --file across a log key hand-over", () => {
  it("passes with the old key pinned: heads before by the old key, after by the new", async () => {
    const exp = await exportOf(s);
    expect(exp.heads.some((h) => h.size <= s.handOverAt)).toBe(true);
    expect(exp.heads.some((h) => h.size > s.handOverAt)).toBe(true);
    expect((await verifyExport(exp, { trustedKeyPem: s.old.pem })).filter((c) => !c.ok)).toEqual([]);
    // unpinned, the export's (new) key leads back to the old one's heads through the same chain
    expect((await verifyExport(exp, {})).filter((c) => !c.ok)).toEqual([]);
  });

  it.each(FORGERIES)("refuses the heads after a forged hand-over %s", async (which) => {
    const f = forgeries(s);
    const exp = forgedExport(s, await exportOf(s), f[which], f.rogue);
    const bad = (await verifyExport(exp, { trustedKeyPem: s.old.pem })).filter((c) => !c.ok);
    const after = exp.heads.filter((h) => h.size > s.handOverAt).map((h) => h.size);
    expect(after.length).toBeGreaterThan(0);
    expect(bad.map((c) => c.detail)).toEqual(after.map((n) => `the tree head of size ${n} ${REFUSED}`));
  });
});

describe("jury verify across a log key hand-over", () => {
  /** A server whose jury draw is bound to `head`: the real log's key, hand-overs and heads otherwise. */
  const serverWith = (head: SignedTreeHead, handOvers?: string[]) => {
    const seed = jurySeed({ claimId: 7, logSize: head.size, logRootHex: head.rootHash });
    const names = ["p-a", "p-b", "p-c"];
    const jury = {
      claimId: 7,
      seed,
      seedInputs: { claimId: 7, logSize: head.size, logRootHex: head.rootHash },
      candidates: { count: 3, digest: candidatesDigest(names) },
      jurySize: 2,
      jurors: drawJurors(seed, 3, 2).map((i) => names[i]!),
    };
    return async (path: string): Promise<unknown> => {
      if (path === "/claims/7/jury") return jury;
      if (path === "/claims/7/jury/candidates") return `${names.join("\n")}\n`;
      if (path.startsWith("/log/heads/")) return head;
      const r = await s.t.app.inject({ method: "GET", url: path });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
      const body = String(r.headers["content-type"]).includes("json") ? r.json() : r.body;
      return path === "/log/witnesses" && handOvers ? { ...(body as object), handOvers } : body;
    };
  };
  const headOfSize = async (size: number) =>
    (await s.t.app.inject({ method: "GET", url: `/log/heads/${size}` })).json() as SignedTreeHead;

  it("passes with the old key pinned, for a draw bound to a head of either key", async () => {
    const sizes = (await exportOf(s)).heads.map((h) => h.size);
    // the head that includes the announcement (the old key's last) and the newest (the new key's)
    const announced = Math.min(...sizes.filter((n) => n > s.handOverAt));
    expect(announced).toBeLessThan(Math.max(...sizes));
    for (const size of [announced, Math.max(...sizes)]) {
      const checks = await verifyJuryDraw(serverWith(await headOfSize(size)), 7, {
        trustedKeyPem: s.old.pem,
      });
      expect(checks.filter((c) => !c.ok)).toEqual([]);
    }
  });

  it.each(FORGERIES)("refuses a head signed by the rogue key of a forged hand-over %s", async (which) => {
    const f = forgeries(s);
    const honest = await headOfSize(Math.max(...(await exportOf(s)).heads.map((h) => h.size)));
    const head = signTreeHead(
      { size: honest.size, rootHash: honest.rootHash, timestampMs: honest.timestampMs },
      f.rogue.privateKey,
    );
    const checks = await verifyJuryDraw(serverWith(head, [f[which]]), 7, { trustedKeyPem: s.old.pem });
    expect(checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
      `the tree head of size ${head.size} ${REFUSED}`,
    ]);
  });
});
