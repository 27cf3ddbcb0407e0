import { sha256 } from "@noble/hashes/sha2.js";
import { checkMemberHistory, type HistoryCheck } from "../../src/domain/member-history.ts";
import { fromHex, proofChecks, treeHeadMessage } from "../../src/domain/proof-check.ts";
import { checkMemberShares, type ShareCheck, type ShareItem } from "../../src/domain/share-verify.ts";
import { checkWitnessed, type Witnessed } from "./checkpoint.ts";

/** The same checks as `huzhu verify` (src/domain/share-verify.ts), with SHA-256 from @noble/hashes. */
export const browserChecks = proofChecks((data) => sha256(data));

const getJson = async (path: string) => {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

export type Head = { size: number; rootHash: string; timestampMs: number; signature: string };

/** The head's Ed25519 signature checked with the log's published key (WebCrypto). */
export async function headSigned(head: Head, publicKeyPem: string): Promise<boolean> {
  try {
    const der = Uint8Array.from(atob(publicKeyPem.replace(/-----[^-]+-----|\s/g, "")), (c) =>
      c.charCodeAt(0),
    );
    const key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, false, ["verify"]);
    const signature = Uint8Array.from(atob(head.signature), (c) => c.charCodeAt(0));
    return await crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      signature,
      new Uint8Array(treeHeadMessage(head)),
    );
  } catch {
    return false;
  }
}

export type Verification = {
  headOk: boolean;
  head: Head;
  shares: ShareCheck[];
  history: HistoryCheck[];
  witnessed: Witnessed;
};

/** Checks a member's shares (by pseudonym) against the current signed head, in the browser. */
export async function verifyShares(pseudonym: string, items?: ShareItem[]): Promise<Verification> {
  const [head, pem] = await Promise.all([
    getJson("/log/head") as Promise<Head>,
    fetch("/log/public-key").then((r) => r.text()),
  ]);
  const headOk = await headSigned(head, pem);
  const shares = await checkMemberShares(getJson, browserChecks, pseudonym, head, items);
  const history = await memberHistory(pseudonym, head);
  return { headOk, head, shares, history, witnessed: await checkWitnessed(head) };
}

type ShownEntry = { index: number; kind: string; entry: string; proof: string[] };

/**
 * The member's history walked as a hash chain, as `huzhu verify --member` walks it (domain/member-history.ts),
 * and its latest entry included in the head just checked.
 */
async function memberHistory(pseudonym: string, head: Head): Promise<HistoryCheck[]> {
  const { entries } = (await getJson(`/log/members/${pseudonym}/entries`)) as { entries: ShownEntry[] };
  const latest = entries[entries.length - 1];
  if (!latest) return [];
  const proof = latest.proof.map(fromHex);
  const root = fromHex(head.rootHash);
  const included =
    root !== null &&
    proof.every((x) => x !== null) &&
    browserChecks.verifyInclusion(
      browserChecks.logLeaf(new TextEncoder().encode(latest.entry)),
      latest.index,
      head.size,
      proof as Uint8Array[],
      root,
    );
  return [
    ...checkMemberHistory(browserChecks, pseudonym, entries),
    {
      what: `the member's latest entry ${latest.index} is in the newest head of size ${head.size}`,
      ok: included,
    },
  ];
}
