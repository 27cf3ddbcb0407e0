import { createPublicKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkCheckpoint,
  checkpointText,
  cosignatureBytes,
  cosignatureMessage,
  logSignatureValid,
  parseCheckpointText,
} from "../../src/domain/checkpoint.ts";
import {
  COSIGNATURE_ED25519,
  formatVkey,
  fromBase64,
  keyIdOf,
  NOTE_ED25519,
  parseNote,
  parseVkey,
  signatureLine,
  signaturesBy,
  toBase64,
} from "../../src/domain/note.ts";
import { sha256 } from "../../src/domain/sha256.ts";
import { nodeVerifyEd25519, privateKeyFromSeed, rawPublicKey } from "../../src/log-keys.ts";

/** C2SP signed-note and tlog-checkpoint vectors: test/fixtures/c2sp/notes.json names their sources. */
const V = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/c2sp/notes.json"), "utf8")) as {
  signedNotes: Array<{
    vkey: string;
    note: string;
    checkpoint?: { origin: string; size: number; root: string };
  }>;
  keyPairs: Array<{ vkey: string; skey: string }>;
};
const hash = (b: Uint8Array) => sha256(Buffer.from(b));

describe("signed notes (C2SP vectors)", () => {
  it("the published notes verify with their vkeys, and fail with a bit changed", async () => {
    for (const v of V.signedNotes) {
      const key = parseVkey(hash, v.vkey)!;
      expect(key.type).toBe(NOTE_ED25519);
      const note = parseNote(v.note)!;
      const sigs = signaturesBy(note, key);
      expect(sigs).toHaveLength(1);
      expect(await logSignatureValid(nodeVerifyEd25519, note.text, sigs[0]!, key)).toBe(true);
      // One character of the text changed: the signature no longer verifies.
      const changed = note.text.replace(/.$/m, (c) => (c === "x" ? "y" : "x"));
      expect(await logSignatureValid(nodeVerifyEd25519, changed, sigs[0]!, key)).toBe(false);
    }
  });

  it("the sum.golang.org checkpoint parses to its origin, size and root", () => {
    const v = V.signedNotes.find((n) => n.checkpoint)!;
    const c = parseCheckpointText(parseNote(v.note)!.text)!;
    expect(c.origin).toBe(v.checkpoint!.origin);
    expect(c.size).toBe(v.checkpoint!.size);
    expect(toBase64(c.rootHash)).toBe(v.checkpoint!.root);
    expect(checkpointText(c)).toBe(parseNote(v.note)!.text);
  });

  it("each published private key gives its published vkey (key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4])", () => {
    for (const p of V.keyPairs) {
      const [, , name, , b64] = p.skey.split("+", 5) as string[];
      const rest = p.skey.split("+").slice(4).join("+");
      const seed = fromBase64(rest)!.slice(1);
      expect(b64).toBeDefined();
      const pub = rawPublicKey(createPublicKey(privateKeyFromSeed(seed)));
      expect(formatVkey(hash, name!, NOTE_ED25519, pub)).toBe(p.vkey);
    }
  });

  it("a vkey whose key ID does not match its name and key is refused; so are malformed ones", () => {
    const good = V.signedNotes[0]!.vkey;
    expect(parseVkey(hash, good)).not.toBeNull();
    expect(parseVkey(hash, good.replace("+530d903a+", "+530d903b+"))).toBeNull();
    expect(parseVkey(hash, good.replace("example.com/foo", "example.com/bar"))).toBeNull();
    for (const bad of [
      "",
      "a+b",
      "name+530d903a+!!!!",
      "na me+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
    ])
      expect(parseVkey(hash, bad)).toBeNull();
  });

  it("malformed notes are refused: no blank line, no signature, a control character, no final newline", () => {
    const n = V.signedNotes[0]!.note;
    expect(parseNote(n)).not.toBeNull();
    expect(parseNote(n.replace("\n\n", "\n"))).toBeNull();
    expect(parseNote("text\n\n")).toBeNull();
    expect(parseNote(n.replace("example message", "example\tmessage"))).toBeNull();
    expect(parseNote(n.slice(0, -1))).toBeNull();
    expect(parseNote(n.replace("— example.com/foo", "- example.com/foo"))).toBeNull();
  });

  it("checkpoint texts: a leading zero, a short root, a missing line or an empty extension are not checkpoints", () => {
    const root = toBase64(new Uint8Array(32));
    expect(parseCheckpointText(`o\n12\n${root}\n`)?.size).toBe(12);
    expect(parseCheckpointText(`o\n0\n${root}\n`)?.size).toBe(0);
    expect(parseCheckpointText(`o\n012\n${root}\n`)).toBeNull();
    expect(parseCheckpointText("o\n12\nYmFuYW5hcw==\n")).toBeNull();
    expect(parseCheckpointText(`o\n12\n`)).toBeNull();
    expect(parseCheckpointText(`o\n12\n${root}\n\n`)).toBeNull();
    expect(parseCheckpointText(`o\n12\n${root}\next\n`)?.extensions).toEqual(["ext"]);
  });
});

