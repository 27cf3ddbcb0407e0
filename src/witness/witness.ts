import {
  cosignatureBytes,
  cosignatureMessage,
  logSignatureValid,
  parseCheckpointText,
} from "../domain/checkpoint.ts";
import { emptyRoot, verifyConsistency } from "../domain/merkle.ts";
import { fromBase64, parseNote, signatureLine, signaturesBy, toBase64, type Vkey } from "../domain/note.ts";
import { limits } from "../limits.ts";
import { nodeVerifyEd25519 } from "../log-keys.ts";

/*
 * A C2SP tlog-witness (c2sp.org/tlog-witness): for each log it knows (by origin and key) it keeps the
 * latest checkpoint it cosigned, and cosigns a new one only with a consistency proof from that one.
 * This file is the decision; witness.server.ts is the HTTP edge and witness-state.ts the state directory.
 */

/** What the witness remembers of a log: the latest checkpoint it cosigned. */
export type LogState = { readonly size: number; readonly rootHash: string; readonly checkpoint: string };
export type WitnessState = { readonly logs: Readonly<Record<string, LogState>> };

export type WitnessIdentity = {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly sign: (message: Uint8Array) => Uint8Array;
};

export type Answer = {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly body: string;
  readonly contentType: string;
  /** The log's new record, to be persisted before answering (200 only). */
  readonly next?: LogState & { readonly origin: string };
};

const text = (status: Answer["status"], body: string): Answer => ({
  status,
  body: `${body}\n`,
  contentType: "text/plain; charset=utf-8",
});

type Request = { old: number; proof: Buffer[]; note: string };

/** The body: `old <n>`, up to 63 base64 proof lines, an empty line, the checkpoint note. */
export function parseAddCheckpoint(body: string): Request | null {
  const m = /^old (0|[1-9][0-9]{0,15})\n/.exec(body);
  if (!m) return null;
  const proof: Buffer[] = [];
  let at = m[0].length;
  for (;;) {
    const nl = body.indexOf("\n", at);
    if (nl < 0) return null;
    const line = body.slice(at, nl);
    at = nl + 1;
    if (line === "") break;
    const h = fromBase64(line);
    if (!h || h.length !== 32 || proof.length === limits.witness.proofLinesMax) return null;
    proof.push(Buffer.from(h));
  }
  return { old: Number(m[1]), proof, note: body.slice(at) };
}

/** The consistency checks of add-checkpoint, once the signature verified: null when they pass. */
function inconsistency(req: Request, size: number, root: Buffer, known: LogState | undefined): Answer | null {
  const knownSize = known?.size ?? 0;
  if (req.old !== knownSize) return { status: 409, body: `${knownSize}\n`, contentType: "text/x.tlog.size" };
  if (size === 0 && !root.equals(emptyRoot()))
    return text(422, "a checkpoint of size 0 must have the empty root");
  if (req.old === 0) return req.proof.length === 0 ? null : text(422, "a proof from size 0 must be empty");
  const knownRoot = Buffer.from(known!.rootHash, "base64");
  if (req.old === size)
    return req.proof.length === 0 && root.equals(knownRoot)
      ? null
      : text(422, `the checkpoint of size ${size} has another root than the one cosigned`);
  return verifyConsistency(req.old, size, knownRoot, root, req.proof)
    ? null
    : text(422, `the consistency proof from size ${req.old} to ${size} does not verify`);
}

/**
 * add-checkpoint (tlog-witness §add-checkpoint): 400 malformed, 404 unknown origin, 403 not signed by the
 * log's known key, 400 old size beyond the checkpoint, 409 (with the known size) when the old size is not
 * the one cosigned last, 422 when the checkpoint is not consistent with it; 200 with a timestamped
 * cosignature otherwise.
 */
export async function addCheckpoint(
  body: string,
  o: { logs: readonly Vkey[]; state: WitnessState; me: WitnessIdentity; nowMs: number },
): Promise<Answer> {
  const req = parseAddCheckpoint(body);
  const note = req ? parseNote(req.note) : null;
  const cp = note ? parseCheckpointText(note.text) : null;
  if (!req || !note || !cp)
    return text(400, "not an add-checkpoint request: old size, proof, empty line, checkpoint");
  // A log may have several keys configured: the old and the new across a key hand-over (issue 20).
  const keys = o.logs.filter((k) => k.name === cp.origin);
  if (keys.length === 0) return text(404, `unknown log origin "${cp.origin}"`);
  const sigs = keys.flatMap((k) => signaturesBy(note, k).map((s) => ({ k, s })));
  const valid = await Promise.all(
    sigs.map(({ k, s }) => logSignatureValid(nodeVerifyEd25519, note.text, s, k)),
  );
  if (sigs.length === 0 || valid.includes(false))
    return text(403, "the checkpoint is not signed by the log's key");
  if (req.old > cp.size) return text(400, `old size ${req.old} is beyond the checkpoint's ${cp.size}`);
  const root = Buffer.from(cp.rootHash);
  const refused = inconsistency(req, cp.size, root, o.state.logs[cp.origin]);
  if (refused) return refused;
  const t = Math.floor(o.nowMs / 1000);
  const message = cosignatureMessage(note.text, t);
  const line = signatureLine(o.me.name, o.me.keyId, cosignatureBytes(t, o.me.sign(message)));
  return {
    status: 200,
    body: line,
    contentType: "text/plain; charset=utf-8",
    next: { origin: cp.origin, size: cp.size, rootHash: toBase64(cp.rootHash), checkpoint: req.note + line },
  };
}
