import { sha256 } from "@noble/hashes/sha2.js";
import { type CheckpointFailure, checkCheckpoint, type VerifyEd25519 } from "../../src/domain/checkpoint.ts";
import { parseVkey, type Vkey } from "../../src/domain/note.ts";
import { fromHex, proofChecks, toHex } from "../../src/domain/proof-check.ts";
import type { Head } from "./verify.ts";

/** Ed25519 from WebCrypto (Chromium, Firefox and Safari have it): the check `huzhu verify` runs with node:crypto. */
export const webVerifyEd25519: VerifyEd25519 = async (signature, message, publicKey) => {
  try {
    const key = await crypto.subtle.importKey("raw", new Uint8Array(publicKey), { name: "Ed25519" }, false, [
      "verify",
    ]);
    return await crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      new Uint8Array(signature),
      new Uint8Array(message),
    );
  } catch {
    return false;
  }
};

/** How old a cosignature may be (limits.witness.checkpointMaxAgeSeconds, as `huzhu verify`'s default). */
const MAX_AGE_SECONDS = 3600;
const PINS = "huzhu.pins";

/**
 * The browser's own failures beside the checkpoint's: the keys changed since pinned; the head is not the
 * checkpoint (same size, another root), or no consistency proof shows one extends the other.
 */
export type WitnessedFailure =
  | CheckpointFailure
  | { readonly code: "pins_changed" }
  | { readonly code: "head_differs"; readonly size: number }
  | { readonly code: "head_inconsistent" | "head_unproved"; readonly size: number; readonly head: number };

/**
 * What was proved of the head just checked against the checkpoint: the same tree, the head extends it
 * (the usual case: the log grew since the witnesses cosigned), or it extends the head (cosigned since).
 */
export type HeadRelation = { readonly kind: "same" | "extends" | "extended"; readonly head: number };

export type Witnessed =
  | { readonly state: "unwitnessed" | "no_checkpoint" }
  | {
      readonly state: "checked";
      readonly size: number;
      readonly logName: string;
      readonly witnesses: string[];
      readonly cosignedBy: string[];
      readonly quorum: number;
      readonly failures: WitnessedFailure[];
      readonly head: HeadRelation | null;
    };

type Named = { logKey: string; witnesses: { name: string; vkey: string }[] };

/**
 * The keys this browser trusts: the log's and the witnesses' as first seen (trust on first use, kept in
 * localStorage), so a server that later names other keys — a fork, or a witness swapped — is caught
 * here rather than believed. The charter publishes them for comparing by hand.
 */
function pinned(named: Named): { pins: Named; changed: boolean } {
  const seen = localStorage.getItem(PINS);
  const now = {
    logKey: named.logKey,
    witnesses: named.witnesses.map((w) => ({ name: w.name, vkey: w.vkey })),
  };
  if (!seen) {
    localStorage.setItem(PINS, JSON.stringify(now));
    return { pins: now, changed: false };
  }
  const pins = JSON.parse(seen) as Named;
  return { pins, changed: JSON.stringify(pins) !== JSON.stringify(now) };
}

const hash = (b: Uint8Array) => sha256(b);

/**
 * The witnessed checkpoint checked in the browser with the shared `checkCheckpoint`: signed by the
 * pinned log key and cosigned within the hour by every pinned witness; and the head just checked is
 * that tree or consistent with it (headAgainst).
 */
export async function checkWitnessed(head?: Head): Promise<Witnessed> {
  const named = (await (await fetch("/log/witnesses")).json()) as Named;
  if (named.witnesses.length === 0) return { state: "unwitnessed" };
  const r = await fetch("/log/checkpoint");
  if (r.status === 404) return { state: "no_checkpoint" };
  const note = await r.text();
  const { pins, changed } = pinned(named);
  const logKey = parseVkey(hash, pins.logKey);
  const witnesses = pins.witnesses.map((w) => parseVkey(hash, w.vkey)).filter((k): k is Vkey => k !== null);
  const failures: WitnessedFailure[] = changed ? [{ code: "pins_changed" }] : [];
  if (!logKey)
    return {
      state: "checked",
      size: 0,
      logName: "",
      witnesses: [],
      cosignedBy: [],
      quorum: 0,
      failures: [{ code: "log_unsigned" }],
      head: null,
    };
  const v = await checkCheckpoint(webVerifyEd25519, note, {
    logKey,
    witnesses,
    quorum: witnesses.length,
    nowMs: Date.now(),
    maxAgeSeconds: MAX_AGE_SECONDS,
  });
  failures.push(...v.failures);
  const size = v.checkpoint?.size ?? 0;
  const against = v.checkpoint && head ? await headAgainst(v.checkpoint, head) : null;
  if (against && "code" in against) failures.push(against);
  return {
    state: "checked",
    size,
    logName: logKey.name,
    witnesses: witnesses.map((w) => w.name),
    cosignedBy: v.cosignedBy,
    quorum: witnesses.length,
    failures,
    head: against && !("code" in against) ? against : null,
  };
}

const checks = proofChecks(hash);

/**
 * The head against the checkpoint, as `huzhu verify` checks it (src/verify/checkpoint.ts): the same
 * root at the same size, else an RFC 9162 consistency proof from the smaller tree to the larger
 * (`GET /log/proofs/consistency`), verified here with the shared proof-check.ts over both roots.
 */
async function headAgainst(
  cp: { readonly size: number; readonly rootHash: Uint8Array },
  head: Head,
): Promise<HeadRelation | WitnessedFailure> {
  const size = cp.size;
  if (head.size === size)
    return toHex(cp.rootHash) === head.rootHash
      ? { kind: "same", head: size }
      : { code: "head_differs", size };
  const headRoot = fromHex(head.rootHash) ?? new Uint8Array();
  const [first, second] = head.size > size ? [size, head.size] : [head.size, size];
  const [firstRoot, secondRoot] = head.size > size ? [cp.rootHash, headRoot] : [headRoot, cp.rootHash];
  const r = await fetch(`/log/proofs/consistency?from=${first}&to=${second}`);
  if (!r.ok) return { code: "head_unproved", size, head: head.size };
  const proof = ((await r.json()) as { proof: string[] }).proof.map((h) => fromHex(h) ?? new Uint8Array());
  if (!checks.verifyConsistency(first, second, firstRoot, secondRoot, proof))
    return { code: "head_inconsistent", size, head: head.size };
  return { kind: head.size > size ? "extends" : "extended", head: head.size };
}
