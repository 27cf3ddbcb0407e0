import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createPool, type Db } from "../../src/store/db.ts";
import { databaseUrlOf } from "../../src/store/embedded.ts";

export type TestDatabase = { readonly pool: Db; readonly url: string; close(): Promise<void> };

/**
 * The plan PostgreSQL would choose for `sql`, with sequential scans off: test tables are tiny, and
 * without this it would rightly scan them; what an index test asks is whether the index can answer.
 */
export async function planOf(pool: Db, sql: string): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query("SET enable_seqscan = off");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("RESET enable_seqscan");
    client.release();
  }
}

/** A fresh database for one test file, cloned from the migrated template (call in beforeAll). */
export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("pgServerUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = createPool(serverUrl, 1);
  // CREATE DATABASE … TEMPLATE needs the template to have no other sessions; retry briefly if busy.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE huzhu_template`);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const url = databaseUrlOf(serverUrl, `${name}`);
  const pool = createPool(url, 10);
  return {
    pool,
    url,
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
