import {
  COSIGNATURE_ED25519,
  concatBytes,
  fromBase64,
  NOTE_ED25519,
  type Note,
  type NoteSignature,
  noteBytes,
  parseNote,
  parseVkey,
  signaturesBy,
  toBase64,
  type Vkey,
} from "./note.ts";

/*
 * C2SP checkpoints (c2sp.org/tlog-checkpoint): the note text `<origin>\n<size>\n<base64 root>\n`, then
 * optional extension lines; signed by the log (signed-note, type 0x01) and cosigned by witnesses
 * (c2sp.org/tlog-cosignature, cosignature/v1, type 0x04: u64 timestamp ‖ Ed25519 signature over
 * `cosignature/v1\ntime <t>\n` ‖ the checkpoint text).
 */

export type Checkpoint = {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
};

/** Ed25519 verification, injected: node:crypto in the CLI and the witness, WebCrypto in the browser. */
export type VerifyEd25519 = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean | Promise<boolean>;

export const checkpointText = (c: { origin: string; size: number; rootHash: Uint8Array }) =>
  `${c.origin}\n${c.size}\n${toBase64(c.rootHash)}\n`;

/** A checkpoint's text; null when it is not one (origin, decimal size without leading zeros, 32-byte root). */
export function parseCheckpointText(text: string): Checkpoint | null {
  if (!text.endsWith("\n")) return null;
  const [origin, size, root, ...extensions] = text.slice(0, -1).split("\n");
  if (!origin || !size || !root || !/^(?:0|[1-9][0-9]{0,15})$/.test(size)) return null;
  const rootHash = fromBase64(root);
  const n = Number(size);
  if (!rootHash || rootHash.length !== 32 || !Number.isSafeInteger(n)) return null;
  if (extensions.some((e) => e.length === 0)) return null;
  return { origin, size: n, rootHash, extensions };
}

export const cosignatureMessage = (text: string, timestampSeconds: number) =>
  noteBytes(`cosignature/v1\ntime ${timestampSeconds}\n${text}`);

/** u64 big-endian without BigInt (timestamps are far below 2^53). */
export function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(n / 4_294_967_296));
  view.setUint32(4, n % 4_294_967_296);
  return out;
}
const readU64 = (b: Uint8Array) => {
  const view = new DataView(b.buffer, b.byteOffset, 8);
  return view.getUint32(0) * 4_294_967_296 + view.getUint32(4);
};

/** The signature bytes of a cosignature: the timestamp, then the Ed25519 signature. */
export const cosignatureBytes = (timestampSeconds: number, signature: Uint8Array) =>
  concatBytes(u64(timestampSeconds), signature);

/** Does a note signature verify as the log's signature (type 0x01) over the text? */
export async function logSignatureValid(
  verify: VerifyEd25519,
  text: string,
  sig: NoteSignature,
  key: Vkey,
): Promise<boolean> {
  return key.type === NOTE_ED25519 && sig.signature.length === 64
    ? await verify(sig.signature, noteBytes(text), key.publicKey)
    : false;
}

/** The timestamp (seconds) of a valid cosignature; null when it does not verify. */
export async function cosignatureTime(
  verify: VerifyEd25519,
  text: string,
  sig: NoteSignature,
  key: Vkey,
): Promise<number | null> {
  if (key.type !== COSIGNATURE_ED25519 || sig.signature.length !== 72) return null;
  const t = readU64(sig.signature.slice(0, 8));
  if (t === 0 || !Number.isSafeInteger(t)) return null;
  return (await verify(sig.signature.slice(8), cosignatureMessage(text, t), key.publicKey)) ? t : null;
}

/*
 * A log key hand-over (issue 20): a signed note whose text is
 * `huzhu log key hand-over\n<origin>\nfrom <old vkey>\nto <new vkey>\n`, signed by the old key (it
 * vouches for the new one) and by the new (it is held). The log records it as a `log_key` entry, in a
 * checkpoint the old key signs; from then on the new key signs. A verifier that pinned the old key
 * accepts the new one through the hand-over, and nothing else.
 */
export const HANDOVER_TITLE = "huzhu log key hand-over";
export const handOverText = (origin: string, fromVkey: string, toVkey: string) =>
  `${HANDOVER_TITLE}\n${origin}\nfrom ${fromVkey}\nto ${toVkey}\n`;

