import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { createPool, type Db } from "../../src/store/db.ts";
import { databaseUrlOf } from "../../src/store/embedded.ts";
import type { TestApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";

/** The variables a backup or restore reads; each run sets them afresh (what is not given is unset). */
const VARS = [
  "DATABASE_URL",
  "HUZHU_DATA_DIR",
  "HUZHU_KEYS_DIR",
  "HUZHU_SECRET_KEY_FILE",
  "HUZHU_BACKUP_PASSPHRASE",
  "HUZHU_WITNESSES",
  "HUZHU_LOG_ORIGIN",
  "LOG_LEVEL",
] as const;

/** The CLI in process with exactly this environment for the variables above, restored afterwards. */
export async function cliWith(env: Partial<Record<(typeof VARS)[number], string>>, argv: string[]) {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  for (const v of VARS) {
    const value = env[v] ?? (v === "LOG_LEVEL" ? "warn" : undefined);
    if (value === undefined) delete process.env[v];
    else process.env[v] = value;
  }
  try {
    return await runCli(argv);
  } finally {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  }
}

/**
 * The test app's in-memory keys written where a data dir keeps them (keys/<purpose>.key in base64,
 * log-signing-key.pem), so that the CLI on its database and data dir uses the very keys the app used.
 */
export function writeKeyFiles(t: TestApp): string {
  const dir = t.deps.dataDir;
  const keys = join(dir, "keys");
  mkdirSync(keys, { recursive: true, mode: 0o700 });
  const s = t.deps.secrets;
  const files: Record<string, Buffer> = {
    "personal-data": s.encryptionKey,
    "lookup-hash": s.lookupKey,
    pseudonym: s.pseudonymKey,
    "idempotency-digest": s.idempotencyKey,
  };
  for (const [purpose, key] of Object.entries(files))
    writeFileSync(join(keys, `${purpose}.key`), key.toString("base64"), { mode: 0o600 });
  writeFileSync(
    join(dir, "log-signing-key.pem"),
    t.deps.logKeys.privateKey.export({ type: "pkcs8", format: "pem" }),
    { mode: 0o600 },
  );
  return dir;
}

/** An empty database (no tables: CREATE DATABASE from template0) on the tests' server. */
export async function emptyDatabase(): Promise<{ url: string; pool: Db; close(): Promise<void> }> {
  const serverUrl = inject("pgServerUrl");
  const name = `r_${randomBytes(6).toString("hex")}`;
  const admin = createPool(serverUrl, 1);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = databaseUrlOf(serverUrl, `${name}`);
  const pool = createPool(url, 4);
  return {
    url,
    pool,
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const freshDir = (prefix = "huzhu-restore-") => mkdtempSync(join(tmpdir(), prefix));

/** Every file under a directory, relative: what a refused restore must not have left. */
export function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

export const tableCount = async (pool: Db) =>
  (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"))
    .rows[0]!.n;
