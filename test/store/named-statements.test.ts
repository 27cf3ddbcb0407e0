import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type Db, withTransaction } from "../../src/store/db.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
let pool: Db;

beforeAll(async () => {
  db = await testDatabase();
  // one connection, so every statement below runs on the same backend
  pool = createPool(db.url, 1);
  await pool.query("CREATE TABLE named_t (id int PRIMARY KEY, v int NOT NULL)");
  await pool.query("INSERT INTO named_t VALUES (1, 10), (2, 20)");
});

afterAll(async () => {
  await pool.end();
  await db.close();
});

const prepared = async (text: string) =>
  (await pool.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1", [text]))
    .rows[0].n as number;

describe("parameterised statements run named, prepared once per connection", () => {
  it("the same text is one prepared statement however often it runs; a text without values is not prepared", async () => {
    const text = "SELECT v FROM named_t WHERE id = $1";
    for (const id of [1, 2, 1]) await pool.query(text, [id]);
    expect((await pool.query(text, [2])).rows).toEqual([{ v: 20 }]);
    expect(await prepared(text)).toBe(1);
    await pool.query("SELECT v FROM named_t WHERE id = 1");
    expect(await prepared("SELECT v FROM named_t WHERE id = 1")).toBe(0);
  });

  it("every call is planned for its values: no generic plan is cached, however often a statement runs", async () => {
    const text = "SELECT v FROM named_t WHERE id = $1 OR v = $1";
    // PostgreSQL's default (auto) would switch to a generic plan after the fifth call
    for (let k = 0; k < 8; k++) await pool.query(text, [k]);
    const { rows } = await pool.query(
      "SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1",
      [text],
    );
    expect(rows).toEqual([{ generic: 0, custom: 8 }]);
  });

  it("custom plans also where the database URL gives its own options, which are kept", async () => {
    const u = new URL(db.url);
    u.searchParams.set("options", "-c work_mem=5MB");
    const other = createPool(u.toString(), 1);
    try {
      expect((await other.query("SHOW plan_cache_mode")).rows).toEqual([
        { plan_cache_mode: "force_custom_plan" },
      ]);
      expect((await other.query("SHOW work_mem")).rows).toEqual([{ work_mem: "5MB" }]);
    } finally {
      await other.end();
    }
  });

  it("a statement whose result type changed under it fails once, and the pool drops that connection", async () => {
    const text = "SELECT v FROM named_t WHERE id = $1 AND v > $2";
    expect((await pool.query(text, [1, 0])).rows).toEqual([{ v: 10 }]);
    const backend = (await pool.query("SELECT pg_backend_pid() AS pid", [])).rows[0].pid as number;
    await pool.query("ALTER TABLE named_t ALTER COLUMN v TYPE bigint");
    await expect(pool.query(text, [1, 0])).rejects.toMatchObject({ code: "0A000" });
    // a new connection: the statement is prepared again, with the new type
    expect((await pool.query("SELECT pg_backend_pid() AS pid", [])).rows[0].pid).not.toBe(backend);
    expect((await pool.query(text, [1, 0])).rows).toEqual([{ v: 10 }]);
  });

  it("inside a transaction too: the failed transaction's connection is not lent again", async () => {
    const text = "SELECT v FROM named_t WHERE id = $1 AND v < $2";
    const read = () => withTransaction(pool, async (tx) => (await tx.query(text, [2, 100])).rows);
    expect(await read()).toEqual([{ v: 20 }]);
    const backend = (await pool.query("SELECT pg_backend_pid() AS pid", [])).rows[0].pid as number;
    await pool.query("ALTER TABLE named_t ALTER COLUMN v TYPE numeric");
    await expect(read()).rejects.toMatchObject({ code: "0A000" });
    expect((await pool.query("SELECT pg_backend_pid() AS pid", [])).rows[0].pid).not.toBe(backend);
    // NUMERIC is read as a string (db.ts)
    expect(await read()).toEqual([{ v: "20" }]);
  });
});
