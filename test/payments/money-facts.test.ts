import { describe, expect, it } from "vitest";
import { accounts, transfer } from "../../src/domain/ledger.ts";
import { fen } from "../../src/domain/money.ts";
import { auditFacts } from "../../src/log/facts-audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { withTransaction } from "../../src/store/db.ts";
import { auditLedger, postTransaction } from "../../src/store/ledger.repository.ts";
import { registerMember, residentId } from "../support/app.ts";
import { joinShuidi } from "../support/enrol.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ provider: { asyncRate: 0 } });
const send = (method: "GET" | "POST", url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const entries = async (kind: string) => {
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  const r = await t.db.pool.query("SELECT canonical FROM log_entries WHERE kind = $1 ORDER BY idx", [kind]);
  return r.rows.map((x) => JSON.parse(x.canonical));
};

describe("members' money in the log", () => {
  it("logs the top-up, takes back what no cycle claimed, and refunds the rest on leaving the prepaid plan", async () => {
    const m = await registerMember(t, "13700000301", residentId("1992-02-02", 301));
    const me = (await send("GET", "/me", m.auth)).json();
    const up = await send(
      "POST",
      `/members/${m.memberId}/top-ups`,
      { ...m.auth, "idempotency-key": "up-1" },
      { amountFen: 900, planId: "shuidi" },
    );
    expect(up.statusCode).toBe(201);
    const p = (await joinShuidi(t, m)).json();
    const xhb = await send("POST", "/participations", m.auth, {
      memberId: m.memberId,
      planId: "xianghubao",
      answers: { major_illness: false, hospitalised: false },
      answersVersion: "V2",
    });
    expect(xhb.statusCode).toBe(201);
    const w = (key: string, amountFen: number) =>
      send(
        "POST",
        `/members/${m.memberId}/withdrawals`,
        { ...m.auth, "idempotency-key": key },
        { amountFen },
      );
    // 900 held, no open cycle: 901 is one too many
    const tooMuch = await w("w-0", 901);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().detail).toContain("900 fen can be withdrawn");
    expect((await w("w-1", 300)).json()).toMatchObject({ amountFen: 300, balanceFen: 600 });
    // the same key again changes nothing: 900 − 300 = 600 still
    expect((await w("w-1", 300)).json()).toMatchObject({ balanceFen: 600 });
    expect((await w("w-1", 200)).statusCode).toBe(422);
    expect(
      (await send("POST", `/members/${m.memberId}/withdrawals`, m.auth, { amountFen: 1 })).statusCode,
    ).toBe(400);
    // leaving shuidi refunds the 600 although 相互宝 (post-paid, never drawing on the balance) goes on
    const out = await send("POST", `/participations/${p.participationId}/exit`, m.auth);
    expect(out.json()).toMatchObject({ refundFen: 600, participation: { status: "ended" } });
    expect((await send("GET", `/members/${m.memberId}/balance`, m.auth)).json().balanceFen).toBe(0);

    const pick = ({ kind, member, amountFen }: Record<string, unknown>) => ({ kind, member, amountFen });
    expect((await entries("topup")).map(pick)).toEqual([
      { kind: "topup", member: me.member.pseudonym, amountFen: 900 },
    ]);
    expect((await entries("withdrawal")).map(pick)).toEqual([
      { kind: "withdrawal", member: me.member.pseudonym, amountFen: 300 },
    ]);
    expect((await entries("refund")).map(pick)).toEqual([
      { kind: "refund", member: me.member.pseudonym, amountFen: 600 },
    ]);
    expect(await auditFacts(t.db.pool)).toEqual([]);
    expect(await auditLedger(t.db.pool)).toEqual([]);
  });

  it("the facts audit reports a top-up booked behind the log's back, and a logged amount that differs", async () => {
    const m = await registerMember(t, "13700000302", residentId("1992-02-03", 303));
    const txn = await withTransaction(t.db.pool, (tx) =>
      postTransaction(tx, {
        key: "behind-the-log",
        kind: "topup",
        at: new Date(t.clock.now()),
        postings: transfer(accounts.memberBalance(m.memberId), accounts.custodianBank(), fen(500)),
      }),
    );
    expect(await auditFacts(t.db.pool)).toEqual([
      `ledger transaction ${txn.txnId} has no topup entry in the log`,
    ]);
    await t.db.pool.query("INSERT INTO log_outbox (kind, entry) VALUES ('topup', $1)", [
      JSON.stringify({ member: "x", ledgerTxn: txn.txnId, amountFen: 50, on: "2020-03-01" }),
    ]);
    expect(await auditFacts(t.db.pool)).toEqual([
      `ledger transaction ${txn.txnId} moved 500 fen by the ledger, 50 by the log`,
    ]);
  });
});
