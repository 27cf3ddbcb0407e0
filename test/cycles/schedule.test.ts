import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectCycle } from "../../src/cycles/collect.ts";
import { confirmShare, declineShare } from "../../src/cycles/confirm.ts";
import { listCycles, runCycle } from "../../src/cycles/run.ts";
import { dueCycleSteps, runDueCycles } from "../../src/cycles/schedule.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { PROBLEMS } from "../../src/domain/problems.ts";
import { installPlan } from "../../src/plans/presets.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { joinedMembers, SEMI_MONTHLY_UNCAPPED } from "../support/cohort.ts";
import { clockTo, runDueOn } from "../support/cycles.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/*
 * Issue 17 point 2: a cycle is two steps on two dates (announced on the 7th and 21st, collected on the
 * 14th and 28th); in between, members who confirm answer; no step runs before its date by the
 * application's clock; after downtime every missed step runs in order.
 */

let t: TestApp;
const members: number[] = [];
const parts: number[] = [];
const self = (i: number) => ({ kind: "member" as const, id: members[i]!, roles: ["member" as const] });
const code = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: { problem?: { code: string } }) => e.problem?.code ?? String(e),
  );
const calendarSteps = async (today: string) =>
  (await dueCycleSteps(t.db.pool, "cal", civilDate(today), civilDate(today)))
    .filter((s) => s.kind === "announce" || s.kind === "collect")
    .map((s) => `${s.kind} ${s.announcedOn}${s.kind === "collect" ? ` on ${s.collectOn}` : ""}`);
const statuses = async (cycleId: number) =>
  (
    await t.db.pool.query("SELECT status FROM cycle_shares WHERE cycle_id = $1 ORDER BY member_id", [cycleId])
  ).rows.map((r) => r.status);

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 7, 2), presets: [], provider: { failureRate: 0 } });
  await installPlan(
    t.db.pool,
    planDoc(
      mutualRules({
        apportionment: SEMI_MONTHLY_UNCAPPED,
        // this plan's rule: a share not confirmed by the collection is advanced by the operator
        failurePolicy: { operatorAdvances: true, unconfirmedShare: "advance" },
      }),
      { id: "cal" },
    ),
  );
  const joined = await joinedMembers(t, "cal", 5, "1330000030", 900);
  members.push(...joined.members);
  parts.push(...joined.parts);
  // 0 and 1 confirm each cycle, 2 is asked above 50 fen, 3 is collected automatically; 4 claims
  const mode = (i: number, m: string, limit: number | null) =>
    t.db.pool.query(
      "UPDATE participations SET share_mode = $2, share_limit_fen = $3 WHERE participation_id = $1",
      [parts[i], m, limit],
    );
  await mode(0, "confirm", null);
  await mode(1, "confirm", null);
  await mode(2, "auto_limit", 50);
  await approveCase(t, parts[4]!, 300, "2020-01-05");
});
afterAll(async () => {
  await t.close();
});

