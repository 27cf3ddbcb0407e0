import { candidatesDigest, checkSorted, drawJurors, jurySeed } from "../domain/jury.ts";
import type { SignedTreeHead } from "../domain/tree-head.ts";
import { acceptedHeadKeys, serverHandOvers } from "./checkpoint.ts";
import { type Check, headCheck } from "./verify.ts";

type Fetch = (path: string) => Promise<unknown>;

type JuryRecord = {
  claimId: number;
  seed: string;
  seedInputs: { claimId: number; logSize: number; logRootHex: string };
  candidates: { count: number; digest: string };
  jurySize: number;
  jurors: string[];
};

/**
 * Recomputes a jury draw from what the server publishes, trusting none of its conclusions: the signed
 * head the seed is bound to, the seed itself, the candidate list against its digest, and the jurors.
 */
export async function verifyJuryDraw(
  get: Fetch,
  claimId: number,
  opts: { trustedKeyPem?: string | undefined; jurySize?: number | undefined } = {},
): Promise<Check[]> {
  const checks: Check[] = [];
  const jury = (await get(`/claims/${claimId}/jury`)) as JuryRecord;
  const pem = opts.trustedKeyPem ?? String(await get("/log/public-key"));
  // a head signed before a log key hand-over is the old key's: followed as `huzhu verify` does (issue 20)
  const keys = await acceptedHeadKeys(pem, await serverHandOvers(get), opts.trustedKeyPem !== undefined);
  const head = (await get(`/log/heads/${jury.seedInputs.logSize}`)) as SignedTreeHead;
  const signed = headCheck(head, keys, opts.trustedKeyPem !== undefined);
  const bound = head.rootHash === jury.seedInputs.logRootHex;
  checks.push({
    what: `the draw is bound to the log head of size ${head.size}, signed by the log key`,
    ok: signed.ok && bound,
    ...(signed.detail
      ? { detail: signed.detail }
      : bound
        ? {}
        : { detail: `the draw names another root than the signed head of size ${head.size}` }),
  });
  const seed = jurySeed({ claimId, logSize: head.size, logRootHex: head.rootHash });
  checks.push({ what: "the seed is SHA-256 of that head and the claim id", ok: seed === jury.seed });
  const text = String(await get(`/claims/${claimId}/jury/candidates`));
  const names = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  checks.push({
    what: `the candidate list (${names.length} pseudonyms, sorted, no repeats) matches its published digest`,
    ok:
      names.length === jury.candidates.count &&
      checkSorted(names) &&
      candidatesDigest(names) === jury.candidates.digest,
  });
  const size = opts.jurySize ?? jury.jurySize;
  const recomputed = drawJurors(seed, names.length, size).map((i) => names[i]!);
  const same = recomputed.length === jury.jurors.length && recomputed.every((p, i) => p === jury.jurors[i]);
  checks.push({
    what: `the ${recomputed.length} jurors recomputed from the seed are the published jurors, in order`,
    ok: same,
    ...(same ? {} : { detail: "the published jurors differ from the draw" }),
  });
  return checks;
}
