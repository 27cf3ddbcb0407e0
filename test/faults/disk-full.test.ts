import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { chownSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeFailure } from "../../src/cli/failure.ts";
import { auditCycles } from "../../src/cycles/audit.ts";
import { runDueCycles } from "../../src/cycles/schedule.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { installErrorHandler } from "../../src/http/problems.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { freshLogKeys } from "../../src/log-keys.ts";
import { guardProvider } from "../../src/payments/guarded.ts";
import { SimulatedProvider } from "../../src/payments/simulated.ts";
import { createPool, type Db } from "../../src/store/db.ts";
import { databaseProblem } from "../../src/store/db-errors.ts";
import { databaseUrlOf } from "../../src/store/embedded.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { postgresIds, runningAsRoot } from "../../src/store/postgres-user.ts";
import { CRASH_PLAN, crashSnapshot, seedCrashRun, snapshotLines } from "../support/crash-run.ts";

/*
 * A full disk under the database's data: the database's files live on a tablespace on a small tmpfs
 * (mounted here: root may mount in this container), filled to the last byte before the collection. The
 * collection fails with PostgreSQL's disk_full (SQLSTATE 53100), which huzhu says as the registered
 * problem (503 problem+json over HTTP, one line in the CLI); its transaction was rolled back (ledger
 * and cycles audit clean); once space is freed the same day's pass completes, and the state is the
 * same as a run that never met a full disk. Where mounting is refused the tmpfs test is skipped saying
 * why, and the same flow runs with PostgreSQL raising the same SQLSTATE from a trigger.
 */

const DAYS = ["2020-01-07", "2020-01-15", "2020-01-17"];
const serverUrl = () => inject("pgServerUrl");
const urlOf = (db: string) => databaseUrlOf(serverUrl(), `${db}`);
const id = randomInt(1e9);
const mountDir = mkdtempSync(join(tmpdir(), "huzhu-full-disk-"));
const logKeys = freshLogKeys();
let admin: Db;

