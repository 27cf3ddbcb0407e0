import { describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { runDueCycles } from "../../src/cycles/schedule.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { ProblemError } from "../../src/errors.ts";
import type { Outage } from "../../src/payments/simulated.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId } from "../support/app.ts";
import { CRASH_PLAN, seedCrashRun } from "../support/crash-run.ts";
import { clockTo } from "../support/cycles.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * A payment provider that cannot be reached, or does not answer within its timeout (the guard of
 * src/payments/guarded.ts, 300 ms here): the requests sit in doubt and are asked about before anything
 * is sent again — never charged twice. The cycles' debits (batches) and a member's top-up.
 */

const MEMBERS = 60;
const opts = {
  presets: [],
  provider: { failureRate: 0, asyncRate: 0, timeoutRate: 0 },
  paymentTimeoutMs: 300,
};

/** The scenario's app, its provider's books and what is in doubt, and a scheduler's day. */
function scenario() {
  const t = useTestApp(opts);
  const debits = async () =>
    (
      await t.db.pool.query<{ key: string; status: string; requests: number }>(
        "SELECT idem_key AS key, status, requests FROM sim_provider_payments WHERE kind = 'debit' ORDER BY idem_key",
      )
    ).rows;
  const inDoubt = async () =>
    (
      await t.db.pool.query<{ cause: string }>("SELECT cause FROM payment_in_doubt ORDER BY idem_key")
    ).rows.map((r) => r.cause);
  /** The day's scheduler pass: the problem code it ends with, or "done". */
  const day = async (today: string): Promise<string> => {
    clockTo(t, today);
    const deps = { ...t.deps, debitBatchSize: 20 };
    return runDueCycles(deps, CRASH_PLAN, civilDate(today), civilDate("2020-01-07")).then(
      () => "done",
      (e: unknown) => (e instanceof ProblemError ? e.problem.code : String(e)),
    );
  };
  const cycle = async () =>
    (
      await t.db.pool.query(
        `SELECT status, failed_fen, pending_fen,
                (SELECT count(*)::int FROM cycle_shares s WHERE s.cycle_id = c.cycle_id AND s.share_fen > 0) AS debits
         FROM cycles c ORDER BY cycle_id DESC LIMIT 1`,
      )
    ).rows[0];
  const audits = async () => [...(await auditLedger(t.db.pool)), ...(await auditCycles(t.db.pool))];
  return { t, debits, inDoubt, day, cycle, audits };
}

/** The provider back in order: the collection day completes, every debit executed once, nothing in doubt. */
async function recoversOnTheCollectionDay(s: ReturnType<typeof scenario>) {
  s.t.provider.outage = undefined;
  expect(await s.day("2020-01-15")).toBe("done");
  const c = await s.cycle();
  expect(c).toMatchObject({ status: "disclosed", failed_fen: 0, pending_fen: 0 });
  const after = await s.debits();
  expect(after).toHaveLength(c.debits);
  expect(after.filter((b) => b.requests !== 1 || b.status !== "succeeded")).toEqual([]);
  expect(await s.inDoubt()).toEqual([]);
  expect(await s.audits()).toEqual([]);
}