type Sha256 = (data: Uint8Array) => Uint8Array;

/** The hand-over notes a log's `log_key` entries carry, in log order (the database's, an export's). */
export function handOversInEntries(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of entries) {
    if (!text.includes('"log_key"')) continue;
    let e: { kind?: unknown; handOver?: unknown };
    try {
      e = JSON.parse(text);
    } catch {
      continue; // not a fact: the audit reports it where it checks entries
    }
    if (e.kind === "log_key" && typeof e.handOver === "string") out.push(e.handOver);
  }
  return out;
}

/** A hand-over's keys when it is one, well signed by both; null otherwise. */
async function handOverOf(verify: VerifyEd25519, sha: Sha256, noteText: string) {
  const note = parseNote(noteText);
  const lines = note?.text.split("\n") ?? [];
  if (!note || lines.length !== 5 || lines[0] !== HANDOVER_TITLE || lines[4] !== "") return null;
  const from = lines[2]!.startsWith("from ") ? parseVkey(sha, lines[2]!.slice(5)) : null;
  const to = lines[3]!.startsWith("to ") ? parseVkey(sha, lines[3]!.slice(3)) : null;
  if (!from || !to || from.name !== lines[1] || to.name !== lines[1]) return null;
  for (const k of [from, to]) {
    const sig = signaturesBy(note, k)[0];
    if (!sig || !(await logSignatureValid(verify, note.text, sig, k))) return null;
  }
  return { from, to };
}

const sameKey = (a: Vkey, b: Vkey) => a.name === b.name && toBase64(a.publicKey) === toBase64(b.publicKey);

/**
 * The log keys a verifier who pinned `pinned` accepts: it, and each key a hand-over from an accepted key
 * names (in the order given). A hand-over from a key not accepted, or badly signed, adds nothing.
 */
export async function logKeyChain(
  verify: VerifyEd25519,
  sha: Sha256,
  pinned: Vkey,
  handOvers: readonly string[],
): Promise<Vkey[]> {
  const keys = [pinned];
  for (const h of handOvers) {
    const ho = await handOverOf(verify, sha, h);
    if (ho && keys.some((k) => sameKey(k, ho.from)) && !keys.some((k) => sameKey(k, ho.to))) keys.push(ho.to);
  }
  return keys;
}

export type CheckpointPolicy = {
  /** The log's key, pinned by the verifier (not fetched from the log). */
  readonly logKey: Vkey;
  /** The keys the pinned one handed over to (logKeyChain), each also accepted; none when absent. */
  readonly handedOverTo?: readonly Vkey[];
  readonly witnesses: readonly Vkey[];
  readonly quorum: number;
  readonly nowMs: number;
  readonly maxAgeSeconds: number;
};
/** What is wrong as a code and its values, for a reader in another language (the app translates it). */
export type CheckpointFailure =
  | {
      readonly code: "not_a_note" | "log_unsigned" | "log_unsigned_handed_over" | "log_signature_bad";
    }
  | { readonly code: "wrong_origin"; readonly origin: string; readonly pinned: string }
  | { readonly code: "witness_bad" | "witness_future"; readonly witness: string }
  | {
      readonly code: "witness_stale";
      readonly witness: string;
      readonly minutes: number;
      readonly maxMinutes: number;
    }
  | { readonly code: "no_quorum"; readonly fresh: number; readonly quorum: number; readonly pinned: number };
export type CheckpointVerdict = {
  readonly checkpoint: Checkpoint | null;
  /** What is wrong, each in a sentence; empty when the checkpoint passes. */
  readonly problems: string[];
  /** The same, one code each, in the same order. */
  readonly failures: CheckpointFailure[];
  /** The witnesses whose valid cosignature is recent enough. */
  readonly cosignedBy: string[];
};

const agoMinutes = (nowMs: number, t: number) => Math.round((nowMs / 1000 - t) / 60);

