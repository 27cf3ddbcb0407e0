import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { auditCycles } from "../../src/cycles/audit.ts";
import { collectCycle } from "../../src/cycles/collect.ts";
import { runDueRetries } from "../../src/cycles/retries.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { installPlan } from "../../src/plans/presets.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { joinedMembers, SEMI_MONTHLY_UNCAPPED } from "../support/cohort.ts";
import { runDueOn } from "../support/cycles.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/*
 * A debit's answer that comes after the cycle recorded it (the provider's signed webhook): applied to
 * the share and its advance once, whatever the order and however often it is delivered.
 */

let t: TestApp;
const failKeys = new Set<string>();
const asyncKeys = new Set<string>();
const members: number[] = [];
const parts: number[] = [];
const key = (date: string, i: number, retry = "") => `cycle:late:${date}:debit:${members[i]}${retry}`;

beforeAll(async () => {
  t = await testApp({
    nowMs: Date.UTC(2020, 0, 7, 2),
    presets: [],
    provider: { failureRate: 0, failKeys, asyncKeys },
  });
  await installPlan(
    t.db.pool,
    planDoc(
      mutualRules({
        apportionment: SEMI_MONTHLY_UNCAPPED,
        failurePolicy: { retryAttempts: 1, retryEveryDays: 1, exitAfterFailures: 1 },
      }),
      { id: "late" },
    ),
  );
  // A, B, C, D share; E is the first claimant
  const joined = await joinedMembers(t, "late", 5, "1330000010", 700);
  members.push(...joined.members);
  parts.push(...joined.parts);
});
afterAll(async () => {
  await t.close();
});

const advance = async (i: number) =>
  (
    await t.db.pool.query("SELECT balance_fen FROM account_balances WHERE account_id = $1", [
      `member:${members[i]}:advance`,
    ])
  ).rows[0]?.balance_fen ?? 0;
const cycle = async (n: number) => (await listCycles(t.db.pool, "late")).items[n]!;

