import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weightSql } from "../../../src/cycles/cycle.repository.ts";
import { weightUnitsFor } from "../../../src/domain/plan/weights.ts";
import { loadPlanFrom, presetIds } from "../../../src/plans/registry.ts";
import { type TestDatabase, testDatabase } from "../../support/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("the weight bands in SQL", () => {
  it("give every preset's weight, for every age from 0 to 120, as weightUnitsFor does", async () => {
    const ids = presetIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const plan = loadPlanFrom(id);
      if (!plan.ok) throw new Error(`preset ${id} does not load`);
      for (const version of plan.value.versions) {
        const { rows } = await db.pool.query<{ age: number; units: number }>(
          `SELECT a AS age, (${weightSql(version.rules)})::int AS units
           FROM generate_series(0, 120) a,
                LATERAL (SELECT ($2::date - make_interval(years => a))::date AS birth_date, $1::text AS plan) m
           ORDER BY a`,
          [id, "2020-06-30"],
        );
        expect(rows).toHaveLength(121);
        for (const r of rows)
          expect([id, r.age, r.units]).toEqual([id, r.age, weightUnitsFor(version.rules, r.age)]);
      }
    }
  });
});