describe("a provider slower than its timeout during a collection", () => {
  const s = scenario();
  it("leaves the executed batch in doubt; a query settles it as paid and it is never sent again", async () => {
    await seedCrashRun(s.t.db.pool, MEMBERS);
    expect(await s.day("2020-01-07")).toBe("done"); // announced
    s.t.provider.outage = "slow" satisfies Outage;
    expect(await s.day("2020-01-15")).toBe("payment_provider_unavailable");
    // the provider charged the first batch (20 debits) but its answer never came: 20 keys in doubt
    const charged = await s.debits();
    expect(charged).toHaveLength(20);
    expect(charged.every((b) => b.status === "succeeded" && b.requests === 1)).toBe(true);
    expect(await s.inDoubt()).toEqual(Array(20).fill("timeout"));
    expect((await s.cycle()).status).not.toBe("disclosed");
    // the operator sees them: in doubt now (read from the database), and lost answers counted
    const metrics = (await s.t.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toContain('huzhu_payments_in_doubt{kind="debit"} 20');
    const lost = metrics.match(/huzhu_payment_unknown_answers_total\{kind="debit",cause="timeout"\} (\d+)/);
    expect(Number(lost?.[1])).toBeGreaterThanOrEqual(20);
    expect(await s.audits()).toEqual([]);

    // back up: the 20 in doubt were asked about (query), not sent again: one request each, like every other key
    await recoversOnTheCollectionDay(s);
  });
});

describe("a provider unreachable, then losing requests, during a collection", () => {
  const s = scenario();
  it("charges nothing while it is down; asked first, each debit it never received is sent and charged once", async () => {
    await seedCrashRun(s.t.db.pool, MEMBERS);
    expect(await s.day("2020-01-07")).toBe("done");
    s.t.provider.outage = "refused";
    expect(await s.day("2020-01-15")).toBe("payment_provider_unavailable");
    expect(await s.debits()).toEqual([]);
    expect(await s.inDoubt()).toEqual(Array(20).fill("unreachable"));
    // still down: the keys in doubt cannot even be asked about, so nothing is sent
    expect(await s.day("2020-01-15")).toBe("payment_provider_unavailable");
    // up for queries, but payment requests are lost on the way: asked (unknown), sent, lost again
    s.t.provider.outage = "dropped";
    expect(await s.day("2020-01-15")).toBe("payment_provider_unavailable");
    expect(await s.debits()).toEqual([]);
    expect(await s.inDoubt()).toHaveLength(20);
    expect(await s.audits()).toEqual([]);

    await recoversOnTheCollectionDay(s);
  });
});

describe("a top-up while the provider is out of order", () => {
  const s = scenario();
  const topUp = (m: { memberId: number; auth: Record<string, string> }, key: string) =>
    s.t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": key },
      payload: { amountFen: 1000, planId: "shuidi" },
    });
  const requests = async (key: string) =>
    (await s.t.db.pool.query("SELECT requests FROM sim_provider_payments WHERE idem_key = $1", [key])).rows;

  it("slower than its timeout: the query after the timeout finds it paid, credited once", async () => {
    const { installPresets } = await import("../../src/plans/presets.ts");
    await installPresets(s.t.db.pool, ["shuidi"]);
    const m = await registerMember(s.t, "13500000701", residentId("1990-01-01", 701));
    s.t.provider.outage = "slow";
    const r = await topUp(m, "slow-1");
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: "succeeded", balanceFen: 1000 });
    expect(await requests(`topup:${m.memberId}:slow-1`)).toEqual([{ requests: 1 }]);
    expect(await s.inDoubt()).toEqual([]);
  });

  it("unreachable: a 503 problem saying so, in doubt; the retry asks first and charges once", async () => {
    const m = await registerMember(s.t, "13500000702", residentId("1990-01-01", 703));
    s.t.provider.outage = "refused";
    const r = await topUp(m, "down-1");
    expect(r.statusCode).toBe(503);
    expect(r.headers["content-type"]).toContain("application/problem+json");
    expect(r.json()).toMatchObject({
      code: "payment_provider_unavailable",
      title: expect.stringContaining("payment provider cannot be reached"),
    });
    expect(r.body).not.toContain("    at "); // no stack
    expect(await s.inDoubt()).toEqual(["unreachable"]);
    expect(await requests(`topup:${m.memberId}:down-1`)).toEqual([]);
    s.t.provider.outage = undefined;
    // the same key again: the 503 was not kept as the answer, so the top-up runs, asks, then sends once
    const retry = await topUp(m, "down-1");
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ status: "succeeded", balanceFen: 1000 });
    expect(await requests(`topup:${m.memberId}:down-1`)).toEqual([{ requests: 1 }]);
    expect(await s.inDoubt()).toEqual([]);
    expect(await s.audits()).toEqual([]);
  });
});
