import { describe, expect, it } from "vitest";
import { registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

// The checkout's "check the payment": a replayed POST answers its first response (pending), so the
// later result of a payment the provider answers by webhook is read by key.
const asyncKeys = new Set<string>();
const t = useTestApp({ provider: { asyncRate: 0, timeoutRate: 0, asyncKeys } });

describe("GET /members/:memberId/top-ups/:key", () => {
  it("reads a pending top-up as pending, then as succeeded once its webhook has come", async () => {
    const m = await registerMember(t, "13700000501", residentId("1993-04-04", 501));
    asyncKeys.add(`topup:${m.memberId}:k-1`);
    const url = `/members/${m.memberId}/top-ups`;
    // not yet in a plan: the top-up is 水滴's first deposit, naming it
    const up = await t.app.inject({
      method: "POST",
      url,
      headers: { ...m.auth, "idempotency-key": "k-1" },
      payload: { amountFen: 700, planId: "shuidi" },
    });
    expect(up.statusCode).toBe(202);
    const read = () => t.app.inject({ method: "GET", url: `${url}/k-1`, headers: m.auth });
    expect((await read()).json()).toMatchObject({ status: "pending", amountFen: 700, balanceFen: 0 });
    expect(await t.provider.flushWebhooks()).toBe(1);
    // the replayed POST still answers its first response; the read gives the result
    const replay = await t.app.inject({
      method: "POST",
      url,
      headers: { ...m.auth, "idempotency-key": "k-1" },
      payload: { amountFen: 700, planId: "shuidi" },
    });
    expect(replay.statusCode).toBe(202);
    expect((await read()).json()).toMatchObject({ status: "succeeded", amountFen: 700, balanceFen: 700 });
  });

  it("an unknown key and another member's top-up are 404", async () => {
    const m = await registerMember(t, "13700000502", residentId("1993-04-05", 503));
    const other = await registerMember(t, "13700000503", residentId("1993-04-06", 505));
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${m.memberId}/top-ups/nope`, headers: m.auth }))
        .statusCode,
    ).toBe(404);
    const r = await t.app.inject({
      method: "GET",
      url: `/members/${m.memberId}/top-ups/x`,
      headers: other.auth,
    });
    expect(r.statusCode).toBe(404);
  });
});
