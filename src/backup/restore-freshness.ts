import { createPrivateKey } from "node:crypto";
import {
  type Checkpoint,
  cosignatureTime,
  logSignatureValid,
  parseCheckpointText,
} from "../domain/checkpoint.ts";
import { type Note, parseNote, parseVkey, signaturesBy, type Vkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";
import { headAt } from "../log/heads.ts";
import { logRepository } from "../log/log.repository.ts";
import type { WitnessEndpoint } from "../log/witnessing.ts";
import { keysFromPrivate, nodeVerifyEd25519 } from "../log-keys.ts";
import type { Tx } from "../store/db.ts";
import { backupRepository } from "./backup.repository.ts";

/** A witness's latest cosigned checkpoint of a log (tlog-witness monitoring: `GET <url>/<hex SHA-256 of origin>/checkpoint`). */
export type FetchText = (url: string) => Promise<{ status: number; body: string }>;

export const httpGetText: FetchText = async (url) => {
  const r = await fetch(url, { signal: AbortSignal.timeout(limits.witness.requestTimeoutMs) });
  return { status: r.status, body: await r.text() };
};

type Head = { readonly size: number; readonly rootHash: string } | null;
const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const describe = (h: Head) => (h ? `size ${h.size}, root ${h.rootHash}` : "no signed head at all");

/** The checkpoint a witness holds, checked: signed by the backup's log key and cosigned by the witness. */
async function witnessed(
  e: WitnessEndpoint,
  origin: string,
  logKey: Vkey | undefined,
  get: FetchText,
): Promise<{ checkpoint: Checkpoint; witness: string } | { none: string } | { problem: string }> {
  const w = parseVkey(hash, e.vkey);
  if (!w) return { problem: `${e.vkey} is not a witness verifier key` };
  const url = `${e.url}/${sha256(origin).toString("hex")}/checkpoint`;
  const r = await get(url).catch((err: Error) => ({ status: 0, body: err.message }));
  if (r.status === 404) return { none: w.name };
  if (r.status !== 200)
    return {
      problem: `witness ${w.name} (${e.url}) did not answer (${r.status || r.body}): what it cosigned is unknown, so the backup cannot be shown to be at least as new; try again, or leave it out only if it never cosigned this log`,
    };
  const note: Note | null = parseNote(r.body);
  const cp = note ? parseCheckpointText(note.text) : null;
  if (!note || !cp || cp.origin !== origin)
    return { problem: `witness ${w.name} answered something that is not a checkpoint of ${origin}` };
  const logSig = logKey ? signaturesBy(note, logKey)[0] : undefined;
  const cosig = signaturesBy(note, w)[0];
  const logOk =
    !logKey || (logSig ? await logSignatureValid(nodeVerifyEd25519, note.text, logSig, logKey) : false);
  const cosigned = cosig ? (await cosignatureTime(nodeVerifyEd25519, note.text, cosig, w)) !== null : false;
  if (!logOk || !cosigned)
    return {
      problem: `witness ${w.name}'s checkpoint is not ${logOk ? "cosigned by it" : "signed by the backup's log key"}`,
    };
  return { checkpoint: cp, witness: w.name };
}

/** Does the backup's log reach the witnessed checkpoint, with the same root at its size? */
async function againstCheckpoint(
  tx: Tx,
  head: Head,
  witness: string,
  cp: Checkpoint,
): Promise<string | undefined> {
  const held = `witness ${witness} holds the log's checkpoint of size ${cp.size}, root ${hex(cp.rootHash)}`;
  if (!head || head.size < cp.size)
    return `the backup is older than what the log published: ${held}; the backup's log has ${describe(head)}. Restoring it would serve a log the witnesses know was longer (restore a newer backup); nothing was restored`;
  const mine = await headAt(tx, cp.size);
  if (!mine || mine.rootHash !== hex(cp.rootHash))
    return `the backup's log is not the one the witnesses cosigned: ${held}; the backup's head of that size has ${mine ? `root ${mine.rootHash}` : "no head"}; nothing was restored`;
  return undefined;
}

/**
 * A restore never serves a log older than what it published: the restored log's entries reach its own
 * newest head and cosignatures (the checkpoints table, migration 150), and every witness configured or
 * given — the memory outside this database — holds no checkpoint beyond it, nor another root at a
 * size it has. Returns the first reason to refuse, or undefined; and what the witnesses hold, for the report.
 */
export async function freshnessRefusal(
  tx: Tx,
  o: {
    head: Head;
    origin: string;
    logKeyPem: Buffer | undefined;
    witnesses: readonly WitnessEndpoint[];
    get?: FetchText;
  },
): Promise<{ refusal?: string; witnessed: string[] }> {
  const entries = await backupRepository.logEntryCount(tx);
  const cosigned = (await logRepository.latestCosignedSize(tx)) ?? 0;
  if (o.head && (entries < o.head.size || cosigned > o.head.size))
    return {
      refusal: `the backup's log is incomplete: ${entries} entries, newest head of size ${o.head.size}, a cosigned checkpoint of size ${cosigned}`,
      witnessed: [],
    };
  const logKey = o.logKeyPem
    ? (parseVkey(hash, keysFromPrivate(createPrivateKey(o.logKeyPem), o.origin).vkey) ?? undefined)
    : undefined;
  const said: string[] = [];
  for (const e of o.witnesses) {
    const w = await witnessed(e, o.origin, logKey, o.get ?? httpGetText);
    if ("problem" in w) return { refusal: w.problem, witnessed: said };
    if ("none" in w) {
      said.push(`${w.none}: nothing cosigned`);
      continue;
    }
    const refusal = await againstCheckpoint(tx, o.head, w.witness, w.checkpoint);
    if (refusal) return { refusal, witnessed: said };
    said.push(`${w.witness}: size ${w.checkpoint.size}`);
  }
  return { witnessed: said };
}
