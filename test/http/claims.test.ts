import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { runDueCycles } from "../../src/services/cycles.service.ts";
import { installPlan } from "../../src/services/plans.service.ts";
import { sequenceLog } from "../../src/store/log.repository.ts";
import { verifyJuryDraw } from "../../src/verify/jury.ts";
import { enrolChild, registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/** Shanghai 10:00 on a day (UTC+8, no daylight saving). */
const at = (date: string, hour = 10) => Date.parse(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
const answers = { major_illness: false, hospitalised: false };
const PDF = Buffer.from("%PDF-1.4\n% 诊断证明 of the applicant\n1 0 obj <<>> endobj\n%%EOF\n");

let t: TestApp;
let operator: Record<string, string>;
let reviewer: Record<string, string>;
let otherReviewer: Record<string, string>;
let investigator: Record<string, string>;
let reviewerId: number;
let investigatorId: number;
type M = Awaited<ReturnType<typeof registerMember>> & { participationId: number };
let applicant: M;
let early: M;
const jurors: M[] = [];

async function joinPlan(m: Awaited<ReturnType<typeof registerMember>>, planId: string, withAnswers = true) {
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId, ...(withAnswers ? { answers, answersVersion: "V2" } : {}) },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { ...m, participationId: r.json().participationId as number };
}

const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });
/** Moves the clock; sessions are made to outlive the simulated months (they last 7 days). */
async function setNow(ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}
const claimCount = async () => (await t.db.pool.query("SELECT count(*)::int AS n FROM claims")).rows[0].n;

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-03-01") });
  operator = await staffToken(t, ["operator"]);
  reviewer = await staffToken(t, ["reviewer"]);
  otherReviewer = await staffToken(t, ["reviewer"]);
  investigator = await staffToken(t, ["investigator"]);
  const ids = await t.db.pool.query("SELECT staff_id, username FROM staff ORDER BY staff_id");
  reviewerId = ids.rows[1].staff_id;
  investigatorId = ids.rows[3].staff_id;
  // everyone joins 相互宝 on 2020-03-01: 90 days waiting (03-01 … 05-29), covered from 05-30
  applicant = await joinPlan(
    await registerMember(t, "13900000001", residentId("1990-05-01", 301), "李四"),
    "xianghubao",
  );
  early = await joinPlan(await registerMember(t, "13900000002", residentId("1991-01-01", 303)), "xianghubao");
  for (let i = 0; i < 5; i++)
    jurors.push(
      await joinPlan(
        await registerMember(t, `1390000001${i}`, residentId("1985-02-02", 311 + 2 * i)),
        "xianghubao",
      ),
    );
});
afterAll(async () => {
  await t.close();
});

let guardian: M;
let child: { memberId: number; participationId: number };
beforeAll(async () => {
  // a family: the guardian and their child both join 相互宝 on 2020-03-01
  const g = await registerMember(t, "13900000050", residentId("1982-02-02", 351), "周七");
  guardian = await joinPlan(g, "xianghubao");
  const childId = (await enrolChild(t, g, { name: "周小七", residentId: residentId("2015-05-05", 352) }))
    .memberId as number;
  const j = await post("/participations", g.auth, {
    memberId: childId,
    planId: "xianghubao",
    answers,
    answersVersion: "V2",
  });
  if (j.statusCode !== 201) throw new Error(j.body);
  child = { memberId: childId, participationId: j.json().participationId };
});

describe("a claim inside the waiting period", () => {
  it("is refused by the rules and ends the participation in the same transaction; it is not for a jury", async () => {
    await setNow(at("2020-06-10"));
    // diagnosed 2020-05-29, the last day of the 90-day waiting period
    const r = await post("/claims", early.auth, {
      participationId: early.participationId,
      event: "major",
      diagnosedOn: "2020-05-29",
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().claimId;
    expect(
      (await post(`/claims/${id}/documents`, { ...early.auth, "content-type": "application/pdf" }, PDF))
        .statusCode,
    ).toBe(201);
    expect((await post(`/claims/${id}/submit`, early.auth)).statusCode).toBe(200);
    expect((await post(`/claims/${id}/assignment`, operator, { reviewerId })).statusCode).toBe(200);
    const d = await post(`/claims/${id}/decision`, reviewer, { note: "" });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { approved: false, reason: "waiting_period" },
    });
    const p = await get(`/participations/${early.participationId}`, early.auth);
    expect(p.json()).toMatchObject({ status: "ended", endedOn: "2020-06-10" });
    const a = await post(`/claims/${id}/appeal`, early.auth);
    expect(a.statusCode).toBe(409);
    expect(a.json().code).toBe("not_appealable");
  });
});

