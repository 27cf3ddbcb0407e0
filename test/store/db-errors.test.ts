import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { describeFailure } from "../../src/cli/failure.ts";
import { createPool } from "../../src/store/db.ts";
import { databaseProblem } from "../../src/store/db-errors.ts";
import { freePort } from "../../src/store/embedded.ts";

/** The error a statement ends with (real PostgreSQL errors, not made-up objects). */
async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("database faults as registered problems", () => {
  it("a resource exhausted (temp_file_limit, SQLSTATE 53400) is database_unavailable, rolled back, said in one line", async () => {
    const pool = createPool(inject("pgServerUrl"), 1);
    try {
      const client = await pool.connect();
      try {
        await client.query("SET temp_file_limit = '64kB'; SET work_mem = '64kB'");
        const e = await errorOf(() =>
          client.query("SELECT g FROM generate_series(1, 200000) g ORDER BY md5(g::text)"),
        );
        expect((e as { code?: string }).code).toBe("53400");
        expect(databaseProblem(e)).toMatchObject({ code: "database_unavailable" });
        expect(describeFailure(e).line).toMatch(/^the database ran out of a resource \(SQLSTATE 53400\)/);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it("a connection ended by the server (57P01) and a server not listening are database_unavailable", async () => {
    const pool = createPool(inject("pgServerUrl"), 2);
    try {
      const victim = await pool.connect();
      const pid = (await victim.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      // ended while a statement runs, so the statement itself gets the FATAL 57P01 (ended between two
      // statements, the next one fails instead: the test below)
      const running = errorOf(() => victim.query("SELECT pg_sleep(30)"));
      while (
        (await pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [pid])).rows
          .length === 0
      )
        await new Promise((r) => setTimeout(r, 20));
      await pool.query("SELECT pg_terminate_backend($1)", [pid]);
      const ended = await running;
      expect((ended as { code?: string }).code).toBe("57P01");
      victim.release(true);
      expect(databaseProblem(ended)).toMatchObject({ code: "database_unavailable" });
    } finally {
      await pool.end();
    }
    const closed = new pg.Client({ connectionString: `postgres://x@127.0.0.1:${await freePort()}/x` });
    const refused = await errorOf(() => closed.connect());
    expect(databaseProblem(refused)).toMatchObject({ code: "database_unavailable" });
    // the CLI keeps its own line for an unreachable address (cannot reach …)
    expect(describeFailure(refused).line).toMatch(/^cannot reach/);
  });

  it("a lent client whose session the server ends between two statements does not throw out of the process", async () => {
    const pool = createPool(inject("pgServerUrl"), 2);
    try {
      const victim = await pool.connect();
      const pid = (await victim.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      const ended = new Promise((resolve) => victim.once("end", resolve));
      await pool.query("SELECT pg_terminate_backend($1)", [pid]);
      // the server's FATAL arrives while no statement runs on the client: an `error` event with no
      // pool listener (it listens only to idle clients), which vitest reports as an uncaught exception
      await ended;
      const e = await errorOf(() => victim.query("SELECT 1"));
      victim.release(true);
      expect(databaseProblem(e)).toMatchObject({ code: "database_unavailable" });
    } finally {
      await pool.end();
    }
  });

  it("anything else is not a database fault (a division by zero, a plain error)", async () => {
    const pool = createPool(inject("pgServerUrl"), 1);
    try {
      const e = await errorOf(() => pool.query("SELECT 1/0"));
      expect((e as { code?: string }).code).toBe("22012");
      expect(databaseProblem(e)).toBeUndefined();
      expect(databaseProblem(new Error("boom"))).toBeUndefined();
    } finally {
      await pool.end();
    }
  });
});