describe("a debit answered later by webhook", () => {
  it("recovers the advance on a late success, makes a late failure a default, once however often delivered", async () => {
    const [A, B, C, D] = [0, 1, 2, 3];
    asyncKeys.add(key("2020-01-07", A)); // answered later: succeeded
    asyncKeys.add(key("2020-01-07", B)).add(key("2020-01-07", B, ":retry:1")); // later: failed, twice
    failKeys.add(key("2020-01-07", B)).add(key("2020-01-07", B, ":retry:1"));
    asyncKeys.add(key("2020-01-07", D)); // answered later: succeeded
    await approveCase(t, parts[4]!, 300, "2020-01-05");
    // both steps: the announcement on 01-07, the collection on 01-14
    await runDueOn(t, "late", "2020-01-14", "2020-01-07");
    // 300 fen + 8% = 324 fen among 4 members = 81 each; C paid at once, A, B, D pending and advanced
    expect(await cycle(0)).toMatchObject({
      collectedFen: 81,
      failedFen: 243,
      pendingFen: 243,
      advancedFen: 243,
    });
    expect([await advance(A), await advance(B), await advance(C), await advance(D)]).toEqual([81, 81, 0, 81]);

    expect(await t.provider.flushWebhooks()).toBe(3);
    // A and D paid late: their advances are recovered; B's failure stands as a default, still advanced
    expect(await cycle(0)).toMatchObject({
      collectedFen: 243,
      failedFen: 81,
      pendingFen: 0,
      advancedFen: 81,
    });
    expect([await advance(A), await advance(B), await advance(D)]).toEqual([0, 81, 0]);
    const shares = await t.db.pool.query(
      "SELECT status FROM cycle_shares WHERE member_id = ANY($1) ORDER BY member_id",
      [members.slice(0, 4)],
    );
    expect(shares.rows.map((r) => r.status)).toEqual(["collected", "failed", "collected", "collected"]);

    // the same event delivered again, and a contradicting answer for A, change nothing
    const stored = await t.db.pool.query<{ payload: unknown }>(
      "SELECT payload FROM webhook_events WHERE payload ->> 'key' = $1",
      [key("2020-01-07", D)],
    );
    const post = (raw: string) =>
      t.app.inject({
        method: "POST",
        url: "/payments/webhook",
        headers: {
          "content-type": "application/json",
          "x-signature": signWebhook("whsec_test", raw, Math.floor(t.clock.now() / 1000)),
        },
        payload: raw,
      });
    expect((await post(JSON.stringify(stored.rows[0]!.payload))).json()).toEqual({ accepted: false });
    const contradiction = JSON.stringify({
      eventId: "evt_other",
      key: key("2020-01-07", A),
      result: { status: "failed", providerRef: "x", reason: "declined" },
      at: t.clock.now(),
    });
    expect((await post(contradiction)).json()).toEqual({ accepted: true });
    expect(await cycle(0)).toMatchObject({ collectedFen: 243, failedFen: 81 });
    expect(await advance(A)).toBe(0);

    // the retry on 01-15 (collection 01-14 + 1 day) is answered later too: pending, not a default yet
    t.clock.set(Date.UTC(2020, 0, 15, 2));
    await runDueRetries(t.deps, "late", civilDate("2020-01-15"));
    expect(await cycle(0)).toMatchObject({ failedFen: 81, pendingFen: 81, retriesDone: 1 });
    const status = async (i: number) =>
      (
        await t.db.pool.query("SELECT status, end_reason FROM participations WHERE participation_id = $1", [
          parts[i],
        ])
      ).rows[0];
    expect(await status(B)).toEqual({ status: "active", end_reason: null });
    // its failure arrives after the last retry: a default, and B leaves the plan (exit after 1 failure)
    expect(await t.provider.flushWebhooks()).toBe(1);
    expect(await cycle(0)).toMatchObject({
      collectedFen: 243,
      failedFen: 81,
      pendingFen: 0,
      advancedFen: 81,
    });
    expect(await status(B)).toEqual({ status: "ended", end_reason: "sharing_obligation_failed" });
    expect(await advance(B)).toBe(81);

    // the late answers' ledger: one entry each, keyed by the debit's key
    const entries = await t.db.pool.query(
      "SELECT idem_key FROM ledger_transactions WHERE idem_key LIKE '%:answer' ORDER BY idem_key",
    );
    expect(entries.rows.map((r) => r.idem_key).sort()).toEqual(
      [`${key("2020-01-07", A)}:answer`, `${key("2020-01-07", D)}:answer`].sort(),
    );
    // provider clearing: C's 81 at collection + A's and D's 81 late = 243 fen
    const clearing = await t.db.pool.query(
      "SELECT balance_fen FROM account_balances_now WHERE account_id = 'provider:clearing'",
    );
    expect(clearing.rows[0].balance_fen).toBe(243);
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });

  it("an answer that arrives before the collection records its batch is kept, and the debit is not sent again", async () => {
    const [A, C, D] = [0, 2, 3];
    t.clock.set(Date.UTC(2020, 0, 21, 2));
    await approveCase(t, parts[D]!, 200, "2020-01-20");
    const cycleId = await announceCycle(t.deps, "late", civilDate("2020-01-21"));
    // B has left and D is the claimant: 200 fen + 8% = 216 fen among A and C = 108 each. The provider
    // executes A's debit (the process dies before recording the answer) and its webhook comes first.
    asyncKeys.add(key("2020-01-21", A));
    const request = {
      key: key("2020-01-21", A),
      kind: "debit" as const,
      memberId: members[A]!,
      amountFen: 108,
    };
    expect(await t.provider.executeBatch([request])).toMatchObject([{ status: "pending" }]);
    expect(await t.provider.flushWebhooks()).toBe(1);
    t.clock.set(Date.UTC(2020, 0, 28, 2)); // the collection day
    const d = await collectCycle(t.deps, cycleId);
    expect(d).toMatchObject({ sharingMembers: 2, collectedFen: 216, failedFen: 0, pendingFen: 0 });
    const asked = await t.db.pool.query(
      "SELECT idem_key, requests FROM sim_provider_payments WHERE idem_key LIKE 'cycle:late:2020-01-21:%' ORDER BY idem_key",
    );
    expect(asked.rows.map((r) => r.requests)).toEqual([1, 1]); // A once (before), C once
    expect(await advance(A)).toBe(0);
    expect(await advance(C)).toBe(0);
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await auditCycles(t.db.pool)).toEqual([]);
  });
});
