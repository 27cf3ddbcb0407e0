import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { COSIGNATURE_ED25519, formatVkey, keyIdOf, validKeyName } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { writeAtomically } from "../keys/atomic-file.ts";
import { rawPublicKey } from "../log-keys.ts";
import type { WitnessIdentity, WitnessState } from "./witness.ts";

/*
 * A witness's state directory, its own and not the log's database: its Ed25519 key (witness-key.pem,
 * mode 0600), its name (witness.json), and the latest checkpoint it cosigned of each log (state.json),
 * replaced atomically (written beside, flushed, renamed) before an answer leaves.
 */

const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const StateFile = z.object({
  logs: z.record(
    z.string(),
    z.object({ size: z.number().int().min(0), rootHash: z.string(), checkpoint: z.string() }),
  ),
});

/** Writes a file so that a reader (or a restart after a crash) sees the old or the new content, whole. */
export { writeAtomically } from "../keys/atomic-file.ts";

export type WitnessDir = {
  readonly me: WitnessIdentity;
  readonly vkey: string;
  readState(): WitnessState;
  writeState(s: WitnessState): void;
};

/** Opens (and on first use creates, with `name`) a witness's state directory. */
export function openWitnessDir(dir: string, name?: string): WitnessDir {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, "witness-key.pem");
  const idFile = join(dir, "witness.json");
  const stateFile = join(dir, "state.json");
  if (!existsSync(keyFile)) {
    if (!name || !validKeyName(name)) throw new Error("a new witness needs --name (no spaces, no +)");
    const { privateKey } = generateKeyPairSync("ed25519");
    writeAtomically(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), 0o600);
    writeAtomically(idFile, JSON.stringify({ name }));
  }
  const stored = z.object({ name: z.string() }).parse(JSON.parse(readFileSync(idFile, "utf8"))).name;
  if (name && name !== stored) throw new Error(`this directory's witness is named ${stored}, not ${name}`);
  const privateKey = createPrivateKey(readFileSync(keyFile, "utf8"));
  const pub = rawPublicKey(createPublicKey(privateKey));
  return {
    me: {
      name: stored,
      keyId: keyIdOf(hash, stored, COSIGNATURE_ED25519, pub),
      sign: (m) => new Uint8Array(sign(null, m, privateKey)),
    },
    vkey: formatVkey(hash, stored, COSIGNATURE_ED25519, pub),
    readState: () =>
      existsSync(stateFile) ? StateFile.parse(JSON.parse(readFileSync(stateFile, "utf8"))) : { logs: {} },
    writeState: (s) => writeAtomically(stateFile, JSON.stringify(s, null, 2)),
  };
}
