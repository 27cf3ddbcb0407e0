import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCycles } from "../../src/cycles/run.ts";
import { installPlan } from "../../src/plans/presets.ts";
import { MIGRATIONS_DIR } from "../../src/store/migrate.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { joinedMembers, SEMI_MONTHLY_UNCAPPED } from "../support/cohort.ts";
import { runCycleSteps } from "../support/cycles.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/* A plan's cycles listed a page at a time, and each disclosure derived from the announcement and the outcome columns. */

let t: TestApp;
const parts: number[] = [];
const DAYS = ["2020-01-07", "2020-01-21", "2020-02-07"];
const DECIDED = ["2020-01-05", "2020-01-19", "2020-02-05"];

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 7, 2), presets: [], provider: { failureRate: 0 } });
  await installPlan(
    t.db.pool,
    planDoc(
      mutualRules({
        apportionment: SEMI_MONTHLY_UNCAPPED,
      }),
      { id: "paged" },
    ),
  );
  parts.push(...(await joinedMembers(t, "paged", 4, "1330000020", 800)).parts);
  // one case a cycle, each shared by the three others
  for (const [k, day] of DAYS.entries()) {
    await approveCase(t, parts[k]!, 300, DECIDED[k]!);
    await runCycleSteps(t, "paged", day);
  }
});
afterAll(async () => {
  await t.close();
});

describe("listCycles", () => {
  it("pages in announcement order: the cursor is the last cycle seen, null after the last page", async () => {
    const all = await listCycles(t.db.pool, "paged");
    expect(all.items.map((c) => c.announcedOn)).toEqual(DAYS);
    expect(all.nextCursor).toBeNull();
    const first = await listCycles(t.db.pool, "paged", { limit: 2 });
    expect(first.items).toEqual(all.items.slice(0, 2));
    expect(first.nextCursor).toBe(String(all.items[1]!.cycleId));
    const second = await listCycles(t.db.pool, "paged", { limit: 2, after: Number(first.nextCursor) });
    expect(second).toEqual({ items: all.items.slice(2), nextCursor: null });
    // exactly a page left: no further page announced
    expect((await listCycles(t.db.pool, "paged", { limit: 3 })).nextCursor).toBeNull();
  });

  it("publishes the bytes the disclosure had when it was stored whole as jsonb", async () => {
    for (const { cycleId: _, status: __, ...d } of (await listCycles(t.db.pool, "paged")).items) {
      expect(d.collectedFen).not.toBeNull();
      const r = await t.db.pool.query("SELECT $1::jsonb AS j", [JSON.stringify(d)]);
      expect(JSON.stringify(d)).toBe(JSON.stringify(r.rows[0].j));
    }
  });

  it("migration 101 backfills the outcome columns from a disclosure stored whole, and the disclosure is unchanged", async () => {
    const before = (await listCycles(t.db.pool, "paged")).items;
    // the cycles as they were stored before 101: the outcome inside the JSON, no columns
    await t.db.pool.query(
      `UPDATE cycles SET disclosure = disclosure || jsonb_strip_nulls(jsonb_build_object(
         'pendingFen', pending_fen, 'retriesDone', retries_done, 'writtenOffFen', written_off_fen,
         'recoveredLaterFen', recovered_later_fen))
         || jsonb_build_object('collectedFen', collected_fen, 'failedFen', failed_fen, 'advancedFen', advanced_fen),
       collected_fen = NULL, failed_fen = NULL, advanced_fen = NULL, pending_fen = NULL, retries_done = NULL,
       written_off_fen = NULL, recovered_later_fen = NULL WHERE plan_id = 'paged'`,
    );
    expect((await listCycles(t.db.pool, "paged")).items[0]!.collectedFen).toBeNull();
    const sql = readFileSync(join(MIGRATIONS_DIR, "101_cycle_outcome_columns.sql"), "utf8");
    for (const statement of sql.split(";").filter((s) => /^\s*UPDATE/m.test(s.replace(/--.*$/gm, ""))))
      await t.db.pool.query(statement);
    expect((await listCycles(t.db.pool, "paged")).items).toEqual(before);
    const facts = await t.db.pool.query("SELECT disclosure FROM cycles WHERE plan_id = 'paged'");
    for (const r of facts.rows) expect(r.disclosure).toMatchObject({ collectedFen: null, failedFen: null });
  });
});

describe("GET /cycles and GET /cycles/members/:pseudonym/shares", () => {
  const get = async (url: string) => t.app.inject({ method: "GET", url });

  it("answer a page and the cursor of the next", async () => {
    const page = await get("/cycles?plan=paged&limit=2");
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items.map((c: { announcedOn: string }) => c.announcedOn)).toEqual(DAYS.slice(0, 2));
    const next = (await get(`/cycles?plan=paged&limit=2&cursor=${body.nextCursor}`)).json();
    expect(next.items.map((c: { announcedOn: string }) => c.announcedOn)).toEqual(DAYS.slice(2));
    expect(next.nextCursor).toBeNull();

    // the last member shared in all three cycles: one a page
    const { rows } = await t.db.pool.query(
      "SELECT m.pseudonym FROM members m JOIN participations p USING (member_id) WHERE p.participation_id = $1",
      [parts[3]],
    );
    const url = `/cycles/members/${rows[0].pseudonym}/shares`;
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let pages = 0; cursor !== null; pages++) {
      expect(pages).toBeLessThan(3);
      const r: { items: Array<{ announcedOn: string; shareFen: number }>; nextCursor: string | null } = (
        await get(`${url}?limit=1${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      expect(r.items).toHaveLength(1);
      seen.push(r.items[0]!.announcedOn);
      cursor = r.nextCursor;
    }
    expect(seen).toEqual(DAYS);
    expect((await get(url)).json().items).toHaveLength(3);
  });

  it("refuse a bad limit or cursor with a 400 naming it", async () => {
    for (const [url, field] of [
      ["/cycles?plan=paged&limit=0", "limit"],
      ["/cycles?plan=paged&limit=501", "limit"],
      ["/cycles?plan=paged&cursor=x", "cursor"],
      [`/cycles/members/${"0".repeat(32)}/shares?limit=-1`, "limit"],
    ] as const) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(JSON.stringify(r.json()), url).toContain(field);
    }
  });
});

describe("huzhu cycles", () => {
  it("prints a page and, on stderr, how to ask for the next; a bad limit is one line and exit 2", async () => {
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const r = await runCli(["cycles", "--plan", "paged", "--limit", "2", "--json"]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout);
    expect(items.map((c: { announcedOn: string }) => c.announcedOn)).toEqual(DAYS.slice(0, 2));
    expect(r.stderr).toBe(`more: --cursor ${items[1].cycleId}\n`);
    const rest = await runCli(["cycles", "--plan", "paged", "--cursor", String(items[1].cycleId), "--json"]);
    expect(JSON.parse(rest.stdout).map((c: { announcedOn: string }) => c.announcedOn)).toEqual(DAYS.slice(2));
    expect(rest.stderr).toBe("");
    const bad = await runCli(["cycles", "--plan", "paged", "--limit", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
