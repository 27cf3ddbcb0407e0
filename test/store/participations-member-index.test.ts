import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planOf, type TestDatabase, testDatabase } from "../support/db.ts";

// Migration 179 (issue 20, load): a member's participations, ended ones included, are found through an
// index — the inbox's broadcasts and every top-up ask by member_id alone, which the partial unique
// index (status <> 'ended') cannot answer.
let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

const plan = (sql: string) => planOf(db.pool, sql);

describe("participations by member (migration 179)", () => {
  it("a member's participations of every status are read through participations_member", async () => {
    expect(await plan("SELECT plan_id FROM participations WHERE member_id = 42")).toContain(
      "participations_member",
    );
    expect(await plan("SELECT * FROM participations WHERE member_id = ANY('{1,2}'::bigint[])")).toContain(
      "participations_member",
    );
  });

  it("without it, the same question could only scan the table (the partial index does not answer it)", async () => {
    await db.pool.query("DROP INDEX participations_member");
    try {
      expect(await plan("SELECT plan_id FROM participations WHERE member_id = 42")).toMatch(/Seq Scan/);
    } finally {
      await db.pool.query("CREATE INDEX participations_member ON participations (member_id)");
    }
  });
});
