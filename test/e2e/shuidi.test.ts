import { beforeAll, describe, expect, it } from "vitest";
import { lapseEveryPlan } from "../../src/jobs/handlers/balance-lapses.ts";
import { must, type Person, type Staff, type Walk, walk } from "../support/e2e.ts";
import { useTestApp } from "../support/use-app.ts";

// Issue 17, "Done when" 1, 水滴互助 (prepaid) through HTTP on the development clock: a first deposit,
// a cycle that takes the shares from the balances and suspends who fell under the floor, a top-up that
// lifts the suspension at once, a lapse when the grace runs out, an exit that refunds the balance, and
// the claimant's balance refunded when the payout ends the participation.
// Rules in force (2020-01-01 version): first deposit 3 yuan, floor 1 yuan, grace 15 days, ends on lapse;
// 180 days' waiting; shared per event on the day, at most 3 yuan a member a case, the sponsor the rest.
const t = useTestApp({
  nowMs: Date.UTC(2020, 2, 1, 2), // 2020-03-01 10:00 Shanghai
  presets: ["shuidi"],
  provider: { failureRate: 0, asyncRate: 0 },
  devClock: true,
});
let w: Walk;
let operator: Staff;
let reviewer: Staff;
/** Tops up again once suspended; never does; leaves with a refund; the applicant. */
let topper: Person;
let lapser: Person;
let leaver: Person;
let applicant: Person;
const part = new Map<Person, number>();
let key = 0;

// a first deposit, before joining, names its plan (planId); a later top-up funds the participation
const topUp = (p: Person, amountFen: number, planId?: string) =>
  w.post(
    `/members/${p.memberId}/top-ups`,
    { ...p.auth, "idempotency-key": `e2e-topup-${++key}` },
    { amountFen, ...(planId ? { planId } : {}) },
  );
const status = async (p: Person) => (await w.get(`/participations/${part.get(p)}`, p.auth)).json().status;
const balance = async (p: Person) =>
  (await w.get(`/members/${p.memberId}/balance`, p.auth)).json().balanceFen;

beforeAll(async () => {
  w = walk(t);
  operator = await w.staff("e2e_operator", ["operator"]);
  reviewer = await w.staff("e2e_reviewer", ["reviewer"]);
  const people: Person[] = [];
  for (const [i, name] of ["赵一", "钱二", "孙三", "李四"].entries())
    people.push(await w.person(name, `1392000000${i}`, "1990-01-01", 801 + 2 * i));
  [topper, lapser, leaver, applicant] = people as [Person, Person, Person, Person];
});

