import { beforeAll, describe, expect, it } from "vitest";
import { installPlan } from "../../src/plans/install.ts";
import { registerMember, residentId } from "../support/app.ts";
import {
  at,
  claimCount,
  get,
  joinPlan,
  operator,
  PDF,
  post,
  reviewer,
  reviewerId,
  setNow,
  t,
  useClaimsStory,
} from "../support/claims.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

useClaimsStory();

describe("review deposit", () => {
  let k: Awaited<ReturnType<typeof registerMember>> & { participationId: number };
  beforeAll(async () => {
    await setNow(at("2020-03-01"));
    // a plan asking a 10-yuan review deposit, joined with no waiting period
    await installPlan(
      t.db.pool,
      planDoc(mutualRules({ waiting: [], claims: { reviewDeposit: 10 } }), { id: "deposit-plan" }),
    );
    k = await joinPlan(
      await registerMember(t, "13900000099", residentId("1988-08-08", 399)),
      "deposit-plan",
      false,
    );
    await t.app.inject({
      method: "POST",
      url: `/members/${k.memberId}/top-ups`,
      headers: { ...k.auth, "idempotency-key": "dep-1" },
      payload: { amountFen: 2500 },
    });
  });
  const held = async () => (await get(`/members/${k.memberId}/balance`, k.auth)).json().balanceFen;

  it("is taken at the report and refunded on withdrawal", async () => {
    expect(await held()).toBe(2500);
    const r = await post("/claims", k.auth, {
      participationId: k.participationId,
      event: "cancer",
      diagnosedOn: "2020-03-01",
    });
    expect(r.json()).toMatchObject({ deposit: { fen: 1000, status: "held" } });
    // 2,500 − 1,000 deposit = 1,500
    expect(await held()).toBe(1500);
    const w = await post(`/claims/${r.json().claimId}/withdraw`, k.auth, { reason: "recovered" });
    expect(w.json()).toMatchObject({ state: "withdrawn", deposit: { status: "refunded" } });
    expect(await held()).toBe(2500);
  });

  it("is forfeited to the plan's pool on a false claim, which also ends the participation", async () => {
    const r = await post("/claims", k.auth, {
      participationId: k.participationId,
      event: "cancer",
      diagnosedOn: "2020-03-01",
    });
    const id = r.json().claimId;
    await post(`/claims/${id}/documents`, { ...k.auth, "content-type": "application/pdf" }, PDF);
    await post(`/claims/${id}/submit`, k.auth);
    await post(`/claims/${id}/assignment`, operator, { reviewerId });
    const d = await post(`/claims/${id}/decision`, reviewer, { falseClaim: true, note: "forged report" });
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { reason: "false_claim" },
      deposit: { status: "forfeited" },
    });
    expect(await held()).toBe(1500);
    const pool = await t.db.pool.query(
      "SELECT coalesce(sum(amount_fen), 0)::int AS s FROM ledger_postings WHERE account_id = 'plan:deposit-plan:pool'",
    );
    // the pool is credited (a liability to the members) with the 1,000 fen
    expect(pool.rows[0].s).toBe(-1000);
    expect((await get(`/participations/${k.participationId}`, k.auth)).json().status).toBe("ended");
  });

  it("a report without enough balance for the deposit is refused and changes nothing", async () => {
    const poor = await joinPlan(
      await registerMember(t, "13900000098", residentId("1988-08-08", 397)),
      "deposit-plan",
      false,
    );
    const before = await claimCount();
    const r = await post("/claims", poor.auth, {
      participationId: poor.participationId,
      event: "cancer",
      diagnosedOn: "2020-03-01",
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe("insufficient_balance");
    expect(await claimCount()).toBe(before);
  });

  it("claims without documents lapse after 7 days; the deposit comes back", async () => {
    const r = await post("/claims", k.auth, {
      participationId: k.participationId,
      event: "major",
      diagnosedOn: "2020-03-01",
    });
    // a participation ended by the false claim can still report: the decision judges the standing
    expect(r.statusCode).toBe(201);
    await setNow(at("2020-03-09")); // due 03-08
    const a = await post("/admin/claims/advance", operator);
    expect(a.json().lapsed).toBeGreaterThanOrEqual(1);
    expect((await get(`/claims/${r.json().claimId}`, k.auth)).json()).toMatchObject({
      state: "lapsed",
      deposit: { status: "refunded" },
    });
  });
});
