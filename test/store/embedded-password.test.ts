import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../src/store/embedded.ts";
import { embeddedPostgresCtor } from "../../src/store/postgres-user.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function connects(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

describe("the embedded PostgreSQL password", () => {
  it("is random per data dir, kept mode 0600; a cluster made with the old constant is moved to its own", async () => {
    // a cluster as the old code made it: superuser password "huzhu-local"
    const dir = mkdtempSync(join(tmpdir(), "huzhu-pgpw-"));
    dirs.push(dir);
    chmodSync(dir, 0o755); // run as root, the server runs as "postgres", which must reach the dir
    const port = await freePort();
    const EmbeddedPostgres = await embeddedPostgresCtor();
    const old = new EmbeddedPostgres({
      databaseDir: join(dir, "pg"),
      user: "postgres",
      password: "huzhu-local",
      port,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ["-c", "fsync=off"],
      onLog: () => {},
      onError: () => {},
    });
    await old.initialise();
    await old.start();
    await old.stop();

    const server = await startEmbeddedPostgres(dir, { persistent: true, durable: false });
    try {
      const password = readFileSync(join(dir, "pg.password"), "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(password).not.toBe("huzhu-local");
      expect(statSync(join(dir, "pg.password")).mode & 0o777).toBe(0o600);
      expect(server.url).toContain(encodeURIComponent(password));
      expect(await connects(server.url)).toBe(true);
      const legacyUrl = server.url.replace(encodeURIComponent(password), "huzhu-local");
      expect(await connects(legacyUrl)).toBe(false);
    } finally {
      await server.stop();
    }
    // the next start uses the stored password
    const again = await startEmbeddedPostgres(dir, { persistent: true, durable: false });
    try {
      expect(await connects(again.url)).toBe(true);
    } finally {
      await again.stop();
    }
  });
});
