import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeAtomically } from "./atomic-file.ts";

/*
 * Key versions (issue 20, rotation). A purpose's version 1 is the file it always had (`personal-data.key`,
 * `lookup-hash.key`, `log-signing-key.pem`, or a key derived from an older data dir's `secret.key`); each
 * rotation adds `<purpose>.v<N>.key` (the log's: `log-signing-key.v<N>.pem`). `keyring.json` in the keys
 * directory says which version is current and which are retired; absent, version 1 is current and none
 * is retired. A retired version's file is deleted, and the manifest keeps it from being made again.
 */

export const ROTATABLE = ["personal-data", "lookup-hash", "log-signing"] as const;
export type KeyPurpose = (typeof ROTATABLE)[number];

const Entry = z.object({
  current: z.number().int().min(1).max(255),
  retired: z.array(z.number().int().min(1).max(255)).default([]),
});
export type KeyringEntry = z.output<typeof Entry>;
const Manifest = z.record(z.string(), Entry);
export type KeyringManifest = Readonly<Record<string, KeyringEntry>>;

export const MANIFEST_FILE = "keyring.json";
const manifestPath = (keysDir: string) => join(keysDir, MANIFEST_FILE);

export function readManifest(keysDir: string): KeyringManifest {
  const file = manifestPath(keysDir);
  return existsSync(file) ? Manifest.parse(JSON.parse(readFileSync(file, "utf8"))) : {};
}

/** A purpose's entry: version 1 current and nothing retired when the manifest does not name it. */
export const entryOf = (m: KeyringManifest, purpose: KeyPurpose): KeyringEntry =>
  m[purpose] ?? { current: 1, retired: [] };

/** Replaces one purpose's entry (written beside, flushed, renamed: a reader sees the old or the new). */
export function writeEntry(keysDir: string, purpose: KeyPurpose, entry: KeyringEntry): void {
  const m = { ...readManifest(keysDir), [purpose]: entry };
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  writeAtomically(manifestPath(keysDir), `${JSON.stringify(m, null, 2)}\n`, 0o600);
}

/** The versions a purpose still has, current first: 1 … current without the retired ones. */
export function liveVersions(e: KeyringEntry): number[] {
  const out: number[] = [];
  for (let v = e.current; v >= 1; v--) if (!e.retired.includes(v)) out.push(v);
  return out;
}

/** A secret key's file name for a version (the log's signing key has its own naming, log-keys.ts). */
export const keyFileName = (purpose: KeyPurpose, version: number) =>
  version === 1 ? `${purpose}.key` : `${purpose}.v${version}.key`;

export type KeyVersion = { readonly version: number; readonly key: Buffer };

/** How often a running process looks whether another one rotated (the manifest's modification time). */
const LOOK_AGAIN_MS = 2_000;

/**
 * The live versions of one purpose's key, current first. Another process (`huzhu keys rotate`) may
 * change the manifest: the ring reads it again when it changed (looked at most every 2 s) and whenever
 * a ciphertext names a version it does not hold, so a server started before a rotation reads and writes
 * under the new key without a restart.
 */
export class KeyRing {
  private versions = new Map<number, Buffer>();
  private currentVersion = 1;
  private seenMtimeMs = -1;
  private lookedAtMs = 0;

  private readonly manifestFile: string | undefined;

  /** `keysDir`: where the versions' files and keyring.json are (none: a ring in memory, not rotatable). */
  constructor(
    private readonly load: () => { current: number; keys: ReadonlyMap<number, Buffer> },
    readonly keysDir?: string,
  ) {
    this.manifestFile = keysDir ? manifestPath(keysDir) : undefined;
    this.refresh();
  }

  refresh(): void {
    const { current, keys } = this.load();
    this.versions = new Map(keys);
    this.currentVersion = current;
    this.seenMtimeMs = this.manifestMtimeMs();
  }

  private manifestMtimeMs(): number {
    return this.manifestFile ? (statSync(this.manifestFile, { throwIfNoEntry: false })?.mtimeMs ?? 0) : 0;
  }

  private lookAgain(): void {
    if (!this.manifestFile) return;
    const nowMs = Date.now();
    if (nowMs - this.lookedAtMs < LOOK_AGAIN_MS) return;
    this.lookedAtMs = nowMs;
    if (this.manifestMtimeMs() !== this.seenMtimeMs) this.refresh();
  }

  current(): KeyVersion {
    this.lookAgain();
    return { version: this.currentVersion, key: this.versions.get(this.currentVersion)! };
  }

  /** A version's key; read again once when missing (rotated by another process); undefined if retired. */
  get(version: number): Buffer | undefined {
    if (!this.versions.has(version)) this.refresh();
    return this.versions.get(version);
  }

  /** The live versions, current first. */
  live(): KeyVersion[] {
    this.lookAgain();
    return [...this.versions.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([version, key]) => ({ version, key }));
  }
}

/** A ring of one key, in memory (tests, throwaway runs). */
export const singleRing = (key: Buffer) => new KeyRing(() => ({ current: 1, keys: new Map([[1, key]]) }));
