import { getPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createPool, type Db } from "../../src/store/db.ts";
import { lowerSessionPriority } from "../../src/store/priority.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
let pool: Db;

beforeAll(async () => {
  db = await testDatabase();
  pool = createPool(db.url, 2);
});
afterAll(async () => {
  await pool.end();
  await db.close();
});

const backendPid = async (p: Db) =>
  Number((await p.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);

describe("the worker's sessions at a lower CPU priority (a database on this machine)", () => {
  it("renices each new session of the pool, and only that pool's", async () => {
    lowerSessionPriority(pool, 7);
    const pid = await backendPid(pool);
    // the renice is asked as the session opens; a second query runs after it on the same connection
    await pool.query("SELECT 1");
    expect(getPriority(pid)).toBe(7);
    // the test database's own pool is not touched
    expect(getPriority(await backendPid(db.pool))).toBe(0);
  });

  it("leaves a session over TCP alone: its backend's pid is not known to be of this machine", async () => {
    // the same server through 127.0.0.1 instead of its socket (the URL without its host= directory)
    const url = new URL(db.url);
    url.searchParams.delete("host");
    const tcp = createPool(url.toString(), 1);
    try {
      lowerSessionPriority(tcp, 9);
      const r = await tcp.query<{ pid: number; local: boolean }>(
        "SELECT pg_backend_pid() AS pid, inet_server_addr() IS NULL AS local",
      );
      expect(r.rows[0]!.local).toBe(false);
      await tcp.query("SELECT 1");
      expect(getPriority(Number(r.rows[0]!.pid))).toBe(0);
    } finally {
      await tcp.end();
    }
  });

  it("refuses a niceness outside 0–19, naming it", () => {
    expect(() => lowerSessionPriority(pool, 20)).toThrow("niceness 20 is not 0–19");
    expect(() => lowerSessionPriority(pool, -1)).toThrow("niceness -1 is not 0–19");
  });

  it("HUZHU_WORKER_NICE: 10 unless set; a value outside 0–19 names the variable", () => {
    expect(loadConfig({}).workerNice).toBe(10);
    expect(loadConfig({ HUZHU_WORKER_NICE: "0" }).workerNice).toBe(0);
    expect(() => loadConfig({ HUZHU_WORKER_NICE: "20" })).toThrow(
      "HUZHU_WORKER_NICE: must be a niceness from 0 to 19",
    );
    expect(() => loadConfig({ HUZHU_WORKER_NICE: "-3" })).toThrow("HUZHU_WORKER_NICE");
  });
});