/** Each pinned witness's say on the checkpoint: fresh, stale, bad or absent. */
async function witnessesSay(verify: VerifyEd25519, note: Note, p: CheckpointPolicy) {
  const fresh: string[] = [];
  const failures: CheckpointFailure[] = [];
  const stale: CheckpointFailure[] = [];
  for (const w of p.witnesses) {
    const sigs = signaturesBy(note, w);
    if (sigs.length === 0) continue;
    const t = await cosignatureTime(verify, note.text, sigs[0]!, w);
    if (t === null) failures.push({ code: "witness_bad", witness: w.name });
    else if (t * 1000 > p.nowMs + 60_000) failures.push({ code: "witness_future", witness: w.name });
    else if (p.nowMs / 1000 - t > p.maxAgeSeconds)
      stale.push({
        code: "witness_stale",
        witness: w.name,
        minutes: agoMinutes(p.nowMs, t),
        maxMinutes: p.maxAgeSeconds / 60,
      });
    else fresh.push(w.name);
  }
  return { fresh, failures, stale };
}

/** A failure in the sentence `huzhu verify` prints. */
export function failureSentence(f: CheckpointFailure): string {
  switch (f.code) {
    case "not_a_note":
      return "the checkpoint is not a signed note";
    case "wrong_origin":
      return `the checkpoint is of log "${f.origin}", not of the pinned "${f.pinned}"`;
    case "log_unsigned":
      return "the checkpoint is not signed by the pinned log key";
    case "log_unsigned_handed_over":
      return "the checkpoint is not signed by the pinned log key nor a key it handed over to";
    case "log_signature_bad":
      return "the log's signature on the checkpoint does not verify";
    case "witness_bad":
      return `witness ${f.witness}'s cosignature does not verify on this checkpoint`;
    case "witness_future":
      return `witness ${f.witness}'s cosignature is dated in the future`;
    case "witness_stale":
      return `witness ${f.witness} cosigned ${f.minutes} minutes ago, older than the bound of ${f.maxMinutes} minutes`;
    case "no_quorum":
      return `no quorum: ${f.fresh} of the ${f.quorum} required witness cosignatures (of ${f.pinned} pinned)`;
  }
}

/**
 * What a member or the public checks on a checkpoint before trusting any proof against it: the log's
 * signature with the pinned key, and a quorum of recent cosignatures by pinned witnesses — so that a
 * log showing different histories to different people (a split view) needs the witnesses to collude.
 */
export async function checkCheckpoint(
  verify: VerifyEd25519,
  noteText: string,
  p: CheckpointPolicy,
): Promise<CheckpointVerdict> {
  const note = parseNote(noteText);
  const checkpoint = note ? parseCheckpointText(note.text) : null;
  if (!note || !checkpoint) return verdict(null, [{ code: "not_a_note" }], []);
  const failures: CheckpointFailure[] = [];
  if (checkpoint.origin !== p.logKey.name)
    failures.push({ code: "wrong_origin", origin: checkpoint.origin, pinned: p.logKey.name });
  // the pinned key, or a key it handed over to (announced in the log, signed by both)
  const keys = [p.logKey, ...(p.handedOverTo ?? [])];
  const signed = keys.flatMap((k) =>
    signaturesBy(note, k)
      .slice(0, 1)
      .map((s) => ({ k, s })),
  );
  if (signed.length === 0)
    failures.push({ code: p.handedOverTo?.length ? "log_unsigned_handed_over" : "log_unsigned" });
  else if (!(await logSignatureValid(verify, note.text, signed.at(-1)!.s, signed.at(-1)!.k)))
    failures.push({ code: "log_signature_bad" });
  const say = await witnessesSay(verify, note, p);
  failures.push(...say.failures);
  if (say.fresh.length < p.quorum) {
    failures.push(...say.stale);
    failures.push({
      code: "no_quorum",
      fresh: say.fresh.length,
      quorum: p.quorum,
      pinned: p.witnesses.length,
    });
  }
  return verdict(checkpoint, failures, say.fresh);
}

const verdict = (checkpoint: Checkpoint | null, failures: CheckpointFailure[], cosignedBy: string[]) => ({
  checkpoint,
  // the quorum's sentence names the checkpoint's size, as `huzhu verify` has always printed it
  problems: failures.map((f) =>
    f.code === "no_quorum" && checkpoint
      ? `${failureSentence(f)} on the checkpoint of size ${checkpoint.size}`
      : failureSentence(f),
  ),
  failures,
  cosignedBy,
});

/** A checkpoint may only rely on a quorum the pinned witnesses can reach. */
export const quorumReachable = (quorum: number, witnesses: number) =>
  Number.isInteger(quorum) && quorum >= 0 && quorum <= witnesses;