describe("水滴互助 end to end", () => {
  it("joining needs the first deposit: refused without it, accepted after a top-up", async () => {
    const join = (p: Person) =>
      w.post("/participations", p.auth, {
        memberId: p.memberId,
        planId: "shuidi",
        answers: { major_illness: false },
        answersVersion: "2016",
      });
    const refused = await join(topper);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "insufficient_balance", field: "planId" });
    expect(refused.json().detail).toContain("first deposit of 3 yuan");
    for (const [p, fen] of [
      [topper, 300],
      [lapser, 300],
      [leaver, 1000],
      [applicant, 300],
    ] as const) {
      expect((await topUp(p, fen, "shuidi")).statusCode).toBe(201);
      const r = await must(join(p));
      part.set(p, r.participationId);
      expect(r).toMatchObject({ status: "active" });
    }
  });

  it("a claim approved after the waiting period is shared from the balances; who falls under the floor is suspended", async () => {
    // joined 03-01: 180 days' waiting, covered from 08-28
    await w.clockTo(operator, "2020-09-02T10:00");
    const c = await must(
      w.post("/claims", applicant.auth, {
        participationId: part.get(applicant),
        event: "cancer",
        diagnosedOn: "2020-09-01",
      }),
    );
    const pdf = { ...applicant.auth, "content-type": "application/pdf" };
    await must(
      w.post(`/claims/${c.claimId}/documents?kind=diagnosis`, pdf, Buffer.from("%PDF-1.4\n%%EOF\n")),
    );
    await must(w.post(`/claims/${c.claimId}/submit`, applicant.auth));
    await must(w.post(`/claims/${c.claimId}/assignment`, operator.auth, { reviewerId: reviewer.staffId }));
    const d = await must(
      w.post(`/claims/${c.claimId}/decision`, reviewer.auth, {
        diagnosisProven: true,
        preExisting: false,
        note: "确诊",
      }),
    );
    // aged 30 at joining: 300,000 yuan; published 09-02, sharing from 09-17
    expect(d).toMatchObject({ benefitFen: 30_000_000, deadlines: { publicityEndsOn: "2020-09-17" } });
    await w.clockTo(operator, "2020-09-17T10:00");
    expect(await must(w.post("/admin/claims/advance", operator.auth))).toMatchObject({ shared: 1 });
    const run = await must(w.post("/operations/cycles/run", operator.auth, { plan: "shuidi" }));
    // per event, collected the same day: 3 sharers at the 300-fen cap = 900 fen; the sponsor pays the
    // rest of 30,000,000 + 8% = 32,400,000: 32,399,100
    expect(run.cycles[0]).toMatchObject({
      status: "disclosed",
      sharingMembers: 3,
      shares: [{ weight: "1", members: 3, shareFen: 300 }],
      collectedFen: 900,
      sponsorFen: 32_399_100,
      benefitCutFen: 0,
    });
    // 300 − 300 = 0 under the 100-fen floor: suspended; 1,000 − 300 = 700 stays active
    expect([await status(topper), await balance(topper)]).toEqual(["suspended", 0]);
    expect([await status(lapser), await balance(lapser)]).toEqual(["suspended", 0]);
    expect([await status(leaver), await balance(leaver)]).toEqual(["active", 700]);
  });

  it("the payout ends the claimant's participation, and what is left of the balance goes back to the member", async () => {
    // 已經獲得互助 is one of 水滴's four ways out (seed 000): ended when the case entered, on 09-17; the
    // 300 fen of the first deposit, shared in no cycle, are refunded as an exit would
    const p = (await w.get(`/participations/${part.get(applicant)}`, applicant.auth)).json();
    expect(p).toMatchObject({ status: "ended", endedOn: "2020-09-17", endReason: "benefit_approved" });
    expect(await balance(applicant)).toBe(0);
    const refund = await t.db.pool.query(
      "SELECT amount_fen::int AS fen, status FROM payment_requests WHERE kind = 'refund' AND member_id = $1",
      [applicant.memberId],
    );
    expect(refund.rows).toEqual([{ fen: 300, status: "pending" }]);
  });

  it("a top-up inside the grace lifts the suspension at once, not at the next cycle", async () => {
    const up = await must(topUp(topper, 300));
    expect(up).toMatchObject({ status: "succeeded", amountFen: 300, balanceFen: 300 });
    expect(await status(topper)).toBe("active");
    expect(await status(lapser)).toBe("suspended");
  });

  it("without a top-up the grace runs out: the day after the 15 days of grace the participation lapses", async () => {
    // suspended 09-17: the grace is the 15 days after it (09-18 … 10-02); the worker's minute job ends
    // the participation on 10-03
    await w.clockTo(operator, "2020-10-02T10:00");
    expect(await lapseEveryPlan(t.deps)).toBe(0);
    expect(await status(lapser)).toBe("suspended");
    await w.clockTo(operator, "2020-10-03T10:00");
    expect(await lapseEveryPlan(t.deps)).toBe(1);
    const p = (await w.get(`/participations/${part.get(lapser)}`, lapser.auth)).json();
    expect(p).toMatchObject({ status: "ended", endedOn: "2020-10-03", endReason: "lapsed" });
    expect(await status(topper)).toBe("active");
  });

  it("leaving refunds the balance; the log has every money fact and huzhu audit passes", async () => {
    const out = await must(w.post(`/participations/${part.get(leaver)}/exit`, leaver.auth));
    expect(out).toMatchObject({
      refundFen: 700,
      stillOwedFen: 0,
      participation: { status: "ended", endReason: "exit" },
    });
    expect(await balance(leaver)).toBe(0);
    await w.sequence();
    const logged = await t.db.pool.query(
      "SELECT kind, count(*)::int AS n FROM log_entries WHERE kind IN ('topup', 'refund') GROUP BY 1 ORDER BY 1",
    );
    // 4 first deposits and 赵一's second; 李四's refund after the payout and 孙三's on leaving
    expect(logged.rows).toEqual([
      { kind: "refund", n: 2 },
      { kind: "topup", n: 5 },
    ]);
    const auditor = await w.staff("e2e_auditor", ["auditor"]);
    expect(await must(w.post("/operations/audit", auditor.auth))).toMatchObject({
      passed: true,
      problems: [],
    });
  });
});
