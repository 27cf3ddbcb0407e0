import { cosignatureTime, parseCheckpointText } from "../domain/checkpoint.ts";
import {
  COSIGNATURE_ED25519,
  parseNote,
  parseSignatureLines,
  parseVkey,
  signaturesBy,
  toBase64,
  type Vkey,
} from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";
import { nodeVerifyEd25519 } from "../log-keys.ts";
import type { Db } from "../store/db.ts";
import { logRepository } from "./log.repository.ts";
import { storedConsistencyProof } from "./proofs.ts";

/** A witness the log submits to: its verifier key (cosignature/v1) and its submission prefix. */
export type WitnessEndpoint = { readonly vkey: string; readonly url: string };
export type Post = (url: string, body: string) => Promise<{ status: number; body: string }>;

const hash = (b: Uint8Array) => sha256(Buffer.from(b));

export const httpPost: Post = async (url, body) => {
  const r = await fetch(url, {
    method: "POST",
    body,
    signal: AbortSignal.timeout(limits.witness.requestTimeoutMs),
  });
  return { status: r.status, body: await r.text() };
};

/** `HUZHU_WITNESSES`: `<vkey>=<url>` pairs separated by commas; null names the bad one. */
export function parseWitnessList(text: string): WitnessEndpoint[] | { bad: string } {
  const out: WitnessEndpoint[] = [];
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = item.indexOf("=http");
    const key = at > 0 ? parseVkey(hash, item.slice(0, at)) : null;
    if (!key || key.type !== COSIGNATURE_ED25519) return { bad: item };
    out.push({ vkey: item.slice(0, at), url: item.slice(at + 1).replace(/\/+$/, "") });
  }
  return out;
}

const requestBody = (old: number, proof: Buffer[], checkpoint: string) =>
  `old ${old}\n${proof.map((p) => `${toBase64(p)}\n`).join("")}\n${checkpoint}`;

/** One add-checkpoint; a 409 answers with the witness's size, and the request is made once more from it. */
async function submitOne(db: Db, post: Post, w: Vkey, url: string, size: number, checkpoint: string) {
  let old = await logRepository.witnessSize(db, w.name);
  for (let attempt = 0; attempt < 2; attempt++) {
    const proof = old > 0 && old < size ? await storedConsistencyProof(db, old, size) : [];
    const r = await post(`${url}/add-checkpoint`, requestBody(old, proof, checkpoint));
    if (r.status === 200) return r.body;
    const known = /^(0|[1-9][0-9]{0,15})\n$/.exec(r.body);
    if (r.status !== 409 || !known || Number(known[1]) > size || attempt > 0)
      throw new Error(
        `witness ${w.name} refused the checkpoint of size ${size}: ${r.status} ${r.body.trim()}`,
      );
    old = Number(known[1]);
  }
  throw new Error("unreachable");
}

/** Keeps the witness's cosignature if it verifies with the witness's key over the checkpoint. */
async function keep(
  db: Db,
  w: Vkey,
  at: { size: number; checkpoint: string; nowMs: number },
  answer: string,
) {
  const { size, checkpoint } = at;
  const note = parseNote(checkpoint)!;
  const line = (parseSignatureLines(answer) ?? []).find((s) => s.name === w.name);
  const mine = line ? signaturesBy({ text: note.text, signatures: [line] }, w)[0] : undefined;
  const t = mine ? await cosignatureTime(nodeVerifyEd25519, note.text, mine, w) : null;
  if (t === null) throw new Error(`witness ${w.name} answered without a valid cosignature`);
  const signatureLine = answer.split("\n").find((l) => l.startsWith(`\u2014 ${w.name} `))!;
  await logRepository.upsertCosignature(db, {
    size,
    witness: w.name,
    signatureLine: `${signatureLine}\n`,
    timestampSeconds: t,
    receivedAtMs: at.nowMs,
  });
}

/**
 * One witness asked to cosign a checkpoint note of the stored head `size`, its cosignature kept: a log
 * key hand-over's probe that the witness accepts the new key (src/keys/log-key.ts). Throws its refusal.
 */
export async function cosignNote(
  db: Db,
  e: WitnessEndpoint,
  at: { size: number; note: string; nowMs: number },
  post: Post = httpPost,
): Promise<void> {
  const w = parseVkey(hash, e.vkey)!;
  const answer = await submitOne(db, post, w, e.url, at.size, at.note);
  await keep(db, w, { size: at.size, checkpoint: at.note, nowMs: at.nowMs }, answer);
}

/**
 * Submits the newest checkpoint to every configured witness that has not cosigned it recently, and keeps
 * each cosignature. A witness that refuses or does not answer fails the job (pg-boss retries it); the
 * others' cosignatures are kept first. Returns the witnesses that cosigned.
 */
export async function submitToWitnesses(
  db: Db,
  witnesses: readonly WitnessEndpoint[],
  nowMs: number,
  post: Post = httpPost,
): Promise<string[]> {
  const head = await logRepository.latestHead(db);
  if (!head?.checkpoint || witnesses.length === 0) return [];
  const cp = parseCheckpointText(parseNote(head.checkpoint)!.text)!;
  const done: string[] = [];
  const failures: string[] = [];
  // When each witness's cosignature of this size arrived, on the app clock: the witness's own timestamp
  // is on its clock, and comparing the two would resubmit on every run (or never) once they differ.
  const received = new Map(
    (await logRepository.cosignaturesAt(db, cp.size)).map((c) => [c.witness, c.receivedAtMs ?? 0]),
  );
  for (const e of witnesses) {
    const w = parseVkey(hash, e.vkey)!;
    const since = received.get(w.name);
    if (since !== undefined && nowMs - since < limits.witness.refreshAfterSeconds * 1000) continue;
    try {
      const answer = await submitOne(db, post, w, e.url, cp.size, head.checkpoint);
      await keep(db, w, { size: cp.size, checkpoint: head.checkpoint, nowMs }, answer);
      done.push(w.name);
    } catch (err) {
      failures.push((err as Error).message);
    }
  }
  if (failures.length > 0) throw new Error(failures.join("; "));
  return done;
}
