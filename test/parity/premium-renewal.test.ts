import { describe, expect, it } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { useTestApp } from "../support/use-app.ts";
import { expectSamePools, type PoolsCase, poolsRunnerReport, runPoolsLive } from "./pools-harness.ts";

// Friendsurance over three pool years, live and in the scenario runner on the same inputs: 16 members
// and 2 whose renewal debits fail, all joined on 2019-01-01; a small claim of a group-1 member on
// 2019-04-12; the years' ends and renewals on 2020-01-01 and 2021-01-01.
const CASE: PoolsCase = {
  plan: "friendsurance",
  members: 16,
  lapsing: 2,
  born: "1990-06-01",
  joined: "2019-01-01",
  to: "2021-01-05",
  event: "small_claim",
  diagnosed: "2019-04-10",
  decided: "2019-04-12",
};

const failKeys = new Set<string>();
const t = useTestApp({
  nowMs: Date.UTC(2021, 5, 1, 2),
  provider: { failureRate: 0, failKeys },
  presets: ["friendsurance"],
});

describe("friendsurance's renewal premiums, live and in the scenario runner", () => {
  it("the same renewals each year, the unpaid ones out of their groups, the same pools, states and ledger", async () => {
    const expected = poolsRunnerReport(CASE);
    const live = await runPoolsLive(t, CASE, expected, failKeys);
    expectSamePools(CASE, live, expected);
    // 2019: group 1 = 15 members (60,000; the claim takes 50,000, 10,000 carried), group 2 = the 16th and
    // the 2 lapsing (12,000, unused: 4,000 back to each). 2020: the 2 lapsing fail to renew and leave;
    // group 1's 14 renew (56,000 + 10,000 carried = 66,000, unused: returned), group 2's one (4,000).
    // 2021: the same 15 renew, open.
    expect(
      expected.pools!.map((p) => [p.year, p.groupNo, p.members, p.poolInFen, p.returnedFen, p.carriedFen]),
    ).toEqual([
      [2019, 1, 15, 60_000, 0, 10_000],
      [2019, 2, 3, 12_000, 12_000, 0],
      [2020, 1, 14, 56_000, 66_000, 0],
      [2020, 2, 1, 4_000, 4_000, 0],
      [2021, 1, 14, 56_000, null, null],
      [2021, 2, 1, 4_000, null, null],
    ]);
    expect(expected.cohorts.map((c) => [c.name, c.active, c.ended])).toEqual([
      ["m", 15, 1],
      ["lapse", 0, 2],
    ]);
    // balances in joining order: the claimant 0; group 1's 2020 return 66,000 over 14 = 4,714 each and 4
    // fen one each to the first four; the 16th 4,000 + 4,000; the lapsing members' 4,000 refunded when
    // their participation ended
    expect(live.balancesFen).toEqual([0, ...Array(4).fill(4_715), ...Array(10).fill(4_714), 8_000, 0, 0]);
    expect(live.poolAccountsFen).toEqual([56_000, 4_000]);
  });

  it("logs each renewal premium, each unpaid renewal's end and refund; the audit passes", async () => {
    const { rows } = await t.db.pool.query<{ entry: Record<string, unknown> }>(
      "SELECT entry FROM log_outbox WHERE kind IN ('pool_premium', 'exit', 'refund') ORDER BY outbox_id",
    );
    const entries = rows.map((r) => r.entry);
    // 15 renewals in 2020 and 15 in 2021, on each year's first day
    const renewals = entries.filter((e) => e.renewal === true);
    expect(renewals.map((e) => e.year)).toEqual([...Array(15).fill(2020), ...Array(15).fill(2021)]);
    expect(renewals[0]).toMatchObject({
      premiumFen: 10_000,
      poolFen: 4_000,
      insurerFen: 6_000,
      on: "2020-01-01",
    });
    expect(entries.filter((e) => e.reason === "premium_unpaid")).toEqual([
      expect.objectContaining({ plan: "friendsurance", on: "2020-01-01" }),
      expect.objectContaining({ plan: "friendsurance", on: "2020-01-01" }),
    ]);
    expect(entries.filter((e) => e.amountFen === 4_000 && e.ledgerTxn !== undefined)).toHaveLength(2);
    const unpaid = await t.db.pool.query(
      "SELECT status, failure_reason FROM pool_renewals WHERE status <> 'paid' ORDER BY participation_id",
    );
    expect(unpaid.rows).toEqual([
      { status: "unpaid", failure_reason: "insufficient_funds" },
      { status: "unpaid", failure_reason: "insufficient_funds" },
    ]);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });
});
