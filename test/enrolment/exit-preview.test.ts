import { describe, expect, it } from "vitest";
import { accounts, transfer } from "../../src/domain/ledger.ts";
import { fen } from "../../src/domain/money.ts";
import { withTransaction } from "../../src/store/db.ts";
import { postTransaction } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId } from "../support/app.ts";
import { joinShuidi } from "../support/enrol.ts";
import { useTestApp } from "../support/use-app.ts";

// The exit screen shows what leaving settles before the member confirms: GET .../exit changes nothing,
// and the POST then does exactly what it showed.
const t = useTestApp({ provider: { asyncRate: 0 } });
const send = (method: "GET" | "POST", url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe("GET /participations/:id/exit", () => {
  it("shows the advance paid from the balance, the refund and what stays owed; the exit matches it", async () => {
    const m = await registerMember(t, "13700000401", residentId("1991-03-03", 401));
    const up = await send(
      "POST",
      `/members/${m.memberId}/top-ups`,
      { ...m.auth, "idempotency-key": "u" },
      { amountFen: 900, planId: "shuidi" }, // 水滴's first deposit, naming it (money17)
    );
    expect(up.statusCode).toBe(201);
    const p = (await joinShuidi(t, m)).json();
    const url = `/participations/${p.participationId}/exit`;
    // nothing owed: the whole 900 comes back
    expect((await send("GET", url, m.auth)).json()).toEqual({
      participationId: p.participationId,
      balanceFen: 900,
      advancesOwedFen: 0,
      settledFromBalanceFen: 0,
      refundFen: 900,
      stillOwedFen: 0,
    });
    // the operator advanced 1,200 fen of this member's shares: 900 of it is paid from the balance,
    // nothing is refunded, 1,200 − 900 = 300 stays owed
    await withTransaction(t.db.pool, (tx) =>
      postTransaction(tx, {
        key: "advance-test",
        kind: "share_advanced",
        at: new Date(t.clock.now()),
        postings: transfer(
          accounts.operatorAdvances("shuidi"),
          accounts.memberAdvance(m.memberId),
          fen(1200),
        ),
      }),
    );
    const shown = (await send("GET", url, m.auth)).json();
    expect(shown).toMatchObject({
      advancesOwedFen: 1200,
      settledFromBalanceFen: 900,
      refundFen: 0,
      stillOwedFen: 300,
    });
    // the preview changed nothing; the exit does what it showed
    expect((await send("GET", `/members/${m.memberId}/balance`, m.auth)).json().balanceFen).toBe(900);
    expect((await send("POST", url, m.auth)).json()).toMatchObject({ refundFen: 0, stillOwedFen: 300 });
    // after the exit there is nothing to leave
    const again = await send("GET", url, m.auth);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("participation_ended");
  });

  it("another member's participation is 404, a malformed id 400; only the owner sees the terms", async () => {
    const m = await registerMember(t, "13700000402", residentId("1991-03-04", 403));
    await send(
      "POST",
      `/members/${m.memberId}/top-ups`,
      { ...m.auth, "idempotency-key": "u" },
      { amountFen: 500, planId: "shuidi" },
    );
    const p = (await joinShuidi(t, m)).json();
    const other = await registerMember(t, "13700000403", residentId("1991-03-05", 405));
    expect((await send("GET", `/participations/${p.participationId}/exit`, other.auth)).statusCode).toBe(404);
    expect((await send("GET", "/participations/abc/exit", m.auth)).statusCode).toBe(400);
    expect((await send("GET", `/participations/${p.participationId}/exit`, m.auth)).json()).toMatchObject({
      balanceFen: 500,
      refundFen: 500,
    });
  });
});
