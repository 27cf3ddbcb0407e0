import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { PRESETS_DIR } from "../../src/plans/registry.ts";
import { must, type Person, type Staff, type Walk, walk } from "../support/e2e.ts";
import { useTestApp } from "../support/use-app.ts";

// Issue 17, "Done when" 1: 相互宝 walked end to end through HTTP on the development clock. The
// database is only read, for assertions. Everyone is born in 1990 and joins on 2020-03-01 (aged 29, the
// standard tier): 300,000 yuan for a 重大疾病 after the 90-day waiting period (covered from 2020-05-30).
const t = useTestApp({
  nowMs: Date.UTC(2020, 2, 1, 2), // 2020-03-01 10:00 Shanghai
  presets: ["xianghubao"],
  provider: { failureRate: 0 },
  devClock: true,
});
let w: Walk;
let operator: Staff;
let reviewer: Staff;
let investigator: Staff;
/** auto mode; confirm mode who confirms; confirm mode who does not; over their limit (auto up to 5 fen). */
let auto: Person;
let confirms: Person;
let silent: Person;
let overLimit: Person;
/** The applicants: refused then overturned; approved then objected to; judged after the rule change. */
let refused: Person;
let objected: Person;
let later: Person;
/** Registered, in no plan. */
let outsider: Person;
const part = new Map<Person, number>();
const PDF = Buffer.from("%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\n%%EOF\n");
const ANSWERS = { answers: { major_illness: false, hospitalised: false }, answersVersion: "V2" };
let refusedClaim: number;
let objectedClaim: number;
let cycleId: number;

const pdf = (p: Person) => ({ ...p.auth, "content-type": "application/pdf" });
const share = async (p: Person) =>
  (
    await t.db.pool.query(
      "SELECT share_fen::int AS fen, status FROM cycle_shares WHERE cycle_id = $1 AND member_id = $2",
      [cycleId, p.memberId],
    )
  ).rows[0];

/** A claim reported, documented, submitted and assigned to the reviewer; its id. */
async function reportClaim(p: Person, diagnosedOn: string): Promise<number> {
  const c = await must(
    w.post("/claims", p.auth, {
      participationId: part.get(p),
      event: "major",
      diagnosedOn,
      description: "确诊恶性肿瘤，住院治疗",
    }),
  );
  await must(w.post(`/claims/${c.claimId}/documents?kind=diagnosis`, pdf(p), PDF));
  await must(w.post(`/claims/${c.claimId}/submit`, p.auth));
  await must(w.post(`/claims/${c.claimId}/assignment`, operator.auth, { reviewerId: reviewer.staffId }));
  return c.claimId;
}

beforeAll(async () => {
  w = walk(t);
  operator = await w.staff("e2e_operator", ["operator"]);
  reviewer = await w.staff("e2e_reviewer", ["reviewer"]);
  investigator = await w.staff("e2e_investigator", ["investigator"]);
  const names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"];
  const joined: Person[] = [];
  for (const [i, name] of names.entries()) {
    const p = await w.person(name, `1391000000${i}`, "1990-01-01", 701 + 2 * i);
    const r = await must(
      w.post("/participations", p.auth, { memberId: p.memberId, planId: "xianghubao", ...ANSWERS }),
    );
    part.set(p, r.participationId);
    joined.push(p);
  }
  [auto, confirms, silent, overLimit, refused, objected, later] = joined as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  outsider = await w.person("王八", "13910000099", "1990-01-01", 799);
});

