import { describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { collectCycle } from "../../src/cycles/collect.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { auditFacts } from "../../src/log/facts-audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { authorisationOf } from "../../src/payments/mandates.ts";
import { SimulatedProvider } from "../../src/payments/simulated.ts";
import { auditLedger, balanceOf } from "../../src/store/ledger.repository.ts";
import { approveCase, enrolMembers, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ nowMs: Date.UTC(2020, 0, 7, 2), presets: ["meituan"], provider: { failureRate: 0 } });
const call = (
  method: "GET" | "POST" | "DELETE",
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

/**
 * 美团 advances a failed share (operatorAdvances), but this one failed for want of consent (a revoked
 * authorisation): the member never agreed to it, so it is no debt of theirs — listed as a share that
 * awaited confirmation and was collected without it (`closed`), not as an advance owed. Nothing held.
 */
const MONEY_UNCONSENTED = (memberId: number, cycleId: number) => ({
  memberId,
  balanceFen: 0,
  claimedByOpenCyclesFen: 0,
  withdrawableFen: 0,
  advancesOwedFen: 0,
  advancedShares: [],
  awaitingConfirmation: [
    {
      cycleId,
      planId: "meituan",
      announcedOn: "2020-01-07",
      shareFen: 10,
      confirmBy: "2020-01-14",
      closed: true,
    },
  ],
  payouts: [],
  dependants: [],
});

describe("the debit authorisation (代扣签约) and disputes of a deduction", () => {
  it("a revoked authorisation makes the next share unconfirmed; a disputed share is refunded by staff, in the ledger and the log", async () => {
    const { parts, registered: m } = await enrolMembers(t, 4, "meituan", "1320000010", "1990-01-01", 400, {
      coveredFrom: "2019-07-01",
      ruleVersion: "2019-04-01",
    });
    const path = (i: number) => `/members/${m[i]!.memberId}/debit-authorisation`;
    expect((await call("GET", path(0), m[0]!.auth)).json()).toEqual({
      memberId: m[0]!.memberId,
      status: "none",
      expiresAt: null,
    });
    // nothing to revoke yet
    expect((await call("DELETE", path(0), m[0]!.auth)).statusCode).toBe(409);
    const signed = await call("POST", path(0), m[0]!.auth);
    expect(signed.statusCode).toBe(201);
    // 365 days from 2020-01-07T02:00Z
    expect(signed.json()).toEqual({
      memberId: m[0]!.memberId,
      status: "signed",
      expiresAt: "2021-01-06T02:00:00.000Z",
    });
    expect((await call("POST", path(1), m[1]!.auth)).json().status).toBe("signed");
    // another member's authorisation is not theirs to revoke
    expect((await call("DELETE", path(0), m[1]!.auth)).statusCode).toBe(404);
    const revoked = await call("DELETE", path(0), m[0]!.auth);
    expect(revoked.json().status).toBe("revoked");
    expect((await call("GET", path(0), m[0]!.auth)).json().status).toBe("revoked");

    await approveCase(t, parts[3]!, 300, "2020-01-05");
    const cycleId = await announceCycle(t.deps, "meituan", civilDate("2020-01-07"));
    // the collection on the 14th, 00:30 in Shanghai (the members' sessions, 6.6 days old, still hold)
    t.clock.set(Date.parse("2020-01-13T16:30:00Z"));
    const d = await collectCycle(t.deps, cycleId);
    // 3 yuan + 8% among 3 sharers, capped at 10 fen each: member 0 (revoked) is treated as unconfirmed,
    // which 美团's rule makes a default; member 1 (signed) and member 2 (no record: the join's consent) pay
    const { rows } = await t.db.pool.query(
      "SELECT member_id, status, share_fen FROM cycle_shares WHERE cycle_id = $1 ORDER BY member_id",
      [cycleId],
    );
    expect(rows.map((r) => [r.status, Number(r.share_fen)])).toEqual([
      ["failed", 10],
      ["collected", 10],
      ["collected", 10],
    ]);
    expect(d).toMatchObject({ collectedFen: 20, failedFen: 10 });
    // member 0 sees the unconsented share, not owed (behaviour changed: it was shown as an advance owed)
    const money = await call("GET", `/members/${m[0]!.memberId}/money`, m[0]!.auth);
    expect(money.json()).toEqual(MONEY_UNCONSENTED(m[0]!.memberId, cycleId));
    expect((await call("GET", `/members/${m[0]!.memberId}/money`, m[1]!.auth)).statusCode).toBe(404);

    // disputes: only a collected share of one's own; once per cycle
    const dispute = (i: number, body: object) =>
      call("POST", `/members/${m[i]!.memberId}/disputes`, m[i]!.auth, body);
    expect((await dispute(0, { cycleId, reason: "not_authorised" })).statusCode).toBe(404);
    expect((await dispute(1, { cycleId, reason: "because" })).statusCode).toBe(400);
    const opened = await dispute(1, { cycleId, reason: "wrong_amount" });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ cycleId, planId: "meituan", amountFen: 10, status: "open" });
    expect((await dispute(1, { cycleId, reason: "wrong_amount" })).statusCode).toBe(409);
    const disputeId = opened.json().disputeId as number;

    // staff decide: a reviewer may not, an operator may; the decision is in the audit trail
    const reviewer = await staffToken(t, ["reviewer"]);
    const operator = await staffToken(t, ["operator"]);
    expect((await call("GET", "/disputes", reviewer)).statusCode).toBe(403);
    expect(
      (await call("GET", "/disputes", operator)).json().items.map((x: { disputeId: number }) => x.disputeId),
    ).toEqual([disputeId]);
    expect(
      (await call("POST", `/disputes/${disputeId}/decision`, reviewer, { refund: true })).statusCode,
    ).toBe(403);
    const pool = () => balanceOf(t.db.pool, "plan:meituan:pool");
    const before = await pool();
    const decided = await call("POST", `/disputes/${disputeId}/decision`, operator, { refund: true });
    expect(decided.json()).toMatchObject({ disputeId, status: "refunded", amountFen: 10 });
    expect(
      (await call("POST", `/disputes/${disputeId}/decision`, operator, { refund: false })).statusCode,
    ).toBe(409);
    // the pool gives back the 10 fen (the pool is credit-normal: its balance rises by 10 toward zero)
    expect((await pool()) - before).toBe(10);
    const audit = await t.db.pool.query(
      "SELECT detail FROM audit_trail WHERE action = 'decide deduction dispute' AND target::jsonb ->> 'dispute' = $1",
      [String(disputeId)],
    );
    expect(audit.rows.map((r) => r.detail)).toEqual([{ decision: "refunded", amountFen: 10 }]);
    expect(
      (await call("GET", `/members/${m[1]!.memberId}/disputes`, m[1]!.auth)).json().items[0].status,
    ).toBe("refunded");

    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const logged = await t.db.pool.query("SELECT canonical FROM log_entries WHERE kind = 'refund'");
    expect(logged.rows.map((r) => JSON.parse(r.canonical))).toEqual([
      expect.objectContaining({
        kind: "refund",
        plan: "meituan",
        dispute: disputeId,
        cycle: cycleId,
        amountFen: 10,
      }),
    ]);
    // the money facts match the ledger (these members were enrolled as records, without join entries)
    expect((await auditFacts(t.db.pool)).filter((p) => p.startsWith("ledger"))).toEqual([]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });

  it("an authorisation expires by the clock, and then counts as revoked", async () => {
    const { registered: m } = await enrolMembers(t, 1, "meituan", "1320000020", "1990-01-01", 420, {
      coveredFrom: "2019-07-01",
      ruleVersion: "2019-04-01",
    });
    const url = `/members/${m[0]!.memberId}/debit-authorisation`;
    await call("POST", url, m[0]!.auth);
    expect((await call("GET", url, m[0]!.auth)).json().status).toBe("signed");
    const self = { kind: "member" as const, id: m[0]!.memberId, roles: ["member" as const] };
    t.clock.advance(365 * 86_400_000 - 1);
    expect((await authorisationOf(t.deps, self, m[0]!.memberId)).status).toBe("signed");
    t.clock.advance(1); // the agreement's last millisecond has passed
    expect((await authorisationOf(t.deps, self, m[0]!.memberId)).status).toBe("expired");
    // the provider says the same of the agreement
    const row = await t.db.pool.query("SELECT agreement_ref FROM debit_authorisations WHERE member_id = $1", [
      m[0]!.memberId,
    ]);
    expect((await t.provider.debitAuthorisation(row.rows[0].agreement_ref)).status).toBe("expired");
    // kept in the provider's books (migration 131): a provider started afresh on them knows it too
    const restarted = new SimulatedProvider({
      seed: "other",
      webhookSecret: "s",
      clock: t.clock,
      store: t.db.pool,
    });
    expect((await restarted.debitAuthorisation(row.rows[0].agreement_ref)).status).toBe("expired");
    expect((await restarted.debitAuthorisation("sim_agr_unknown")).status).toBe("unknown");
    t.clock.advance(-365 * 86_400_000);
  });
});