/** Mounts a tmpfs of `mb` MiB; the reason it cannot be, if it cannot. */
function mountTmpfs(dir: string, mb: number): string | undefined {
  if (!runningAsRoot()) return "not root: mounting a tmpfs needs root (CAP_SYS_ADMIN)";
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${mb}m,mode=0755`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (e) {
    return `mount -t tmpfs failed: ${String((e as { stderr?: unknown }).stderr ?? e).trim()}`;
  }
}

/** Writes a file until the file system refuses (ENOSPC): the disk is then full to its last block. */
function fill(path: string): void {
  const fd = openSync(path, "w");
  try {
    for (const size of [1 << 20, 1 << 13, 512]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The scheduler's deps on one database: a fixed clock, seeded provider and the same log keys. */
function depsOn(pool: Db): ServiceDeps & { clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(0);
  const provider = new SimulatedProvider({
    seed: "full-disk",
    failureRate: 0.3,
    webhookSecret: "w",
    clock,
    store: pool,
  });
  return {
    pool,
    clock,
    payments: guardProvider(provider, { pool, clock }),
    logKeys,
    debitBatchSize: 20,
  } as unknown as ServiceDeps & { clock: ReturnType<typeof fixedClock> };
}

/** One day of the programme (the cycles due, then the log sequenced); the error it met, if any. */
async function runDay(deps: ReturnType<typeof depsOn>, day: string): Promise<unknown> {
  deps.clock.set(Date.parse(`${day}T02:00:00Z`));
  try {
    await runDueCycles(deps, CRASH_PLAN, civilDate(day), civilDate(DAYS[0]!));
    await sequenceLog(deps.pool, deps.logKeys, deps.clock);
    return undefined;
  } catch (e) {
    return e;
  }
}

async function database(name: string, tablespace?: string): Promise<Db> {
  await admin.query(
    `CREATE DATABASE ${name} TEMPLATE huzhu_template${tablespace ? ` TABLESPACE ${tablespace}` : ""}`,
  );
  const pool = createPool(urlOf(name), 4);
  await seedCrashRun(pool, 60);
  return pool;
}

/** The whole flow: the reference run, then a run whose collection meets `full` until `free`. */
async function fullDiskFlow(pool: Db, full: () => Promise<void>, free: () => Promise<void>) {
  const reference = await database(`full_ref_${id}_${randomInt(1e6)}`);
  const ref = depsOn(reference);
  for (const day of DAYS) expect(await runDay(ref, day)).toBeUndefined();
  const deps = depsOn(pool);
  expect(await runDay(deps, DAYS[0]!)).toBeUndefined(); // announced
  await full();
  const error = await runDay(deps, DAYS[1]!);
  await free();
  // PostgreSQL's own error, said as the registered problem: over HTTP a 503 problem+json, in the CLI one line
  expect((error as { code?: string }).code).toBe("53100");
  expect(databaseProblem(error)).toMatchObject({ code: "disk_full" });
  const line = describeFailure(error).line;
  expect(line).toMatch(/^the database's disk is full \(SQLSTATE 53100\)/);
  expect(line).not.toContain("\n");
  console.log(`full disk: PostgreSQL said "${(error as Error).message}"; huzhu says "${line}"`);
  const app = Fastify();
  installErrorHandler(app);
  app.post("/write", async () => Promise.reject(error));
  const r = await app.inject({ method: "POST", url: "/write" });
  expect(r.statusCode).toBe(503);
  expect(r.headers["content-type"]).toContain("application/problem+json");
  expect(r.json()).toMatchObject({
    code: "disk_full",
    title: "The database's disk is full; nothing was written",
  });
  await app.close();
  // nothing half-written: the ledger balances, every cycle is consistent, the collection is not disclosed
  expect(await auditLedger(pool)).toEqual([]);
  expect(await auditCycles(pool)).toEqual([]);
  const status = await pool.query("SELECT status FROM cycles ORDER BY cycle_id DESC LIMIT 1");
  expect(status.rows[0].status).not.toBe("disclosed");
  // space freed: the same day's pass again, then the rest, ends as the run that never met a full disk
  for (const day of DAYS.slice(1)) expect(await runDay(deps, day)).toBeUndefined();
  const db = (p: Db) => (p.options as { connectionString: string }).connectionString;
  expect(snapshotLines(await crashSnapshot(db(pool)))).toEqual(
    snapshotLines(await crashSnapshot(db(reference))),
  );
  await reference.end();
}

beforeAll(() => {
  admin = createPool(serverUrl(), 1);
});
afterAll(async () => {
  await admin.end();
  rmSync(mountDir, { recursive: true, force: true });
});

const cannotMount = mountTmpfs(mountDir, 64);

describe("a full disk under the database's data", () => {
  const name = `full_disk_${id}`;
  const tablespace = `full_disk_ts_${id}`;
  afterAll(async () => {
    if (cannotMount) return;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP TABLESPACE IF EXISTS ${tablespace}`);
    execFileSync("umount", [mountDir]);
  });

  it.skipIf(cannotMount !== undefined)(
    `(a tmpfs filled to its last byte${cannotMount ? `; skipped: ${cannotMount}` : ""}) fails the collection with disk_full, writes nothing of it, and completes identically once space is freed`,
    async () => {
      const location = join(mountDir, "ts");
      mkdirSync(location);
      const ids = postgresIds();
      if (ids) chownSync(location, ids.uid, ids.gid);
      await admin.query(`CREATE TABLESPACE ${tablespace} LOCATION '${location}'`);
      const pool = await database(name, tablespace);
      const filler = join(mountDir, "filler");
      await fullDiskFlow(
        pool,
        async () => fill(filler),
        async () => rmSync(filler),
      );
      await pool.end();
    },
    120_000,
  );
});

describe("a full disk where no file system can be mounted (runs everywhere)", () => {
  const name = `full_trigger_${id}`;
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("PostgreSQL raising disk_full (SQLSTATE 53100) on the ledger's writes: the same refusal, rollback and identical completion", async () => {
    const pool = await database(name);
    // the closest to a full disk without one: every new posting meets PostgreSQL's own disk_full error
    await fullDiskFlow(
      pool,
      async () => {
        await pool.query(`CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
        await pool.query(
          "CREATE TRIGGER full_disk BEFORE INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION full_disk()",
        );
      },
      async () => {
        await pool.query("DROP TRIGGER full_disk ON ledger_postings");
        await pool.query("DROP FUNCTION full_disk()");
      },
    );
    await pool.end();
  }, 120_000);
});