describe("cosignatures (C2SP tlog-cosignature, cosignature/v1)", () => {
  const seed = (i: number) => fromBase64(V.keyPairs[i]!.skey.split("+").slice(4).join("+"))!.slice(1);
  const logPriv = privateKeyFromSeed(seed(0));
  const witPriv = privateKeyFromSeed(seed(4));
  const logPub = rawPublicKey(createPublicKey(logPriv));
  const witPub = rawPublicKey(createPublicKey(witPriv));
  const logKey = parseVkey(hash, formatVkey(hash, "Log", NOTE_ED25519, logPub))!;
  const witKey = parseVkey(hash, formatVkey(hash, "Wit1", COSIGNATURE_ED25519, witPub))!;
  const text = checkpointText({ origin: "Log", size: 5, rootHash: new Uint8Array(32).fill(7) });
  const logLine = signatureLine("Log", logKey.keyId, sign(null, Buffer.from(text), logPriv));
  const cosign = (t: number, body = text) =>
    signatureLine(
      "Wit1",
      witKey.keyId,
      cosignatureBytes(t, sign(null, cosignatureMessage(body, t), witPriv)),
    );
  const nowMs = 1_700_000_000_000;
  const policy = { logKey, witnesses: [witKey], quorum: 1, nowMs, maxAgeSeconds: 3600 };

  it("the cosigned message is the header, the time line and the checkpoint text (spec's example layout)", () => {
    expect(new TextDecoder().decode(cosignatureMessage(text, 1679315147))).toBe(
      `cosignature/v1\ntime 1679315147\nLog\n5\n${toBase64(new Uint8Array(32).fill(7))}\n`,
    );
    // The cosignature's key ID uses type 0x04, not the note type 0x01.
    expect(witKey.keyId).toEqual(keyIdOf(hash, "Wit1", 0x04, witPub));
    expect(witKey.keyId).not.toEqual(keyIdOf(hash, "Wit1", 0x01, witPub));
  });

  it("a fresh cosignature meets a quorum of one; none, a stale one or one over another text do not", async () => {
    const ok = await checkCheckpoint(
      nodeVerifyEd25519,
      `${text}\n${logLine}${cosign(nowMs / 1000 - 60)}`,
      policy,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.cosignedBy).toEqual(["Wit1"]);
    const none = await checkCheckpoint(nodeVerifyEd25519, `${text}\n${logLine}`, policy);
    expect(none.problems).toEqual([
      "no quorum: 0 of the 1 required witness cosignatures (of 1 pinned) on the checkpoint of size 5",
    ]);
    // 2 hours old against a bound of 60 minutes: 120 minutes ago.
    const stale = await checkCheckpoint(
      nodeVerifyEd25519,
      `${text}\n${logLine}${cosign(nowMs / 1000 - 7200)}`,
      policy,
    );
    expect(stale.problems[0]).toBe(
      "witness Wit1 cosigned 120 minutes ago, older than the bound of 60 minutes",
    );
    const other = text.replace("\n5\n", "\n6\n");
    const moved = await checkCheckpoint(
      nodeVerifyEd25519,
      `${text}\n${logLine}${cosign(nowMs / 1000, other)}`,
      policy,
    );
    expect(moved.problems[0]).toBe("witness Wit1's cosignature does not verify on this checkpoint");
  });

  it("the log's signature is checked with the pinned key: another key or another origin fails, naming it", async () => {
    const line = cosign(nowMs / 1000);
    const otherKey = parseVkey(hash, V.keyPairs[1]!.vkey)!;
    const r = await checkCheckpoint(nodeVerifyEd25519, `${text}\n${logLine}${line}`, {
      ...policy,
      logKey: otherKey,
    });
    expect(r.problems).toContain('the checkpoint is of log "Log", not of the pinned "Known"');
    expect(r.problems).toContain("the checkpoint is not signed by the pinned log key");
    const forged = signatureLine("Log", logKey.keyId, new Uint8Array(64));
    const f = await checkCheckpoint(nodeVerifyEd25519, `${text}\n${forged}${line}`, policy);
    expect(f.problems).toEqual(["the log's signature on the checkpoint does not verify"]);
  });
});