describe("the cycle's calendar steps", () => {
  it("announces on the 7th and leaves the collection for the 14th; nothing early is run", async () => {
    expect(await calendarSteps("2020-01-07")).toEqual(["announce 2020-01-07"]);
    expect(await runDueOn(t, "cal", "2020-01-07", "2020-01-07")).toEqual(["2020-01-07"]);
    const [c] = (await listCycles(t.db.pool, "cal")).items;
    // 300 fen + 8% = 324 fen among the four who share = 81 each; not collected yet
    expect(c).toMatchObject({
      status: "announced",
      collectOn: "2020-01-14",
      sharingMembers: 4,
      collectedFen: null,
    });
    expect(await statuses(c!.cycleId)).toEqual(
      ["unconfirmed", "unconfirmed", "unconfirmed", "due", "due"].slice(0, 4),
    );

    // before its date: the collection, the next announcement and a pass dated after the clock are refused
    expect(await code(collectCycle(t.deps, c!.cycleId))).toBe("step_not_due");
    expect(await code(runCycle(t.deps, "cal", civilDate("2020-01-21")))).toBe("step_not_due");
    expect(await code(runDueCycles(t.deps, "cal", civilDate("2020-01-14"), civilDate("2020-01-07")))).toBe(
      "step_not_due",
    );
    expect(PROBLEMS.step_not_due.status).toBe(409);
    // and the refusals left no cycle behind that the scheduler would resume from
    expect((await listCycles(t.db.pool, "cal")).items).toHaveLength(1);
    expect(await calendarSteps("2020-01-13")).toEqual([]);
  });

  it("between the steps members who confirm confirm or decline; an automatic share cannot be declined", async () => {
    clockTo(t, "2020-01-10");
    const [c] = (await listCycles(t.db.pool, "cal")).items;
    const id = c!.cycleId;
    expect(await confirmShare(t.deps, self(0), id, members[0]!)).toEqual({
      status: "confirmed",
      shareFen: 81,
    });
    // over her 50-fen limit, 2 confirms the 81
    expect(await confirmShare(t.deps, self(2), id, members[2]!)).toEqual({
      status: "confirmed",
      shareFen: 81,
    });
    // 1 confirms, then changes her mind before the collection day
    await confirmShare(t.deps, self(1), id, members[1]!);
    expect(await declineShare(t.deps, self(1), id, members[1]!)).toEqual({
      status: "declined",
      shareFen: 81,
    });
    expect(await code(declineShare(t.deps, self(3), id, members[3]!))).toBe("conflict");
    expect(await code(confirmShare(t.deps, self(1), id, members[0]!))).toBe("not_found"); // not hers
    expect(await statuses(id)).toEqual(["due", "unconfirmed", "due", "due"]);
  });

  it("after downtime runs every missed step in date order, skipping none, and the plan's rule settles the declined share", async () => {
    // the server was down from 01-10 to 02-10
    clockTo(t, "2020-02-10");
    expect(await calendarSteps("2020-02-10")).toEqual([
      "collect 2020-01-07 on 2020-01-14",
      "announce 2020-01-21",
      "collect 2020-01-21 on 2020-01-28",
      "announce 2020-02-07",
    ]);
    expect(await runDueOn(t, "cal", "2020-02-10", "2020-02-10")).toEqual([
      "2020-01-07",
      "2020-01-21",
      "2020-02-07",
    ]);
    const facts = await t.db.pool.query(
      "SELECT kind, entry ->> 'announcedOn' AS d FROM log_outbox WHERE entry ->> 'plan' = 'cal' AND kind IN ('announcement', 'cycle_result') ORDER BY outbox_id",
    );
    expect(facts.rows.map((r) => `${r.kind} ${r.d}`)).toEqual([
      "announcement 2020-01-07",
      "cycle_result 2020-01-07",
      "announcement 2020-01-21",
      "cycle_result 2020-01-21",
      "announcement 2020-02-07",
    ]);
    const [first, , third] = (await listCycles(t.db.pool, "cal")).items;
    // 0, 2 and 3 paid 81 each = 243; 1 declined: advanced by the operator, as this plan's rule says
    expect(first).toMatchObject({ status: "disclosed", collectedFen: 243 });
    expect(await statuses(first!.cycleId)).toEqual(["collected", "advanced", "collected", "collected"]);
    expect(third).toMatchObject({ status: "announced", collectOn: "2020-02-14", collectedFen: null });
    // the collection has run: answering now is refused
    expect(await code(confirmShare(t.deps, self(1), first!.cycleId, members[1]!))).toBe(
      "confirmation_closed",
    );
    expect(await code(declineShare(t.deps, self(0), first!.cycleId, members[0]!))).toBe(
      "confirmation_closed",
    );
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });

  it("huzhu cycle run refuses a date after today in one line, exit 2", async () => {
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const r = await runCli(["cycle", "run", "--plan", "cal", "--date", "2099-01-07"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("2099-01-07 is after today");
    expect((await listCycles(t.db.pool, "cal")).items).toHaveLength(3);
  });
});
