import { createPublicKey, type KeyObject } from "node:crypto";
import { handOversInEntries } from "../checkpoint.ts";
import { leafHash, MemoryTree } from "../merkle.ts";
import { verifyTreeHead } from "../tree-head.ts";
import type { PublicExport } from "./export.ts";

function publicKeyOf(pem: string, what: string, problems: string[]): KeyObject | undefined {
  try {
    return createPublicKey(pem);
  } catch {
    problems.push(`${what} is not a public key`);
    return undefined;
  }
}

/** Two public keys are one: the same SPKI bytes. */
const same = (a: KeyObject, b: KeyObject) =>
  a.export({ type: "spki", format: "der" }).equals(b.export({ type: "spki", format: "der" }));

/**
 * The log itself: contiguous indexes, every head signed by the key (the pinned one when given, else the
 * one the export names, or a key it handed over to: `headKeys`, all of them, from
 * src/verify/checkpoint.ts) and its root
 * rebuilt from the entries, heads in order of size and time, and no two heads of one size with different
 * roots (a split view).
 */
export function checkLog(
  exp: PublicExport,
  trustedKeyPem: string | undefined,
  problems: string[],
  headKeys: readonly KeyObject[] = [],
): void {
  const key = publicKeyOf(
    trustedKeyPem ?? exp.publicKey,
    trustedKeyPem ? "the pinned key" : "the export's key",
    problems,
  );
  const keys = !key ? [] : headKeys.length ? headKeys : [key];
  // with a hand-over recorded, the refusals say the key was followed through them
  const handedOver = handOversInEntries(exp.entries.map((e) => e.entry)).length > 0;
  const named = handedOver ? publicKeyOf(exp.publicKey, "the export's key", problems) : undefined;
  if (handedOver && trustedKeyPem && named && !keys.some((k) => same(k, named)))
    problems.push("the export names a log key that is neither the pinned one nor one it handed over to");
  else if (!handedOver && trustedKeyPem && exp.publicKey.trim() !== trustedKeyPem.trim())
    problems.push("the export names another log key than the pinned one");
  const tree = new MemoryTree();
  const sorted = [...exp.entries].sort((a, b) => a.index - b.index);
  for (const e of sorted) {
    if (e.index !== tree.size) {
      problems.push(`log entry ${tree.size} is missing (the next exported index is ${e.index})`);
      break;
    }
    tree.append(leafHash(Buffer.from(e.entry)));
  }
  const bySize = new Map<number, string>();
  let last: { size: number; timestampMs: number } | undefined;
  for (const h of [...exp.heads].sort((a, b) => a.size - b.size || a.timestampMs - b.timestampMs)) {
    if (keys.length && !keys.some((k) => verifyTreeHead(h, k)))
      problems.push(
        handedOver
          ? `tree head of size ${h.size}: not signed by the ${trustedKeyPem ? "pinned" : "export's"} log key nor a key it handed over to`
          : `tree head of size ${h.size}: the signature does not verify`,
      );
    if (h.size > tree.size) problems.push(`tree head of size ${h.size} is beyond the ${tree.size} entries`);
    else if (tree.root(h.size).toString("hex") !== h.rootHash)
      problems.push(`tree head of size ${h.size}: the entries give another root`);
    const seen = bySize.get(h.size);
    if (seen !== undefined && seen !== h.rootHash)
      problems.push(`two signed heads of size ${h.size} have different roots: a split view`);
    bySize.set(h.size, h.rootHash);
    if (last && h.size > last.size && h.timestampMs < last.timestampMs)
      problems.push(`tree head of size ${h.size} is dated before the smaller head of size ${last.size}`);
    last = h;
  }
  if (exp.heads.length === 0 && exp.entries.length > 0)
    problems.push("the export has entries but no signed head");
}
