import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { applyBalanceRules } from "../../src/enrolment/balance-rules.ts";
import { limits } from "../../src/limits.ts";
import { reconcilePayments } from "../../src/payments/reconcile.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId, testApp } from "../support/app.ts";
import { joinShuidi } from "../support/enrol.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ provider: { asyncRate: 0 } });

async function ledgerTotals() {
  const { rows } = await t.db.pool.query("SELECT count(*)::int AS txns FROM ledger_transactions");
  return rows[0].txns as number;
}

describe("idempotency", () => {
  it("50 concurrent requests with one key make one top-up and the same answer", async () => {
    const m = await registerMember(t, "13500000001", residentId("1990-01-01", 501));
    const before = await ledgerTotals();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.app.inject({
          method: "POST",
          url: `/members/${m.memberId}/top-ups`,
          headers: { ...m.auth, "idempotency-key": "same-key" },
          payload: { amountFen: 1000, planId: "shuidi" },
        }),
      ),
    );
    expect(new Set(replies.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect(await ledgerTotals()).toBe(before + 1);
    expect(t.provider.executed).toBeGreaterThanOrEqual(1);
    const bal = await t.app.inject({ method: "GET", url: `/members/${m.memberId}/balance`, headers: m.auth });
    expect(bal.json().balanceFen).toBe(1000);
  });

  it("replays an error with the same key, and refuses the key with another body (422)", async () => {
    const m = await registerMember(t, "13500000002", residentId("1990-01-01", 503));
    const first = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: { ...m.auth, "idempotency-key": "j1" },
      payload: { memberId: m.memberId, planId: "shuidi" },
    });
    expect(first.statusCode).toBe(400); // the declaration is missing
    const replay = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: { ...m.auth, "idempotency-key": "j1" },
      payload: { memberId: m.memberId, planId: "shuidi" },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toBe(first.body);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    const other = await t.app.inject({
      method: "POST",
      url: "/participations",
      headers: { ...m.auth, "idempotency-key": "j1" },
      payload: { memberId: m.memberId, planId: "xianghubao" },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe("idempotency_key_reused");
  });
});

describe("a top-up funds a prepaid participation", () => {
  it("refuses a member with none (409 naming planId), and a plan named that is not prepaid", async () => {
    const m = await registerMember(t, "13500000006", residentId("1990-01-01", 511));
    const send = (key: string, payload: object) =>
      t.app.inject({
        method: "POST",
        url: `/members/${m.memberId}/top-ups`,
        headers: { ...m.auth, "idempotency-key": key },
        payload,
      });
    const none = await send("n1", { amountFen: 900 });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: "no_prepaid_participation", field: "planId" });
    // 相互宝 is post-paid: nothing to fund there either
    const postPaid = await send("n2", { amountFen: 900, planId: "xianghubao" });
    expect(postPaid.json()).toMatchObject({ code: "no_prepaid_participation", field: "planId" });
    expect((await send("n3", { amountFen: 900, planId: "nosuchplan" })).statusCode).toBe(404);
    // nothing was booked: no request, no ledger entry
    const booked = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM payment_requests WHERE member_id = $1",
      [m.memberId],
    );
    expect(booked.rows[0].n).toBe(0);
    // 水滴's first deposit before joining, then a top-up into the participation, both accepted
    expect((await send("n4", { amountFen: 900, planId: "shuidi" })).statusCode).toBe(201);
    expect((await joinShuidi(t, m)).statusCode).toBe(201);
    expect((await send("n5", { amountFen: 100 })).json()).toMatchObject({
      status: "succeeded",
      balanceFen: 1000,
    });
  });
});

