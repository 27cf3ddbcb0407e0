import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { Config } from "../config.ts";
import type { FilePlace } from "./manifest.ts";

/** A file of the data dir a backup carries: where it lives here, and where it goes back. */
export type BackupFile = { readonly place: FilePlace; readonly path: string; readonly absolute: string };
type Places = Pick<Config, "dataDir" | "keysDir" | "secretKeyFile">;

function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return filesUnder(root, p);
      // a file being written (`.tmp`, renamed when whole) is not yet the app's
      return e.isFile() && !e.name.endsWith(".tmp") ? [relative(root, p).split(sep).join("/")] : [];
    })
    .sort();
}

/**
 * Every file the app keeps beside its database, found here and only here — when the set changes
 * (key rotation adds versioned key files, say), this is the one place to look:
 * - the keys dir, whole (one key per purpose: personal data, lookup hash, pseudonym, idempotency
 *   digest, each provider's webhook secret, src/secrets.ts);
 * - an older data dir's single key file (HUZHU_SECRET_KEY_FILE), when it exists;
 * - the log's signing key(s) in the data dir (`log-signing-key*.pem`, src/log-keys.ts), and the demo's
 *   staff logins (`demo-logins.json`, development only: `huzhu staff totp` reads it);
 * - the claims' encrypted documents (`documents/`) and the juries' published candidate lists (`juries/`).
 * The embedded cluster, its password and port are not the app's data: a restore makes its own.
 */
export function backupFiles(p: Places): BackupFile[] {
  const keys = filesUnder(p.keysDir, p.keysDir).map((path) => ({
    place: "keys" as const,
    path,
    absolute: join(p.keysDir, path),
  }));
  const secret = existsSync(p.secretKeyFile)
    ? [{ place: "secret" as const, path: "secret.key", absolute: p.secretKeyFile }]
    : [];
  const logKeys = existsSync(p.dataDir)
    ? readdirSync(p.dataDir)
        .filter((f) => /^log-signing-key.*\.pem$/.test(f) || f === "demo-logins.json")
        .sort()
    : [];
  const data = [
    ...logKeys,
    ...["documents", "juries"].flatMap((d) => filesUnder(p.dataDir, join(p.dataDir, d))),
  ];
  const inData = data
    .map((path) => ({ place: "data" as const, path, absolute: join(p.dataDir, path) }))
    // HUZHU_KEYS_DIR or the secret file may lie inside the data dir: each file once
    .filter((f) => !keys.some((k) => k.absolute === f.absolute) && f.absolute !== p.secretKeyFile);
  return [...keys, ...secret, ...inData];
}

/** Where a file of the backup goes on this machine; a path that climbs out of its place is refused. */
export function restorePath(p: Places, place: FilePlace, path: string): string | undefined {
  if (place === "secret") return path === "secret.key" ? p.secretKeyFile : undefined;
  const root = place === "keys" ? p.keysDir : p.dataDir;
  if (
    !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) ||
    path.split("/").some((s) => s === ".." || s === ".")
  )
    return undefined;
  return join(root, path);
}

/** The files of the target that a restore would overwrite: it refuses when there is any. */
export function existingTargets(p: Places): string[] {
  return backupFiles(p).map((f) => f.absolute);
}

const isKey = (place: FilePlace, path: string) =>
  place !== "data" || path.endsWith(".pem") || path === "demo-logins.json";

/**
 * A file written beside its place (`.restoring`) while the restore runs, moved into place only after the
 * database committed; `discard` removes what was staged.
 */
export function stagedWriter(p: Places) {
  const staged: { tmp: string; target: string }[] = [];
  let fd: number | undefined;
  return {
    open(place: FilePlace, path: string, target: string) {
      const key = isKey(place, path);
      mkdirSync(dirname(target), { recursive: true, mode: key ? 0o700 : 0o755 });
      const tmp = `${target}.restoring`;
      fd = openSync(tmp, "w", key ? 0o600 : 0o644);
      staged.push({ tmp, target });
    },
    write(bytes: Buffer) {
      if (fd !== undefined) writeSync(fd, bytes);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
    commit() {
      for (const s of staged) renameSync(s.tmp, s.target);
      return staged.length;
    },
    discard() {
      if (fd !== undefined) closeSync(fd);
      for (const s of staged) rmSync(s.tmp, { force: true });
    },
    places: p,
  };
}

export const fileBytes = (absolute: string): number => statSync(absolute).size;
