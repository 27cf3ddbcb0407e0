import { createPublicKey, type KeyObject } from "node:crypto";
import { checkCheckpoint, handOversInEntries, logKeyChain } from "../domain/checkpoint.ts";
import { verifyConsistency } from "../domain/merkle.ts";
import { COSIGNATURE_ED25519, NOTE_ED25519, parseVkey, type Vkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import type { SignedTreeHead } from "../domain/tree-head.ts";
import { limits } from "../limits.ts";
import { nodeVerifyEd25519, publicKeyFromRaw, rawPublicKey } from "../log-keys.ts";
import type { Check } from "./verify.ts";

/** What a verifier pins (out of band: the plan's charter, the operator's documentation). */
export type WitnessPolicy = {
  /** The log's verifier key (C2SP vkey); absent: the one the server names, which a fork would replace. */
  readonly logKey?: string | undefined;
  readonly witnesses: readonly string[];
  /** Cosignatures required; all pinned witnesses unless told. */
  readonly quorum?: number | undefined;
  readonly nowMs: number;
  readonly maxAgeSeconds?: number | undefined;
};

type Fetch = (path: string) => Promise<unknown>;
const hash = (b: Uint8Array) => sha256(Buffer.from(b));

/** The hand-over notes the server publishes beside its key (none from a server before issue 20). */
export async function serverHandOvers(get: Fetch): Promise<string[]> {
  const w = (await get("/log/witnesses").catch(() => ({}))) as { handOvers?: unknown };
  return Array.isArray(w.handOvers) ? w.handOvers.filter((n): n is string => typeof n === "string") : [];
}

const fromKeys = (notes: readonly string[]) =>
  notes.flatMap((n) => {
    const k = parseVkey(hash, /\nfrom (\S+)\n/.exec(n)?.[1] ?? "");
    return k ? [k] : [];
  });

/**
 * The keys whose signed heads a verifier accepts: the trusted one and every key it handed over to,
 * through well-signed hand-overs (domain/checkpoint.ts). With no trusted key (the server's is taken),
 * the chain of hand-overs from the first one, when it leads to the server's key: older heads were the
 * older keys'.
 */
export async function acceptedHeadKeys(
  trustedPem: string,
  notes: readonly string[],
  pinned: boolean,
): Promise<KeyObject[]> {
  const trusted = createPublicKey(trustedPem);
  const raw = Buffer.from(rawPublicKey(trusted)).toString("base64");
  const start = pinned
    ? fromKeys(notes).find((k) => Buffer.from(k.publicKey).toString("base64") === raw)
    : fromKeys(notes)[0];
  if (!start) return [trusted];
  const chain = await logKeyChain(nodeVerifyEd25519, hash, start, notes);
  const reaches = chain.some((k) => Buffer.from(k.publicKey).toString("base64") === raw);
  return pinned || reaches ? [trusted, ...chain.map((k) => publicKeyFromRaw(k.publicKey))] : [trusted];
}

/** What a head signed by none of the accepted keys is told (the checkpoint's words, domain/checkpoint.ts). */
export const notHandedOver = (size: number, pinned: boolean) =>
  `the tree head of size ${size} is not signed by the ${pinned ? "pinned" : "published"} log key nor a key it handed over to`;

/** Two public keys are one: the same SPKI bytes. */
export const sameKeyObject = (a: KeyObject, b: KeyObject) =>
  a.export({ type: "spki", format: "der" }).equals(b.export({ type: "spki", format: "der" }));

/**
 * An export's accepted head keys (`huzhu verify --file`, `huzhu audit --public`): acceptedHeadKeys over
 * the hand-overs its own `log_key` entries carry, from the pinned key or else the one it names.
 */
export async function exportHeadKeys(
  exp: { readonly publicKey: string; readonly entries: readonly { readonly entry: string }[] },
  trustedKeyPem: string | undefined,
): Promise<KeyObject[]> {
  const notes = handOversInEntries(exp.entries.map((e) => e.entry));
  try {
    return await acceptedHeadKeys(trustedKeyPem ?? exp.publicKey, notes, trustedKeyPem !== undefined);
  } catch {
    return []; // not a key: the audit says so
  }
}

/** The pins, parsed; a bad one is a usage error naming it. */
export function parsePins(p: WitnessPolicy, serverKey: string): { logKey: Vkey; witnesses: Vkey[] } | string {
  const logKey = parseVkey(hash, p.logKey ?? serverKey);
  if (!logKey || logKey.type !== NOTE_ED25519)
    return `--log-key: ${p.logKey ?? serverKey} is not a log verifier key`;
  const witnesses: Vkey[] = [];
  for (const w of p.witnesses) {
    const k = parseVkey(hash, w);
    if (!k || k.type !== COSIGNATURE_ED25519)
      return `--witness: ${w} is not a witness verifier key (cosignature/v1)`;
    witnesses.push(k);
  }
  const quorum = p.quorum ?? witnesses.length;
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    return `--quorum: ${quorum} is more than the ${witnesses.length} witnesses pinned`;
  return { logKey, witnesses };
}

/**
 * The witnessed checkpoint: signed by the pinned log key, cosigned by a quorum of the pinned witnesses
 * no longer ago than the bound (on the verifier's clock), and the head whose proofs follow extends it.
 * Without a saved head this is what catches a rewritten log: the witnesses refused to cosign it.
 */
export async function verifyCheckpoint(
  get: Fetch,
  p: WitnessPolicy,
  pins: { logKey: Vkey; witnesses: Vkey[] },
  head: SignedTreeHead,
  handOvers: readonly string[] = [],
): Promise<Check[]> {
  const quorum = p.quorum ?? pins.witnesses.length;
  const maxAgeSeconds = p.maxAgeSeconds ?? limits.witness.checkpointMaxAgeSeconds;
  const note = String(await get("/log/checkpoint"));
  const chain = await logKeyChain(nodeVerifyEd25519, hash, pins.logKey, handOvers);
  const v = await checkCheckpoint(nodeVerifyEd25519, note, {
    ...pins,
    handedOverTo: chain.slice(1),
    quorum,
    nowMs: p.nowMs,
    maxAgeSeconds,
  });
  const size = v.checkpoint?.size ?? 0;
  const checks: Check[] = [
    {
      what: `checkpoint of size ${size} signed by ${pins.logKey.name}${p.logKey ? " (pinned)" : " (the key the server names: not pinned)"}, cosigned by ${quorum} of ${pins.witnesses.length} pinned witnesses within ${maxAgeSeconds / 60} minutes`,
      ok: v.problems.length === 0,
      ...(v.problems.length > 0 ? { detail: v.problems.join("; ") } : {}),
    },
  ];
  if (!v.checkpoint || v.problems.length > 0) return checks;
  const root = Buffer.from(v.checkpoint.rootHash);
  let ok = head.size >= size;
  if (ok && head.size === size) ok = root.toString("hex") === head.rootHash;
  else if (ok) {
    const c = (await get(`/log/proofs/consistency?from=${size}&to=${head.size}`)) as { proof: string[] };
    ok = verifyConsistency(
      size,
      head.size,
      root,
      Buffer.from(head.rootHash, "hex"),
      c.proof.map((x) => Buffer.from(x, "hex")),
    );
  }
  checks.push({
    what: `the head of size ${head.size} extends the witnessed checkpoint of size ${size}`,
    ok,
    ...(ok
      ? {}
      : { detail: `the log's head of size ${head.size} is not an extension of what the witnesses cosigned` }),
  });
  return checks;
}
