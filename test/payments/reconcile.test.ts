import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "../../src/jobs/worker.ts";
import { installPresets } from "../../src/plans/presets.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId } from "../support/app.ts";
import { testWorker } from "../support/jobs.ts";
import { metric, pastBoundMs, postWebhook, providerBooks, reconcileRun } from "../support/reconcile.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * The reconciliation job (src/payments/reconcile.ts) for top-ups: a top-up left pending — its webhook
 * lost, or its request never received by the provider and the member gone — is asked about by query
 * once it has waited 30 minutes, and settled once through the webhook's own settle path.
 */

const asyncKeys = new Set<string>();
const t = useTestApp({
  presets: [],
  provider: { failureRate: 0, asyncRate: 0, timeoutRate: 0, asyncKeys },
  paymentTimeoutMs: 300,
});
let worker: Worker;
beforeAll(async () => {
  await installPresets(t.db.pool, ["shuidi"]);
  worker = await testWorker(t.deps, t.db.url);
});
afterAll(async () => {
  await worker?.stop();
});

type Member = Awaited<ReturnType<typeof registerMember>>;
const topUp = (m: Member, key: string, amountFen = 1000) =>
  t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/top-ups`,
    headers: { ...m.auth, "idempotency-key": key },
    payload: { amountFen, planId: "shuidi" },
  });
const status = async (m: Member, key: string) =>
  (
    await t.app.inject({ method: "GET", url: `/members/${m.memberId}/top-ups/${key}`, headers: m.auth })
  ).json();
/** What a top-up wrote: its ledger transaction, its log fact (outbox or sequenced), the member's balance. */
async function books(m: Member, key: string) {
  const q = async (sql: string, args: unknown[]) => (await t.db.pool.query(sql, args)).rows[0].n;
  return {
    ledger: await q("SELECT count(*)::int AS n FROM ledger_transactions WHERE idem_key = $1", [
      `payment:topup:${m.memberId}:${key}`,
    ]),
    logged: await q(
      `SELECT (SELECT count(*) FROM log_outbox WHERE kind = 'topup' AND entry ->> 'member' = p.pseudonym)
            + (SELECT count(*) FROM log_entries WHERE kind = 'topup' AND member = p.pseudonym) AS n
       FROM members p WHERE p.member_id = $1`,
      [m.memberId],
    ),
    balanceFen: Number(
      (
        await t.db.pool.query("SELECT balance_fen FROM account_balances WHERE account_id = $1", [
          `member:${m.memberId}:balance`,
        ])
      ).rows[0]?.balance_fen ?? 0,
    ),
  };
}
const later = (ms: number) => t.clock.set(t.clock.now() + ms);

describe("a pending top-up whose webhook is lost", () => {
  it("is settled by the job: credited once, one ledger entry and one log fact; a replayed webhook and a second run change nothing", async () => {
    const m = await registerMember(t, "13500000801", residentId("1990-01-01", 801));
    const key = `topup:${m.memberId}:lost-1`;
    asyncKeys.add(key);
    t.provider.loseWebhooks = true;
    const r = await topUp(m, "lost-1");
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ status: "pending" });
    // the provider finishes it and sends its webhook, which never arrives
    expect(await t.provider.flushWebhooks()).toBe(1);
    expect(await status(m, "lost-1")).toMatchObject({ status: "pending", balanceFen: 0 });

    // within the bound the job leaves it (its webhook may still come)
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await status(m, "lost-1")).toMatchObject({ status: "pending" });
    // the gauge of the oldest pending top-up: recorded at 10:00, now 10:00 (the fixed clock) = 0 s
    expect(await metric(t, 'huzhu_payments_pending_oldest_seconds{kind="topup"}')).toBe(0);

    later(pastBoundMs);
    // 31 minutes on: 31 × 60 = 1860 s
    expect(await metric(t, 'huzhu_payments_pending_oldest_seconds{kind="topup"}')).toBe(1860);
    expect(await reconcileRun(t, worker)).toEqual([]);
    // 1000 fen credited (a liability: -1000 on the member's balance account), once
    expect(await status(m, "lost-1")).toMatchObject({ status: "succeeded", balanceFen: 1000 });
    const once = { ledger: 1, logged: 1, balanceFen: -1000 };
    expect(await books(m, "lost-1")).toEqual(once);
    expect(await providerBooks(t, key)).toMatchObject([{ requests: 1, status: "succeeded" }]);
    expect(await metric(t, 'huzhu_payments_pending_oldest_seconds{kind="topup"}')).toBeUndefined();

    // the lost webhook comes after all (a new event id: recorded, but the request is settled)
    const ref = (await providerBooks(t, key))[0]!.ref;
    const replay = await postWebhook(t, `evt_${ref}`, key, { status: "succeeded", providerRef: ref });
    expect(replay.json()).toEqual({ accepted: true });
    expect(await reconcileRun(t, worker)).toEqual([]);
    later(pastBoundMs);
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await books(m, "lost-1")).toEqual(once);
    expect(await providerBooks(t, key)).toMatchObject([{ requests: 1 }]); // asked, never sent again
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});

describe("a top-up the provider never received", () => {
  it("fails not_received after the bound (nothing taken, nothing sent); a retry just sent is not overtaken; a new key pays", async () => {
    const m = await registerMember(t, "13500000802", residentId("1990-01-01", 803));
    const key = `topup:${m.memberId}:gone-1`;
    const inDoubt = async () =>
      (await t.db.pool.query("SELECT cause FROM payment_in_doubt WHERE idem_key = $1", [key])).rows;
    // first the provider cannot be reached: a 503, not kept as the key's answer, and the key in doubt
    t.provider.outage = "refused";
    expect((await topUp(m, "gone-1")).statusCode).toBe(503);
    expect(await inDoubt()).toEqual([{ cause: "unreachable" }]);

    // 31 minutes on the member tries the same key again, and the request is lost on the way (the
    // provider never sees it): no answer within 300 ms, asked, unknown — pending. Its send was marked,
    // so the job that runs now does not give up a key just sent.
    later(pastBoundMs);
    t.provider.outage = "dropped";
    const r = await topUp(m, "gone-1");
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ status: "pending", balanceFen: 0 });
    expect(await inDoubt()).toEqual([{ cause: "unreachable" }]); // its first record kept
    t.provider.outage = undefined;
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await status(m, "gone-1")).toMatchObject({ status: "pending" });

    // the member went away; 31 minutes after the last send the job asks, and gives the key up
    later(pastBoundMs);
    const givenUp = 'huzhu_payment_reconciliations_total{kind="topup",outcome="not_received"}';
    const before = (await metric(t, givenUp)) ?? 0;
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await status(m, "gone-1")).toMatchObject({
      status: "failed",
      failureReason: "not_received",
      balanceFen: 0,
    });
    expect(await metric(t, givenUp)).toBe(before + 1);
    expect(await inDoubt()).toEqual([]);
    expect(await providerBooks(t, key)).toEqual([]); // never executed, never sent by the job
    expect(await books(m, "gone-1")).toEqual({ ledger: 0, logged: 0, balanceFen: 0 });

    // the same key again (its 202 replayed) sends nothing, a second run changes nothing; "pay again"
    // is a new key, and 1000 fen arrive
    expect((await topUp(m, "gone-1")).statusCode).toBe(202);
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await providerBooks(t, key)).toEqual([]);
    expect(await status(m, "gone-1")).toMatchObject({ status: "failed" });
    const again = await topUp(m, "gone-2");
    expect(again.json()).toMatchObject({ status: "succeeded", balanceFen: 1000 });
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});

describe("the provider down during the job", () => {
  it("changes nothing and counts it; the next run with the provider back settles once", async () => {
    const m = await registerMember(t, "13500000803", residentId("1990-01-01", 805));
    const key = `topup:${m.memberId}:down-1`;
    asyncKeys.add(key);
    t.provider.loseWebhooks = true;
    expect((await topUp(m, "down-1", 500)).statusCode).toBe(202);
    await t.provider.flushWebhooks();
    later(pastBoundMs);
    t.provider.outage = "refused";
    const unreachable = 'huzhu_payment_reconciliations_total{kind="topup",outcome="unreachable"}';
    const before = (await metric(t, unreachable)) ?? 0;
    expect(await reconcileRun(t, worker)).toEqual([]); // the job completes: the next run asks again
    expect(await metric(t, unreachable)).toBe(before + 1);
    expect(await status(m, "down-1")).toMatchObject({ status: "pending", balanceFen: 0 });
    expect(await books(m, "down-1")).toEqual({ ledger: 0, logged: 0, balanceFen: 0 });
    // 31 minutes old and still pending: the alert's gauge shows it
    expect(await metric(t, 'huzhu_payments_pending_oldest_seconds{kind="topup"}')).toBe(1860);

    t.provider.outage = undefined;
    expect(await reconcileRun(t, worker)).toEqual([]);
    expect(await books(m, "down-1")).toEqual({ ledger: 1, logged: 1, balanceFen: -500 });
    expect(await providerBooks(t, key)).toMatchObject([{ requests: 1 }]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });
});
