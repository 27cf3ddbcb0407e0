import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createPool, type Db } from "../../src/store/db.ts";
import { databaseUrlOf } from "../../src/store/embedded.ts";

export type TestDatabase = { readonly pool: Db; readonly url: string; close(): Promise<void> };

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
