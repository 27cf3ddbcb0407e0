import { sha256 } from "@noble/hashes/sha2.js";
import { type CheckpointFailure, checkCheckpoint, type VerifyEd25519 } from "../../src/domain/checkpoint.ts";
import { parseVkey, type Vkey } from "../../src/domain/note.ts";
import { toHex } from "../../src/domain/proof-check.ts";
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

/** The browser's own failures beside the checkpoint's: the keys changed since pinned, the head is not it. */
export type WitnessedFailure =
  | CheckpointFailure
  | { readonly code: "pins_changed" }
  | { readonly code: "head_differs"; readonly size: number };

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
 * pinned log key and cosigned within the hour by every pinned witness; and, when the head just checked
 * has the checkpoint's size, the same root.
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
  if (v.checkpoint && head && head.size === size && toHex(v.checkpoint.rootHash) !== head.rootHash)
    failures.push({ code: "head_differs", size });
  return {
    state: "checked",
    size,
    logName: logKey.name,
    witnesses: witnesses.map((w) => w.name),
    cosignedBy: v.cosignedBy,
    quorum: witnesses.length,
    failures,
  };
}