describe("相互宝 end to end", () => {
  it("each member chooses how their shares are taken", async () => {
    const mode = (p: Person, body: object) =>
      must(w.send("PUT", `/participations/${part.get(p)}/share-mode`, p.auth, body));
    expect(await mode(confirms, { mode: "confirm" })).toMatchObject({ shareMode: "confirm" });
    expect(await mode(silent, { mode: "confirm" })).toMatchObject({ shareMode: "confirm" });
    expect(await mode(overLimit, { mode: "auto_limit", shareLimitFen: 5 })).toMatchObject({
      shareMode: "auto_limit",
      shareLimitFen: 5,
    });
    // auto_limit without a limit names the field
    const bad = await w.send("PUT", `/participations/${part.get(overLimit)}/share-mode`, overLimit.auth, {
      mode: "auto_limit",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("shareLimitFen");
    expect((await w.get(`/participations/${part.get(auto)}`, auto.auth)).json()).toMatchObject({
      shareMode: "auto",
      coveredFrom: "2020-05-30",
    });
  });

  it("the operator cannot change the launched plan's rules directly: POST /plans is 409 terms_locked", async () => {
    const doc = parseYaml(readFileSync(join(PRESETS_DIR, "xianghubao.yaml"), "utf8")) as {
      versions: unknown[];
    };
    const cut = {
      effective: "2020-03-03",
      changes: { benefits: { schedule: [{ event: "major", benefit: { kind: "fixed", amount: 1000 } }] } },
    };
    const r = await w.post("/plans", operator.auth, { ...doc, versions: [...doc.versions, cut] });
    expect(r.statusCode).toBe(409);
    // the preset has 3 versions (2018-10-16, 2019-05-01, 2020-01-01): the new one is versions[3]
    expect(r.json()).toMatchObject({ code: "terms_locked", field: "versions[3]" });
    const versions = await t.db.pool.query(
      "SELECT effective::text AS e FROM rule_versions WHERE plan_id = 'xianghubao' ORDER BY 1",
    );
    expect(versions.rows.map((v) => v.e)).toEqual(["2018-10-16", "2019-05-01", "2020-01-01"]);
  });
});

describe("a refused claim appealed to the jury", () => {
  it("refused on the investigator's findings; the appeal draws every other adult member, each told", async () => {
    await w.clockTo(operator, "2020-06-05T10:00");
    refusedClaim = await reportClaim(refused, "2020-06-04");
    await must(
      w.post(`/claims/${refusedClaim}/investigation`, reviewer.auth, {
        investigatorId: investigator.staffId,
        reason: "hospital records needed",
      }),
    );
    await must(
      w.post(`/claims/${refusedClaim}/findings`, investigator.auth, {
        findings: "病理报告缺失，联系电话 13910000004",
        expertOpinion: "无法确认诊断",
        diagnosisProven: false,
        preExisting: false,
        falseClaim: false,
      }),
    );
    const d = await must(
      w.post(`/claims/${refusedClaim}/decision`, reviewer.auth, { note: "pathology missing" }),
    );
    expect(d).toMatchObject({ state: "rejected", decision: { approved: false, reason: "not_proven" } });
    // the draw's seed is the latest signed head: the worker's sequencer signs one
    await w.sequence();
    const a = await must(w.post(`/claims/${refusedClaim}/appeal`, refused.auth));
    expect(a.state).toBe("appeal");
    const jurors = [auto, confirms, silent, overLimit, objected, later];
    const drawn = await t.db.pool.query("SELECT member_id FROM jurors WHERE claim_id = $1 ORDER BY 1", [
      refusedClaim,
    ]);
    // the jury's size is 100,000: every adult with an active participation but the applicant is drawn
    expect(drawn.rows.map((r) => r.member_id)).toEqual(jurors.map((j) => j.memberId));
    for (const j of jurors) {
      const inbox = (await w.get("/notifications", j.auth)).json();
      const notice = inbox.items.find((n: { kind: string; body: string }) =>
        n.body.includes(`/claims/${refusedClaim}/jury/case`),
      );
      expect(notice, j.name).toMatchObject({ kind: "claim" });
    }
    for (const p of [refused, outsider]) {
      const inbox = (await w.get("/notifications", p.auth)).json();
      expect(JSON.stringify(inbox)).not.toContain(`/claims/${refusedClaim}/jury/case`);
    }
  });

  it("the jurors read the masked case file and vote; a non-juror cannot", async () => {
    const f = await must(w.get(`/claims/${refusedClaim}/jury/case`, later.auth));
    expect(f).toMatchObject({
      claimId: refusedClaim,
      applicant: { nameMasked: "周*", ageBand: "30–39" },
      decision: { reason: "not_proven" },
      documents: [{ kind: "diagnosis", contentType: "application/pdf" }],
      findings: [{ expertOpinion: "无法确认诊断", diagnosisProven: false }],
    });
    // the findings' mobile number is masked; no name, ID, description or document address
    expect(f.findings[0].findings).toContain("139****0004");
    const text = JSON.stringify(f);
    for (const secret of ["周五", refused.residentId, "13910000004", "确诊恶性肿瘤", "sha256"])
      expect(text).not.toContain(secret);
    for (const p of [outsider, refused]) {
      const r = await w.get(`/claims/${refusedClaim}/jury/case`, p.auth);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe("not_a_juror");
    }
    const vote = (p: Person, inFavour: boolean) =>
      w.post(`/claims/${refusedClaim}/jury/votes`, p.auth, { inFavour, reason: "依规则评议" });
    expect((await vote(outsider, true)).json().code).toBe("not_a_juror");
    for (const j of [auto, confirms, silent, overLimit]) expect((await vote(j, true)).statusCode).toBe(200);
    expect((await vote(objected, false)).statusCode).toBe(200);
    // a second vote returns the first and changes nothing
    expect((await vote(auto, false)).json()).toMatchObject({ inFavour: true, alreadyVoted: true });
  });
});

describe("an approved claim objected to by a sharing member", () => {
  it("approved and announced masked; a non-member's objection is refused, a sharing member's sends it back", async () => {
    objectedClaim = await reportClaim(objected, "2020-06-03");
    const d = await must(
      w.post(`/claims/${objectedClaim}/decision`, reviewer.auth, {
        diagnosisProven: true,
        preExisting: false,
        note: "诊断证明与病理报告一致",
      }),
    );
    expect(d).toMatchObject({ state: "announcement", publishedOn: "2020-06-05", benefitFen: 30_000_000 });
    const list = (await w.get("/plans/xianghubao/announcements", auto.auth)).json();
    expect(list.items.find((a: { claimId: number }) => a.claimId === objectedClaim)).toMatchObject({
      nameMasked: "吴*",
      benefitFen: 30_000_000,
      objectionsUntil: "2020-06-19",
    });
    expect(JSON.stringify(list)).not.toContain("吴六");
    // 王八 shares in no plan: refused, and the claim stays announced
    const foreign = await w.post(`/claims/${objectedClaim}/objections`, outsider.auth, { grounds: "假的" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe("not_sharing_member");
    expect((await w.get(`/claims/${objectedClaim}`, objected.auth)).json().state).toBe("announcement");
    const o = await must(
      w.post(`/claims/${objectedClaim}/objections`, auto.auth, {
        grounds: "该会员入会前已确诊，知情人电话 13910000055",
      }),
    );
    expect(o).toMatchObject({ state: "review" });
    expect((await w.get(`/claims/${objectedClaim}`, objected.auth)).json()).toMatchObject({
      state: "review",
      explanationRequested: true,
    });
  });

  it("the applicant explains; the reviewer reads both as written, the applicant masked", async () => {
    const e = await must(
      w.post(`/claims/${objectedClaim}/explanation`, objected.auth, { text: "入会时未患病，附首次就诊记录" }),
    );
    expect(e).toMatchObject({ explanationRequested: false });
    const staffView = (await w.get(`/claims/${objectedClaim}`, reviewer.auth)).json();
    expect(staffView.objections).toEqual([
      expect.objectContaining({ grounds: "该会员入会前已确诊，知情人电话 13910000055" }),
    ]);
    expect(staffView.explanations).toEqual([
      expect.objectContaining({ text: "入会时未患病，附首次就诊记录" }),
    ]);
    const own = (await w.get(`/claims/${objectedClaim}`, objected.auth)).json();
    expect(own.objections).toHaveLength(1);
    expect(own.objections[0].grounds).toContain("139****0055");
    expect(JSON.stringify(own.objections)).not.toContain("赵");
    // another member reads no free text of someone else's claim
    expect((await w.get(`/claims/${objectedClaim}`, later.auth)).statusCode).toBe(404);
  });
});

describe("the next day", () => {
  it("the window closes after 24 hours: 4 of 5 votes (80% > 50%) overturn, and the claim is published", async () => {
    await w.clockTo(operator, "2020-06-06T11:00");
    const late = await w.post(`/claims/${refusedClaim}/jury/votes`, later.auth, {
      inFavour: true,
      reason: "依规则评议",
    });
    expect(late.json().code).toBe("jury_closed");
    const r = await must(w.post("/admin/claims/advance", operator.auth));
    expect(r).toMatchObject({ juriesClosed: 1 });
    expect((await w.get(`/claims/${refusedClaim}/jury`)).json().tally).toEqual({
      outcome: "overturned",
      inFavour: 4,
      against: 1,
    });
    const c = (await w.get(`/claims/${refusedClaim}`, refused.auth)).json();
    // published 06-06 for 15 days: objections through 06-20, sharing from 06-21
    expect(c).toMatchObject({
      state: "announcement",
      benefitFen: 30_000_000,
      publishedOn: "2020-06-06",
      decision: { approved: true, by: "jury" },
      deadlines: { publicityEndsOn: "2020-06-21" },
    });
  });

  it("the reviewer decides the objected claim again: published again for a full period; one objection per member", async () => {
    const d = await must(
      w.post(`/claims/${objectedClaim}/decision`, reviewer.auth, {
        diagnosisProven: true,
        preExisting: false,
        note: "first visit 2020-06-02",
      }),
    );
    // published again 06-06: objections through 06-20, sharing from 06-21
    expect(d).toMatchObject({ state: "announcement", publishedOn: "2020-06-06" });
    const again = await w.post(`/claims/${objectedClaim}/objections`, auto.auth, { grounds: "再次异议" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_objected");
  });
});

describe("the cycle that shares both claims: announced on the 21st, collected on the 28th", () => {
  it("the publicity ends, the cases enter the cycle; the announcement asks those who confirm and the over-limit", async () => {
    await w.clockTo(operator, "2020-06-21T10:00");
    const adv = await must(w.post("/admin/claims/advance", operator.auth));
    expect(adv).toMatchObject({ shared: 2 });
    const run = await must(w.post("/operations/cycles/run", operator.auth, { plan: "xianghubao" }));
    expect(run).toMatchObject({ today: "2020-06-21", cyclesRun: ["2020-06-21"] });
    cycleId = (
      await t.db.pool.query(
        "SELECT cycle_id FROM cycles WHERE plan_id = 'xianghubao' AND announced_on = '2020-06-21'",
      )
    ).rows[0].cycle_id;
    const c = await t.db.pool.query("SELECT collect_on::text AS d, status FROM cycles WHERE cycle_id = $1", [
      cycleId,
    ]);
    expect(c.rows[0]).toEqual({ d: "2020-06-28", status: "announced" });
    // 2 × 30,000,000 approved; 5 × 20 = 100 fen asked, of which 8% is the fee: ⌊100 × 100 ÷ 108⌋ = 92
    // fen to the benefits and 8 to the fee; the cap cuts 64,800,000 − 100 = 64,799,900 (benefits and fee)
    expect(run.cycles[0]).toMatchObject({
      sharingMembers: 5,
      shares: [{ weight: "1", members: 5, shareFen: 20 }],
      approvedBenefitsFen: 60_000_000,
      benefitsFen: 92,
      feesFen: 8,
      benefitCutFen: 64_799_900,
    });
    // 5 sharers (the two applicants' participations ended when their cases entered); each case is
    // capped at 10 fen a member (perCase 0.10 yuan): 2 cases → 20 fen each, the 8% fee inside the cap
    expect(await share(auto)).toEqual({ fen: 20, status: "due" });
    expect(await share(later)).toEqual({ fen: 20, status: "due" });
    expect(await share(confirms)).toEqual({ fen: 20, status: "unconfirmed" });
    expect(await share(silent)).toEqual({ fen: 20, status: "unconfirmed" });
    // 20 fen is over 李四's limit of 5: asked as a confirm-mode member is
    expect(await share(overLimit)).toEqual({ fen: 20, status: "unconfirmed" });
    expect(await share(refused)).toBeUndefined();
    for (const p of [confirms, silent, overLimit]) {
      const inbox = (await w.get("/notifications", p.auth)).json();
      expect(
        inbox.items.some((n: { title: string }) => n.title === "本期分摊待确认"),
        p.name,
      ).toBe(true);
    }
    const autoInbox = (await w.get("/notifications", auto.auth)).json();
    expect(autoInbox.items.some((n: { title: string }) => n.title === "本期分摊待确认")).toBe(false);
  });

  it("nothing is collected before the 28th; 钱二 confirms, 李四 declines, 孙三 says nothing", async () => {
    const again = await must(w.post("/operations/cycles/run", operator.auth, { plan: "xianghubao" }));
    // the same day again: the announcement is not made twice and nothing is collected
    expect(again.cycles).toHaveLength(1);
    expect(again.cycles[0]).toMatchObject({ cycleId, status: "announced", collectedFen: null });
    expect(await share(auto)).toEqual({ fen: 20, status: "due" });
    const ok = await must(
      w.post(`/cycles/${cycleId}/confirm`, confirms.auth, { memberId: confirms.memberId }),
    );
    expect(ok).toEqual({ status: "confirmed", shareFen: 20 });
    const no = await must(
      w.post(`/cycles/${cycleId}/decline`, overLimit.auth, { memberId: overLimit.memberId }),
    );
    expect(no).toEqual({ status: "declined", shareFen: 20 });
    // an auto-mode share cannot be declined here, and nobody answers for someone else
    expect(
      (await w.post(`/cycles/${cycleId}/decline`, auto.auth, { memberId: auto.memberId })).statusCode,
    ).toBe(409);
    const other = await w.post(`/cycles/${cycleId}/confirm`, auto.auth, { memberId: silent.memberId });
    expect(other.statusCode).toBeGreaterThanOrEqual(403);
    expect(await share(silent)).toEqual({ fen: 20, status: "unconfirmed" });
  });

  it("the collection on the 28th: the confirmed and automatic shares are taken, the unconfirmed fail by the rule", async () => {
    await w.clockTo(operator, "2020-06-28T10:00");
    const run = await must(w.post("/operations/cycles/run", operator.auth, { plan: "xianghubao" }));
    expect(run.cyclesRun).toEqual(["2020-06-21"]);
    expect(await share(auto)).toEqual({ fen: 20, status: "collected" });
    expect(await share(later)).toEqual({ fen: 20, status: "collected" });
    expect(await share(confirms)).toEqual({ fen: 20, status: "collected" });
    // 相互宝's failurePolicy.unconfirmedShare is the default, failure: nobody is charged without consent
    expect(await share(silent)).toMatchObject({ status: "failed" });
    expect(await share(overLimit)).toMatchObject({ status: "failed" });
    const late = await w.post(`/cycles/${cycleId}/confirm`, silent.auth, { memberId: silent.memberId });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("confirmation_closed");
    const debits = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM cycle_shares WHERE cycle_id = $1 AND status = 'collected'",
      [cycleId],
    );
    expect(debits.rows[0].n).toBe(3);
  });
});

describe("paid, with the paid amount on the claim", () => {
  it("both claims are paid; each shows what the ledger paid and why it is less than the benefit", async () => {
    const adv = await must(w.post("/admin/claims/advance", operator.auth));
    expect(adv).toMatchObject({ paid: 2 });
    // collected 3 × 20 = 60 fen, and 相互宝's operator advances the 2 failed shares: 40 fen; the pool pays
    // the benefits' 92 fen over the two equal cases, 46 each: the cut is 30,000,000 − 46 = 29,999,954
    for (const [id, who] of [
      [refusedClaim, refused],
      [objectedClaim, objected],
    ] as const) {
      const c = (await w.get(`/claims/${id}`, who.auth)).json();
      expect(c).toMatchObject({
        state: "paid",
        benefitFen: 30_000_000,
        payout: { paidFen: 46, cutFen: 29_999_954, cycleId, reason: { cause: "capped" } },
      });
      expect(c.payout.reason.text).toContain("perCase ≤ 10 fen");
    }
    const cycles = await must(w.get("/operations/cycles?plan=xianghubao", operator.auth));
    expect(cycles.cycles[0]).toMatchObject({
      status: "disclosed",
      collectedFen: 60,
      failedFen: 40,
      advancedFen: 40,
      benefitsFen: 92,
    });
    const ledger = await t.db.pool.query(
      `SELECT sum(-p.amount_fen)::int AS fen FROM ledger_transactions x JOIN ledger_postings p USING (txn_id)
       WHERE x.kind = 'payout' AND p.account_id = 'world:paid_out'`,
    );
    expect(ledger.rows[0].fen).toBe(92);
  });

  it("the retries never debit a share its member did not consent to; by the rule they leave the plan", async () => {
    // 相互宝 retries a failed debit daily, 5 times (06-29 … 07-03), then ends who failed once
    await w.clockTo(operator, "2020-07-04T10:00");
    const run = await must(w.post("/operations/cycles/run", operator.auth, { plan: "xianghubao" }));
    expect(run.cycles[0]).toMatchObject({ retriesDone: 5, collectedFen: 60, failedFen: 40 });
    const debited = await t.db.pool.query(
      "SELECT member_id::int AS m, count(*)::int AS n FROM sim_provider_payments WHERE kind = 'debit' GROUP BY 1 ORDER BY 1",
    );
    // one debit each for the three who paid; none ever for 孙三 (silent) or 李四 (declined)
    expect(debited.rows).toEqual(
      [auto, confirms, later].map((p) => ({ m: p.memberId, n: 1 })).sort((a, b) => a.m - b.m),
    );
    for (const p of [silent, overLimit]) {
      expect(await share(p)).toMatchObject({ status: "failed" });
      expect((await w.get(`/participations/${part.get(p)}`, p.auth)).json()).toMatchObject({
        status: "ended",
      });
    }
    for (const p of [auto, confirms, later])
      expect((await w.get(`/participations/${part.get(p)}`, p.auth)).json()).toMatchObject({
        status: "active",
      });
  });
});

/** The 2020-01-01 schedule in the document's yuan, with the standard tier under 40 cut to 200,000. */
const REDUCED = {
  benefits: {
    schedule: [
      { event: "major", ages: { to: 39 }, tier: "standard", benefit: { kind: "fixed", amount: 200000 } },
      { event: "major", ages: { to: 39 }, tier: "basic", benefit: { kind: "fixed", amount: 100000 } },
      {
        event: "major",
        ages: { from: 40, to: 59 },
        tier: "standard",
        benefit: { kind: "fixed", amount: 100000 },
      },
      {
        event: "major",
        ages: { from: 40, to: 59 },
        tier: "basic",
        benefit: { kind: "fixed", amount: 50000 },
      },
    ],
  },
};
let proposalId: number;

describe("a rule change by the members: proposal → notice → vote → adoption", () => {
  it("a member proposes a cut; the diff is readable; the operator evaluates and accepts it", async () => {
    const p = await must(
      w.post("/proposals", auto.auth, {
        planId: "xianghubao",
        title: "重疾互助金调整",
        text: "分摊上限已触顶，建议下调标准版互助金",
        changes: REDUCED,
      }),
    );
    proposalId = p.proposalId;
    expect(p).toMatchObject({ state: "submitted", changeClass: "benefitReduction" });
    expect(p.diff).toEqual(["benefits.schedule[0].benefit.amount: 300000 → 200000"]);
    await must(
      w.post(`/proposals/${proposalId}/evaluations`, operator.auth, {
        role: "expert",
        expertName: "精算师",
        recommend: true,
        opinion: "keeps the annual share under the cap",
      }),
    );
    expect(
      await must(
        w.post(`/proposals/${proposalId}/decision`, operator.auth, {
          accept: true,
          reasons: "expert support",
        }),
      ),
    ).toMatchObject({ state: "accepted" });
  });

  it("published with the charter's 15 days' notice (14 refused); every member is told", async () => {
    const short = await w.post(`/proposals/${proposalId}/publish`, operator.auth, {
      effectiveOn: "2020-07-18",
    });
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: "notice_too_short", field: "effectiveOn" });
    // published 07-04: effective 07-19 at the earliest; a reduction needs 75% of the votes, 7 days
    const ok = await must(
      w.post(`/proposals/${proposalId}/publish`, operator.auth, { effectiveOn: "2020-07-19" }),
    );
    expect(ok).toMatchObject({
      state: "published",
      voteRequired: true,
      votingClosesOn: "2020-07-11",
      noticeEndsOn: "2020-07-19",
      // the three still sharing (孙三 and 李四 left, the two paid applicants' participations ended)
      eligible: 3,
      voteRule: { thresholdPercent: 75, comparison: "atLeast" },
    });
    for (const p of [auto, confirms, later]) {
      const inbox = (await w.get("/notifications", p.auth)).json();
      expect(inbox.items[0], p.name).toMatchObject({ kind: "vote" });
      expect(inbox.items[0].body).toContain("300000 → 200000");
    }
  });

  it("the members vote (the last ballot counts); after the window the vote passes and is adopted", async () => {
    const vote = (p: Person, inFavour: boolean) =>
      w.post(`/proposals/${proposalId}/ballots`, p.auth, { inFavour });
    expect((await vote(later, false)).statusCode).toBe(200);
    expect((await vote(later, true)).json()).toMatchObject({ replacesEarlier: true });
    expect((await vote(auto, true)).statusCode).toBe(200);
    expect((await vote(confirms, true)).statusCode).toBe(200);
    const early = await w.post(`/proposals/${proposalId}/tally`, operator.auth);
    expect(early.json().code).toBe("voting_open");
    await w.clockTo(operator, "2020-07-12T10:00");
    expect((await vote(auto, false)).json().code).toBe("voting_closed");
    // 3 of 3 (100% ≥ 75%), quorum 5% of 3 = 1 ballot
    expect(await must(w.post(`/proposals/${proposalId}/tally`, operator.auth))).toMatchObject({
      state: "passed",
      tally: { inFavour: 3, against: 0, passed: true },
    });
    const a = await must(w.post(`/proposals/${proposalId}/adopt`, operator.auth));
    // adopted 07-12, effective when the notice ends: 07-19, never before
    expect(a).toMatchObject({ state: "adopted", adoptedVersion: "2020-07-19" });
    const v = await t.db.pool.query(
      "SELECT proposal_id::int AS p FROM rule_versions WHERE plan_id = 'xianghubao' AND effective = '2020-07-19'",
    );
    expect(v.rows).toEqual([{ p: proposalId }]);
  });

  it("the next claim is judged by the new version: 200,000 yuan", async () => {
    await w.clockTo(operator, "2020-07-21T10:00");
    const id = await reportClaim(later, "2020-07-20");
    const d = await must(
      w.post(`/claims/${id}/decision`, reviewer.auth, {
        diagnosisProven: true,
        preExisting: false,
        note: "确诊",
      }),
    );
    expect(d).toMatchObject({ state: "announcement", benefitFen: 20_000_000, ruleVersion: "2020-07-19" });
  });

  it("huzhu audit passes over the whole walk", async () => {
    await w.sequence();
    const auditor = await w.staff("e2e_auditor", ["auditor"]);
    expect(await must(w.post("/operations/audit", auditor.auth))).toMatchObject({
      passed: true,
      problems: [],
    });
  });
});