describe("top-ups through the simulated provider", () => {
  it("a top-up killed after the provider charged and replayed leaves one credit", async () => {
    const m = await registerMember(t, "13500000003", residentId("1990-01-01", 505));
    // The crash: the request is recorded and the provider executes, then the process dies before settling.
    await t.db.pool.query(
      "INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at) VALUES ($1, 'topup', $2, 500, 'pending', now())",
      [`topup:${m.memberId}:crash-key`, m.memberId],
    );
    await t.provider.execute({
      key: `topup:${m.memberId}:crash-key`,
      kind: "topup",
      memberId: m.memberId,
      amountFen: 500,
    });
    const executed = t.provider.executed;
    const replay = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "crash-key" },
      payload: { amountFen: 500, planId: "shuidi" },
    });
    expect(replay.json()).toMatchObject({ status: "succeeded", balanceFen: 500 });
    expect(t.provider.executed).toBe(executed); // the provider did not charge twice
    const again = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": "crash-key" },
      payload: { amountFen: 500, planId: "shuidi" },
    });
    expect(again.json().balanceFen).toBe(500);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });

  it("settles a lost answer by a signed webhook, once; refuses a bad signature", async () => {
    const slow = await testApp({ provider: { timeoutRate: 1 }, presets: ["shuidi"] });
    try {
      const m = await registerMember(slow, "13500000004", residentId("1990-01-01", 507));
      const r = await slow.app.inject({
        method: "POST",
        url: `/members/${m.memberId}/top-ups`,
        headers: { ...m.auth, "idempotency-key": "t" },
        payload: { amountFen: 700, planId: "shuidi" },
      });
      // the call timed out, but the provider had executed it: querying by key settles it at once
      expect(r.json()).toMatchObject({ status: "succeeded", balanceFen: 700 });
      expect(await slow.provider.flushWebhooks()).toBe(1); // the webhook arrives later and changes nothing
      expect(
        (
          await slow.app.inject({ method: "GET", url: `/members/${m.memberId}/balance`, headers: m.auth })
        ).json().balanceFen,
      ).toBe(700);
      const forged = await slow.app.inject({
        method: "POST",
        url: "/payments/webhook",
        headers: { "content-type": "application/json", "x-signature": signWebhook("wrong", "{}", 1) },
        payload: "{}",
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.json().code).toBe("invalid_signature");
    } finally {
      await slow.close();
    }
  });

  it("answers 202 while only the webhook can tell, then the webhook credits once", async () => {
    const later = await testApp({ provider: { asyncRate: 1 }, presets: ["shuidi"] });
    try {
      const m = await registerMember(later, "13500000005", residentId("1990-01-01", 509));
      const r = await later.app.inject({
        method: "POST",
        url: `/members/${m.memberId}/top-ups`,
        headers: { ...m.auth, "idempotency-key": "a" },
        payload: { amountFen: 300, planId: "shuidi" },
      });
      expect(r.statusCode).toBe(202);
      expect(r.json()).toMatchObject({ status: "pending", balanceFen: 0 });
      await later.provider.flushWebhooks();
      expect(
        (
          await later.app.inject({ method: "GET", url: `/members/${m.memberId}/balance`, headers: m.auth })
        ).json().balanceFen,
      ).toBe(300);
      // settled by its webhook: nothing left for the reconciliation, even well past its bound
      later.clock.set(later.clock.now() + 2 * limits.paymentReconcileAfterSeconds * 1000);
      expect(await reconcilePayments(later.deps)).toMatchObject({ answered: 0, not_received: 0 });
    } finally {
      await later.close();
    }
  });
});

describe("ledger property", () => {
  it("any sequence of joins, top-ups, suspensions and exits keeps every transaction balanced and every balance equal to its postings", async () => {
    const members: Array<Awaited<ReturnType<typeof registerMember>>> = [];
    for (const i of [0, 1, 2])
      members.push(await registerMember(t, `1340000000${i}`, residentId("1993-01-01", 600 + i * 2)));
    let step = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: 2 }),
            op: fc.constantFrom("topup", "join", "exit", "check"),
            amountFen: fc.integer({ min: 1, max: 5000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (ops) => {
          for (const o of ops) {
            const m = members[o.who]!;
            step++;
            if (o.op === "topup") {
              await t.app.inject({
                method: "POST",
                url: `/members/${m.memberId}/top-ups`,
                headers: { ...m.auth, "idempotency-key": `p${step}` },
                payload: { amountFen: o.amountFen, planId: "shuidi" },
              });
            } else if (o.op === "join") {
              await joinShuidi(t, m);
            } else if (o.op === "exit") {
              const list = (
                await t.app.inject({ method: "GET", url: "/participations", headers: m.auth })
              ).json().items;
              const open = list.find((p: { status: string }) => p.status !== "ended");
              if (open)
                await t.app.inject({
                  method: "POST",
                  url: `/participations/${open.participationId}/exit`,
                  headers: m.auth,
                });
            } else {
              await applyBalanceRules(t.deps, "shuidi", civilDate("2020-03-01"));
            }
          }
          return (await auditLedger(t.db.pool)).length === 0;
        },
      ),
      { numRuns: 15 },
    );
  });
});
