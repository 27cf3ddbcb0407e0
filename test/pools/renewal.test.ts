import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { afterFailedRenewal, renewalAttemptDays, renewsIn } from "../../src/domain/plan/premium-pool.ts";
import { dueRenewals, renewalKey } from "../../src/pools/renewal.ts";
import { registerMember, residentId } from "../support/app.ts";
import { runDueOn } from "../support/cycles.ts";
import { useTestApp } from "../support/use-app.ts";

describe("the renewal rules (premium-pool.ts), one meaning live and in the runner", () => {
  const policy = { retryAttempts: 2, retryEveryDays: 3 };
  it("owes a year's renewal only from a member who joined in an earlier year", () => {
    expect(renewsIn(civilDate("2019-12-31"), 2020)).toBe(true);
    expect(renewsIn(civilDate("2020-01-01"), 2020)).toBe(false);
    expect(renewsIn(civilDate("2020-06-01"), 2020)).toBe(false);
  });
  it("attempts on the year's first day, then every retryEveryDays; after the last, or without consent, the end", () => {
    expect(renewalAttemptDays(2020, policy)).toEqual(["2020-01-01", "2020-01-04", "2020-01-07"]);
    expect(renewalAttemptDays(2020, { retryAttempts: 0, retryEveryDays: 1 })).toEqual(["2020-01-01"]);
    const today = civilDate("2020-01-01");
    expect(afterFailedRenewal(2020, 0, policy, today, true)).toEqual({ retryOn: "2020-01-04" });
    expect(afterFailedRenewal(2020, 1, policy, civilDate("2020-01-04"), true)).toEqual({
      retryOn: "2020-01-07",
    });
    expect(afterFailedRenewal(2020, 2, policy, civilDate("2020-01-07"), true)).toEqual({
      endsOn: "2020-01-07",
    });
    // a withdrawn consent is not retried: no retry may debit without it
    expect(afterFailedRenewal(2020, 0, policy, today, false)).toEqual({ endsOn: today });
  });
});

const asyncKeys = new Set<string>();
const t = useTestApp({
  nowMs: Date.UTC(2019, 0, 1, 2),
  provider: { failureRate: 0, asyncKeys },
  presets: ["friendsurance"],
});

let seq = 0;
async function joined() {
  const n = seq++;
  const m = await registerMember(
    t,
    `1${String(7.7e9 + n).padStart(10, "0")}`,
    residentId("1990-06-01", 700 + n),
  );
  const up = await t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/top-ups`,
    headers: { ...m.auth, "idempotency-key": `renew-${n}` },
    payload: { amountFen: 10_000, planId: "friendsurance" },
  });
  expect(up.statusCode).toBeLessThan(300);
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "friendsurance" },
  });
  expect(r.statusCode).toBe(201);
  return { ...m, participationId: r.json().participationId as number };
}
const statusOf = async (participationId: number) =>
  (
    await t.db.pool.query<{ status: string; end_reason: string | null }>(
      "SELECT status, end_reason FROM participations WHERE participation_id = $1",
      [participationId],
    )
  ).rows[0];
const premiums2020 = async () =>
  (
    await t.db.pool.query<{ participation_id: string; paid_on: string }>(
      "SELECT participation_id, paid_on::text FROM pool_premiums WHERE year = 2020 ORDER BY 1",
    )
  ).rows.map((r) => [Number(r.participation_id), r.paid_on]);

describe("the renewal step live: consent, a late answer, once", () => {
  it("debits who consents, ends who revoked the authorisation without a debit, and asks again for a late answer", async () => {
    const auto = await joined();
    const revoked = await joined();
    const late = await joined();
    // the member signs the 代扣 authorisation, then revokes it
    const auth = (method: "POST" | "DELETE") =>
      t.app.inject({
        method,
        url: `/members/${revoked.memberId}/debit-authorisation`,
        headers: revoked.auth,
      });
    expect((await auth("POST")).statusCode).toBeLessThan(300);
    expect((await auth("DELETE")).statusCode).toBeLessThan(300);
    asyncKeys.add(renewalKey("friendsurance", late.participationId, 2020, 0));
    // nothing is due in the joining year, nor before the next year's first day
    expect(await dueRenewals(t.db.pool, "friendsurance", civilDate("2019-12-31"))).toEqual([]);
    expect(await dueRenewals(t.db.pool, "friendsurance", civilDate("2020-01-01"))).toEqual([2020]);
    await runDueOn(t, "friendsurance", "2020-01-01", "2019-01-01");
    expect(await premiums2020()).toEqual([[auto.participationId, "2020-01-01"]]);
    expect(await statusOf(revoked.participationId)).toEqual({
      status: "ended",
      end_reason: "premium_unpaid",
    });
    // no debit was sent for the member who withdrew consent
    const key = renewalKey("friendsurance", revoked.participationId, 2020, 0);
    expect(await t.deps.payments.query(key)).toEqual({ status: "unknown" });
    const { rows } = await t.db.pool.query(
      "SELECT participation_id::int AS p, status, failure_reason FROM pool_renewals ORDER BY 1",
    );
    expect(rows).toEqual([
      { p: auto.participationId, status: "paid", failure_reason: null },
      { p: revoked.participationId, status: "unpaid", failure_reason: "no_consent" },
      { p: late.participationId, status: "pending", failure_reason: null },
    ]);
    // the late answer: still due while pending; the provider's webhook (a key huzhu's tables do not hold)
    // changes nothing, the next pass asks the provider and records the premium
    expect(await dueRenewals(t.db.pool, "friendsurance", civilDate("2020-01-02"))).toEqual([2020]);
    await t.provider.flushWebhooks();
    expect(await premiums2020()).toHaveLength(1);
    await runDueOn(t, "friendsurance", "2020-01-02", "2019-01-01");
    expect(await premiums2020()).toEqual([
      [auto.participationId, "2020-01-01"],
      [late.participationId, "2020-01-02"],
    ]);
    expect(await statusOf(late.participationId)).toEqual({ status: "active", end_reason: null });
  });

  it("a second pass has no second effect: nothing due, one premium each, one ledger entry each", async () => {
    expect(await dueRenewals(t.db.pool, "friendsurance", civilDate("2020-01-03"))).toEqual([]);
    await runDueOn(t, "friendsurance", "2020-01-03", "2019-01-01");
    expect(await premiums2020()).toHaveLength(2);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'pool_premium' AND idem_key LIKE '%:2020'",
    );
    expect(rows).toEqual([{ n: 2 }]);
  });
});
