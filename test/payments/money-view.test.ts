import { describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { collectCycle } from "../../src/cycles/collect.ts";
import { cycleRepository } from "../../src/cycles/cycle.repository.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { debitKey } from "../../src/domain/cycle/debit-key.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { approveCase, enrolChild, enrolMembers, registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

// debits that fail whatever the rates say, added by the tests below
const failKeys = new Set<string>();
const t = useTestApp({
  nowMs: Date.UTC(2020, 0, 7, 2),
  presets: ["xianghubao"],
  provider: { failureRate: 0, failKeys },
});
const answers = { major_illness: false, hospitalised: false };

describe("the member's money view: payouts received and a dependant's charges", () => {
  it("lists the guardian's payout and the child's (to the guardian, by masked name), and the child's share", async () => {
    const g = await registerMember(t, "13900000601", residentId("1982-02-02", 861), "周七");
    const join = (memberId: number) =>
      t.app.inject({
        method: "POST",
        url: "/participations",
        headers: g.auth,
        payload: { memberId, planId: "xianghubao", answers, answersVersion: "V2" },
      });
    const mine = (await join(g.memberId)).json().participationId as number;
    const childId = (await enrolChild(t, g, { name: "周小七", residentId: residentId("2015-05-05", 862) }))
      .memberId as number;
    const theirs = (await join(childId)).json().participationId as number;
    // a second child, who does not claim, and so shares in the cycle
    const sibling = (await enrolChild(t, g, { name: "周小八", residentId: residentId("2016-06-06", 864) }))
      .memberId as number;
    const siblingPart = (await join(sibling)).json().participationId as number;
    // members joined before the announcement day share (p.joined_on < announcedOn): the sibling's join
    // recorded a day earlier
    await t.db.pool.query("UPDATE participations SET joined_on = '2020-01-06' WHERE participation_id = $1", [
      siblingPart,
    ]);
    await enrolMembers(t, 4, "xianghubao", "1370000060", "1985-01-01", 870);
    // two cases entered as records (no claim rows): 1,000 yuan for the guardian, 500 for the child
    await approveCase(t, mine, 100_000, "2020-01-05");
    await approveCase(t, theirs, 50_000, "2020-01-05");
    const cycleId = await announceCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    // the collection on the 14th, 00:30 in Shanghai (the guardian's session, 6.6 days old, still holds)
    t.clock.set(Date.parse("2020-01-13T16:30:00Z"));
    await collectCycle(t.deps, cycleId);
    const cycle = await cycleRepository.cycleById(t.db.pool, cycleId);

    const money = await t.app.inject({ method: "GET", url: `/members/${g.memberId}/money`, headers: g.auth });
    expect(money.statusCode).toBe(200);
    const body = money.json();
    const child = (
      await t.app.inject({ method: "GET", url: `/members/${g.memberId}/dependants`, headers: g.auth })
    ).json();
    const childName = (child.items ?? child).find((d: { memberId: number }) => d.memberId === childId).name;
    expect(childName).not.toBe("周小七"); // masked
    expect(body.payouts).toEqual([
      expect.objectContaining({ planId: "xianghubao", cycleId, claimId: null, destination: "member" }),
      expect.objectContaining({ cycleId, destination: "guardian", beneficiary: childName }),
    ]);
    // what was paid: the ledger's one payout, split 2 : 1 by benefit (paidPerCase), every fen of it
    const paid = await t.db.pool.query(
      `SELECT -sum(p.amount_fen)::int AS fen FROM ledger_postings p JOIN ledger_transactions x USING (txn_id)
       WHERE x.idem_key = $1 AND p.account_id = 'world:paid_out'`,
      [`cycle:xianghubao:2020-01-07:payout`],
    );
    const [a, b] = body.payouts.map((p: { amountFen: number }) => p.amountFen);
    expect(a + b).toBe(paid.rows[0].fen);
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(a - 2 * b)).toBeLessThanOrEqual(2);
    expect(body.payouts.map((p: { paidOn: string }) => p.paidOn)).toEqual([
      cycle!.collectOn,
      cycle!.collectOn,
    ]);
    // the sibling's share of the cycle among the dependants' charges; the claimant child shared nothing
    expect(body.dependants).toEqual([
      { memberId: childId, name: childName, charges: [] },
      {
        memberId: sibling,
        name: expect.stringMatching(/^周\*+$/),
        charges: [expect.objectContaining({ cycleId, planId: "xianghubao", announcedOn: "2020-01-07" })],
      },
    ]);
    expect(body.dependants[1].charges[0].shareFen).toBeGreaterThan(0);
    // the log's payout entries carry the same amounts
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const logged = await t.db.pool.query(
      "SELECT canonical FROM log_entries WHERE kind = 'payout' ORDER BY idx",
    );
    expect(logged.rows.map((r) => JSON.parse(r.canonical).amountFen)).toEqual([a, b]);
    // another member cannot read it
    const other = await registerMember(t, "13900000602", residentId("1982-02-03", 863));
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${g.memberId}/money`, headers: other.auth }))
        .statusCode,
    ).toBe(404);
  });
});

describe("the money view: a share awaiting confirmation is not an advance owed", () => {
  it("lists a confirm-mode member's share as awaiting confirmation before and after its collection, never as owed; a consented share that failed is owed", async () => {
    t.clock.set(Date.UTC(2020, 1, 7, 2)); // 2020-02-07, an announcement day (7th and 21st)
    const join = async (m: Awaited<ReturnType<typeof registerMember>>) => {
      const r = await t.app.inject({
        method: "POST",
        url: "/participations",
        headers: m.auth,
        payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion: "V2" },
      });
      const id = r.json().participationId as number;
      // sharers joined before the announcement day
      await t.db.pool.query(
        "UPDATE participations SET joined_on = '2020-02-01' WHERE participation_id = $1",
        [id],
      );
      return id;
    };
    const asks = await registerMember(t, "13900000611", residentId("1983-03-03", 881));
    const fails = await registerMember(t, "13900000612", residentId("1983-03-04", 882));
    const claimant = await registerMember(t, "13900000613", residentId("1983-03-05", 883));
    const asksPart = await join(asks);
    await join(fails);
    const claimantPart = await join(claimant);
    const mode = await t.app.inject({
      method: "PUT",
      url: `/participations/${asksPart}/share-mode`,
      headers: asks.auth,
      payload: { mode: "confirm" },
    });
    expect(mode.statusCode).toBe(200);
    await approveCase(t, claimantPart, 100_000, "2020-02-05");
    const cycleId = await announceCycle(t.deps, "xianghubao", civilDate("2020-02-07"));
    const cycle = (await cycleRepository.cycleById(t.db.pool, cycleId))!;
    const money = async (m: typeof asks) =>
      (await t.app.inject({ method: "GET", url: `/members/${m.memberId}/money`, headers: m.auth })).json();
    const before = await money(asks);
    expect(before.awaitingConfirmation).toEqual([
      expect.objectContaining({ cycleId, planId: "xianghubao", confirmBy: cycle.collectOn, closed: false }),
    ]);
    const shareFen = before.awaitingConfirmation[0].shareFen as number;
    expect(shareFen).toBeGreaterThan(0);
    expect([before.advancesOwedFen, before.advancedShares]).toEqual([0, []]);
    // the collection: the confirm-mode member did not answer (a default, advanced by 相互宝's operator),
    // the auto member's debit fails
    failKeys.add(debitKey("xianghubao", civilDate("2020-02-07"), fails.memberId));
    t.clock.set(Date.parse(`${cycle.collectOn}T00:30:00+08:00`)); // the sessions, 6.6 days old, still hold
    await collectCycle(t.deps, cycleId);
    const { rows } = await t.db.pool.query<{ member_id: string; status: string }>(
      "SELECT member_id, status FROM cycle_shares WHERE cycle_id = $1 AND member_id = ANY($2) ORDER BY member_id",
      [cycleId, [asks.memberId, fails.memberId]],
    );
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    const after = await money(asks);
    // the ledger holds the operator's advance on both; only the consented one is the member's debt
    expect(after.advancesOwedFen).toBe(0);
    expect(after.advancedShares).toEqual([]);
    expect(after.awaitingConfirmation).toEqual([
      {
        cycleId,
        planId: "xianghubao",
        announcedOn: "2020-02-07",
        shareFen,
        confirmBy: cycle.collectOn,
        closed: true,
      },
    ]);
    const owed = await money(fails);
    expect(owed.advancesOwedFen).toBe(shareFen); // same weight, same share
    expect(owed.advancedShares).toEqual([
      { cycleId, planId: "xianghubao", announcedOn: "2020-02-07", shareFen },
    ]);
    expect(owed.awaitingConfirmation).toEqual([]);
  });
});