let claimId: number;

describe("report and documents", () => {
  it("a report on day 31 after the diagnosis is refused and records nothing; day 30 is accepted", async () => {
    await setNow(at("2020-07-01"));
    const before = await claimCount();
    // 2020-05-31 → 2020-07-01 is 31 days
    const late = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-05-31",
    });
    expect(late.statusCode).toBe(422);
    expect(late.headers["content-type"]).toContain("application/problem+json");
    expect(late.json()).toMatchObject({ code: "claim_deadline_passed", field: "diagnosedOn" });
    expect(await claimCount()).toBe(before);
    // 2020-06-01 → 2020-07-01 is 30 days
    const r = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
      description: "确诊恶性肿瘤，住院治疗",
    });
    expect(r.statusCode).toBe(201);
    claimId = r.json().claimId;
    expect(r.json()).toMatchObject({
      state: "reported",
      ruleVersion: "2020-01-01",
      nameMasked: "李*",
      // documents are due 7 days after the report
      deadlines: { documentsDueOn: "2020-07-08" },
      description: "确诊恶性肿瘤，住院治疗",
    });
  });

  it("refuses: bad body naming the field, someone else's participation, a second report, wrong roles", async () => {
    const bad = await post("/claims", applicant.auth, {
      participationId: "x",
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("participationId");
    const theirs = await post("/claims", jurors[0]!.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(theirs.statusCode).toBe(404);
    const dup = await post("/claims", applicant.auth, {
      participationId: applicant.participationId,
      event: "major",
      diagnosedOn: "2020-06-02",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("claim_duplicate");
    expect(
      (await post("/claims", reviewer, { participationId: 1, event: "major", diagnosedOn: "2020-06-01" }))
        .statusCode,
    ).toBe(403);
    expect((await post(`/claims/${claimId}/decision`, applicant.auth, {})).statusCode).toBe(403);
    expect((await get(`/claims/${claimId}`, jurors[0]!.auth)).statusCode).toBe(404);
    const early = await post(`/claims/${claimId}/submit`, applicant.auth);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("documents_missing");
  });

  it("stores documents by their SHA-256, encrypted, and refuses other types", async () => {
    const text = await post(
      `/claims/${claimId}/documents`,
      { ...applicant.auth, "content-type": "text/plain" },
      "hello",
    );
    expect(text.statusCode).toBe(415);
    const disguised = await post(
      `/claims/${claimId}/documents`,
      { ...applicant.auth, "content-type": "image/png" },
      PDF,
    );
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe("document_type");
    const up = await post(
      `/claims/${claimId}/documents?kind=diagnosis`,
      { ...applicant.auth, "content-type": "application/pdf" },
      PDF,
    );
    expect(up.statusCode).toBe(201);
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(up.json()).toEqual({
      sha256: sha,
      contentType: "application/pdf",
      sizeBytes: PDF.length,
      kind: "diagnosis",
    });
    const onDisk = readFileSync(join(t.deps.dataDir, "documents", sha.slice(0, 2), sha));
    expect(onDisk.includes(Buffer.from("诊断证明"))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    const mine = await get(`/claims/${claimId}/documents/${sha}`, applicant.auth);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    expect((await get(`/claims/${claimId}/documents/${sha}`, jurors[0]!.auth)).statusCode).toBe(404);
    expect((await get(`/claims/${claimId}/documents/${sha}`, reviewer)).statusCode).toBe(404);
  });
});

describe("review, investigation, decision", () => {
  it("starts the review with its working-day limit; the operator assigns the reviewer and complexity", async () => {
    const s = await post(`/claims/${claimId}/submit`, applicant.auth);
    expect(s.statusCode).toBe(200);
    // 2020-07-01 is a Wednesday: 30 working days = 6 weeks → 2020-08-12
    expect(s.json()).toMatchObject({
      state: "review",
      complexity: "clear",
      deadlines: { reviewDueOn: "2020-08-12" },
    });
    const a = await post(`/claims/${claimId}/assignment`, operator, { reviewerId, complexity: "complex" });
    // 60 working days = 12 weeks → 2020-09-23
    expect(a.json()).toMatchObject({
      reviewerId,
      complexity: "complex",
      deadlines: { reviewDueOn: "2020-09-23" },
    });
    const notMine = await post(`/claims/${claimId}/decision`, otherReviewer, { note: "" });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe("not_assigned");
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect((await get(`/claims/${claimId}/documents/${sha}`, reviewer)).statusCode).toBe(200);
  });

  it("an investigation's findings (not proven) lead to a refusal with a reason and an appeal deadline", async () => {
    const i = await post(`/claims/${claimId}/investigation`, reviewer, {
      investigatorId,
      reason: "hospital records needed",
    });
    expect(i.json().state).toBe("investigation");
    const wrong = await post(`/claims/${claimId}/findings`, investigator, { findings: "x" });
    expect(wrong.statusCode).toBe(400);
    const f = await post(`/claims/${claimId}/findings`, investigator, {
      findings: "病理报告缺失",
      expertOpinion: "无法确认诊断",
      diagnosisProven: false,
      preExisting: false,
      falseClaim: false,
    });
    expect(f.statusCode).toBe(200);
    expect(f.json().findings[0]).toMatchObject({ findings: "病理报告缺失", expertOpinion: "无法确认诊断" });
    const d = await post(`/claims/${claimId}/decision`, reviewer, { note: "pathology report missing" });
    expect(d.json()).toMatchObject({
      state: "rejected",
      decision: { approved: false, reason: "not_proven", by: "reviewer" },
      // decided 07-01, appeal within 15 days
      deadlines: { appealDueOn: "2020-07-16" },
    });
    // the findings are stored encrypted
    const raw = await t.db.pool.query("SELECT findings_cipher FROM claim_findings WHERE claim_id = $1", [
      claimId,
    ]);
    expect(raw.rows[0].findings_cipher.includes(Buffer.from("病理报告"))).toBe(false);
  });
});

describe("jury appeal", () => {
  it("draws the jurors verifiably from every adult member but the applicant", async () => {
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const a = await post(`/claims/${claimId}/appeal`, applicant.auth);
    expect(a.statusCode).toBe(200);
    expect(a.json().state).toBe("appeal");
    const jury = (await get(`/claims/${claimId}/jury`)).json();
    // the six other adults (the waiting-period member left the plan; the child is a minor) are all
    // drawn: the jury size is 100,000
    const pseudonyms = await t.db.pool.query("SELECT member_id, pseudonym FROM members");
    const byId = new Map(pseudonyms.rows.map((r) => [r.member_id, r.pseudonym]));
    expect(new Set(jury.jurors)).toEqual(new Set([...jurors, guardian].map((j) => byId.get(j.memberId))));
    expect(jury.jurors).not.toContain(byId.get(applicant.memberId));
    const inject = async (path: string) => {
      const r = await get(path);
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
      return String(r.headers["content-type"]).includes("json") ? r.json() : r.body;
    };
    const checks = await verifyJuryDraw(inject, claimId);
    expect(checks.every((c) => c.ok)).toBe(true);
    // with a jury of 3 from the same inputs the draw is a different, checkable selection
    const three = await verifyJuryDraw(inject, claimId, { jurySize: 3 });
    expect(three.at(-1)!.ok).toBe(false);
  });

  it("`huzhu jury verify` reproduces the draw against the running server, and fails when jurors are swapped", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const addr = t.app.server.address() as { port: number };
    const server = `http://127.0.0.1:${addr.port}`;
    const ok = await runCli(["jury", "verify", "--claim", String(claimId), "--server", server]);
    expect(ok.stdout).toContain("the jury draw is reproduced");
    expect(ok.code).toBe(0);
    await t.db.pool.query(
      `UPDATE jurors SET draw_order = CASE draw_order WHEN 0 THEN -1 WHEN 1 THEN 0 END WHERE claim_id = $1 AND draw_order IN (0, 1)`,
      [claimId],
    );
    await t.db.pool.query("UPDATE jurors SET draw_order = 1 WHERE claim_id = $1 AND draw_order = -1", [
      claimId,
    ]);
    const bad = await runCli(["jury", "verify", "--claim", String(claimId), "--server", server]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("does NOT reproduce");
    await t.db.pool.query(
      `UPDATE jurors SET draw_order = CASE draw_order WHEN 0 THEN -1 WHEN 1 THEN 0 END WHERE claim_id = $1 AND draw_order IN (0, 1)`,
      [claimId],
    );
    await t.db.pool.query("UPDATE jurors SET draw_order = 1 WHERE claim_id = $1 AND draw_order = -1", [
      claimId,
    ]);
    const bad2 = await runCli(["jury", "verify", "--claim", "x1", "--server", server]);
    expect(bad2.code).toBe(2);
  });

  it("one vote per juror in the window; a second vote changes nothing; after the window it is refused", async () => {
    const v = (m: M, inFavour: boolean) => post(`/claims/${claimId}/jury/votes`, m.auth, { inFavour });
    const notJuror = await v(applicant, true);
    expect(notJuror.statusCode).toBe(403);
    expect(notJuror.json().code).toBe("not_a_juror");
    expect((await v(jurors[0]!, true)).json()).toMatchObject({ inFavour: true, alreadyVoted: false });
    expect((await v(jurors[0]!, false)).json()).toMatchObject({ inFavour: true, alreadyVoted: true });
    await v(jurors[1]!, true);
    await v(jurors[2]!, true);
    await v(jurors[3]!, false);
    await setNow(at("2020-07-02", 11)); // 25 hours after the draw: the 24-hour window has closed
    const late = await v(jurors[4]!, true);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("jury_closed");
    const votes = await t.db.pool.query("SELECT count(*)::int AS n FROM jury_votes WHERE claim_id = $1", [
      claimId,
    ]);
    expect(votes.rows[0].n).toBe(4);
    // every ballot is in the transparency log: 3 in favour, 1 against, recountable by anyone
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const ballots = (await t.db.pool.query("SELECT canonical FROM log_entries WHERE kind = 'ballot'")).rows
      .map((r) => JSON.parse(r.canonical))
      .filter((b) => b.claim === claimId);
    const inFavour = ballots.filter((b) => b.inFavour === true).length;
    expect([inFavour, ballots.length - inFavour]).toEqual([3, 1]);
  });

  it("3 of 4 in favour (75% > 50%) overturns: the claim is decided by the rules and published", async () => {
    const r = await post("/admin/claims/advance", operator);
    expect(r.json()).toMatchObject({ juriesClosed: 1 });
    const jury = (await get(`/claims/${claimId}/jury`)).json();
    expect(jury.tally).toEqual({ outcome: "overturned", inFavour: 3, against: 1 });
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    // born 1990-05-01, joined 2020-03-01 aged 29, standard tier, 重大疾病: 300,000 yuan = 30,000,000 fen
    expect(c).toMatchObject({
      state: "announcement",
      benefitFen: 30_000_000,
      publishedOn: "2020-07-02",
      decision: { approved: true, by: "jury" },
      // published 07-02 for 15 days: objections until 07-16, sharing from 07-17
      deadlines: { publicityEndsOn: "2020-07-17" },
    });
    expect(c.decision.explanation).toContain("3 of 4 votes (75.0%)");
  });
});

describe("announcement and objections", () => {
  it("publishes the case masked; an objection sends it back to review and asks the applicant", async () => {
    const list = (await get("/plans/xianghubao/announcements", jurors[1]!.auth)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      claimId,
      nameMasked: "李*",
      benefitFen: 30_000_000,
      objectionsUntil: "2020-07-16",
    });
    expect(JSON.stringify(list)).not.toContain("李四");
    expect(JSON.stringify(list)).not.toContain(residentId("1990-05-01", 301));
    const o = await post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "该会员入会前已确诊" });
    expect(o.json()).toMatchObject({ state: "review" });
    const sms = await t.db.pool.query("SELECT body FROM sms_outbox WHERE body LIKE $1", [`%#${claimId}%`]);
    expect(sms.rows).toHaveLength(1);
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(c).toMatchObject({ state: "review", explanationRequested: true });
    const e = await post(`/claims/${claimId}/explanation`, applicant.auth, {
      text: "入会时未患病，附首次就诊记录",
    });
    expect(e.json()).toMatchObject({ explanationRequested: false });
    const d = await post(`/claims/${claimId}/decision`, reviewer, {
      diagnosisProven: true,
      preExisting: false,
      note: "first visit 2020-05-31",
    });
    expect(d.json()).toMatchObject({
      state: "announcement",
      publishedOn: "2020-07-02",
      benefitFen: 30_000_000,
    });
  });

  it("an objection after the publicity period is refused", async () => {
    await setNow(at("2020-07-17"));
    const o = await post(`/claims/${claimId}/objections`, jurors[2]!.auth, { grounds: "late" });
    expect(o.statusCode).toBe(422);
    expect(o.json().code).toBe("claim_deadline_passed");
    expect((await get(`/claims/${claimId}`, applicant.auth)).json().state).toBe("announcement");
  });
});

describe("into the money path", () => {
  it("after publicity the case enters the next cycle, is paid in one sum, and every step is recorded", async () => {
    const r = await post("/admin/claims/advance", operator);
    expect(r.json()).toMatchObject({ shared: 1 });
    const p = await get(`/participations/${applicant.participationId}`, applicant.auth);
    expect(p.json()).toMatchObject({ status: "ended" });
    const k = await t.db.pool.query(
      "SELECT benefit_fen, decided_on::text FROM cycle_cases WHERE member_id = $1",
      [applicant.memberId],
    );
    expect(k.rows).toEqual(
      [{ benefit_fen: "30000000", decided_on: "2020-07-17" }].map((x) => ({
        ...x,
        benefit_fen: Number(x.benefit_fen),
      })),
    );
    await setNow(at("2020-07-21"));
    await runDueCycles(t.deps, "xianghubao", civilDate("2020-07-21"), civilDate("2020-07-21"));
    await post("/admin/claims/advance", operator);
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(c.state).toBe("paid");
    // collected on 2020-07-28 (a Tuesday); 10 working days → Tuesday 2020-08-11
    expect(c.deadlines.payoutDueOn).toBe("2020-08-11");
    const actions = c.transitions.map((x: { action: string }) => x.action);
    expect(actions).toEqual([
      "report",
      "upload",
      "submit",
      "assign",
      "investigate",
      "record_findings",
      "reject",
      "appeal",
      "overturn",
      "object",
      "explain",
      "approve",
      "share",
      "pay",
    ]);
    for (const x of c.transitions) {
      expect(x.ruleVersion).toBe("2020-01-01");
      expect(x.reason.length).toBeGreaterThan(0);
    }
    expect(c.transitions.find((x: { action: string }) => x.action === "overturn").actor).toBe("jury");
    // a paid claim cannot be withdrawn: a problem with a stable type, and nothing changes
    const w = await post(`/claims/${claimId}/withdraw`, applicant.auth, {});
    expect(w.statusCode).toBe(409);
    expect(w.json()).toMatchObject({
      code: "claim_wrong_state",
      type: "https://huzhu.dev/problems/claim-wrong-state",
    });
    const after = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(after.transitions).toHaveLength(c.transitions.length);
    expect(after.state).toBe("paid");
  });
});

describe("the jury excludes the applicant's family", () => {
  it("a child's appeal is judged without the guardian", async () => {
    await setNow(at("2020-08-01"));
    const r = await post("/claims", guardian.auth, {
      participationId: child.participationId,
      event: "major",
      diagnosedOn: "2020-07-20",
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().claimId;
    await post(`/claims/${id}/documents`, { ...guardian.auth, "content-type": "application/pdf" }, PDF);
    await post(`/claims/${id}/submit`, guardian.auth);
    await post(`/claims/${id}/assignment`, operator, { reviewerId });
    const d = await post(`/claims/${id}/decision`, reviewer, {
      diagnosisProven: false,
      note: "no pathology",
    });
    expect(d.json()).toMatchObject({ state: "rejected", decision: { reason: "not_proven" } });
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const a = await post(`/claims/${id}/appeal`, guardian.auth);
    expect(a.json().state).toBe("appeal");
    const jury = (await get(`/claims/${id}/jury`)).json();
    const pseudonyms = await t.db.pool.query("SELECT member_id, pseudonym FROM members");
    const byId = new Map(pseudonyms.rows.map((x) => [x.member_id, x.pseudonym]));
    // the five unrelated members still in the plan; neither the guardian nor the child
    expect(new Set(jury.jurors)).toEqual(new Set(jurors.map((j) => byId.get(j.memberId))));
    expect(jury.jurors).not.toContain(byId.get(guardian.memberId));
    expect(jury.jurors).not.toContain(byId.get(child.memberId));
  });
});

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

describe("documents directory", () => {
  it("holds only ciphertext files named by their hash", () => {
    const root = join(t.deps.dataDir, "documents");
    for (const d of readdirSync(root))
      for (const f of readdirSync(join(root, d))) {
        expect(f).toMatch(/^[0-9a-f]{64}$/);
        expect(statSync(join(root, d, f)).size).toBeGreaterThan(29);
      }
  });
});
