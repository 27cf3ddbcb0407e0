import type { Sha256 } from "./proof-check.ts";

/*
 * C2SP signed notes (c2sp.org/signed-note@v1.0.0): a text ending in a newline, a blank line, then one
 * signature line per key, `— <name> base64(key ID ‖ signature)`. A key is named by a verifier key
 * (vkey), `<name>+hex(key ID)+base64(type ‖ public key)`, key ID = SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4].
 * Pure and over plain bytes, SHA-256 passed in, so that `huzhu verify`, the witness and the member app
 * run the same code.
 */

/** Signature types (signed-note §Signature types). */
export const NOTE_ED25519 = 0x01;
export const COSIGNATURE_ED25519 = 0x04;

export type Vkey = {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly type: number;
  readonly publicKey: Uint8Array;
};
export type NoteSignature = {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
};
export type Note = { readonly text: string; readonly signatures: readonly NoteSignature[] };

const utf8 = new TextEncoder();
const DASH = "\u2014 ";
/** At least 16 must be accepted (signed-note §Format); more is refused as malformed. */
export const NOTE_SIGNATURES_MAX = 100;

export const toBase64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));

/** Standard base64 (RFC 4648 §4) to bytes; null for anything else. */
export function fromBase64(s: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  // a plain loop: Uint8Array.from with a callback per character was 18% of a witness's cosigning
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const concatBytes = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export const bytesEqual = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** A key name: non-empty, no Unicode space, no plus. */
export const validKeyName = (name: string) => name.length > 0 && !/[\s+\u2014]/u.test(name);

export const keyIdOf = (sha256: Sha256, name: string, type: number, publicKey: Uint8Array): Uint8Array =>
  sha256(concatBytes(utf8.encode(name), Uint8Array.of(0x0a, type), publicKey)).slice(0, 4);

export function formatVkey(sha256: Sha256, name: string, type: number, publicKey: Uint8Array): string {
  return `${name}+${hex(keyIdOf(sha256, name, type, publicKey))}+${toBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** A vkey; null when malformed or when its key ID is not the one its name, type and key give. */
export function parseVkey(sha256: Sha256, text: string): Vkey | null {
  const parts = text.trim().split("+");
  // The base64 part may itself contain "+": the name and ID are the first two parts.
  if (parts.length < 3) return null;
  const [name, id] = parts as [string, string];
  const raw = fromBase64(parts.slice(2).join("+"));
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || !raw || raw.length !== 33) return null;
  const type = raw[0]!;
  const publicKey = raw.slice(1);
  const keyId = keyIdOf(sha256, name, type, publicKey);
  return hex(keyId) === id ? { name, keyId, type, publicKey } : null;
}

export const signatureLine = (name: string, keyId: Uint8Array, signature: Uint8Array) =>
  `${DASH}${name} ${toBase64(concatBytes(keyId, signature))}\n`;

/** One signature line (with its final newline removed); null when malformed. */
export function parseSignatureLine(line: string): NoteSignature | null {
  if (!line.startsWith(DASH)) return null;
  const [name, b64, ...rest] = line.slice(DASH.length).split(" ");
  if (rest.length > 0 || !name || !validKeyName(name) || !b64) return null;
  const raw = fromBase64(b64);
  if (!raw || raw.length < 5) return null;
  return { name, keyId: raw.slice(0, 4), signature: raw.slice(4) };
}

/** Signature lines (each ending in a newline): the witness's answer, or a note's tail. */
export function parseSignatureLines(text: string): NoteSignature[] | null {
  if (!text.endsWith("\n")) return null;
  const lines = text.slice(0, -1).split("\n");
  if (lines.length > NOTE_SIGNATURES_MAX) return null;
  const out: NoteSignature[] = [];
  for (const l of lines) {
    const s = parseSignatureLine(l);
    if (!s) return null;
    out.push(s);
  }
  return out;
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

/** A signed note split into its text and signatures; null when malformed (signed-note §Format). */
export function parseNote(note: string): Note | null {
  // No ASCII control character other than the newline.
  if (hasControlCharacter(note) || !note.endsWith("\n")) return null;
  const split = note.lastIndexOf("\n\n");
  if (split < 0) return null;
  const text = note.slice(0, split + 1);
  const signatures = parseSignatureLines(note.slice(split + 2));
  return signatures && signatures.length > 0 ? { text, signatures } : null;
}

export const formatNote = (n: Note): string =>
  `${n.text}\n${n.signatures.map((s) => signatureLine(s.name, s.keyId, s.signature)).join("")}`;

/** The signatures of a note made by a key (same name and key ID); others are to be ignored. */
export const signaturesBy = (n: Note, key: Vkey): NoteSignature[] =>
  n.signatures.filter((s) => s.name === key.name && bytesEqual(s.keyId, key.keyId));

export const noteBytes = (text: string) => utf8.encode(text);
