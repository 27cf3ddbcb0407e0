/**
 * The claims story shared by the test/claims/* files: one world (staff, the applicant, the jurors, a
 * family) and the steps that carry the applicant's claim from report to payment. Each file replays the
 * steps before the behaviour it tests, so it starts from the state the old single story had reached.
 * The bindings are live: each test file runs in its own process, with its own world.
 */
import { afterAll, beforeAll } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { enrolChild, registerMember, residentId, staffToken, type TestApp, testApp } from "./app.ts";
import { runDueOn } from "./cycles.ts";

/** Shanghai 10:00 on a day (UTC+8, no daylight saving). */
export const at = (date: string, hour = 10) =>
  Date.parse(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
export const answers = { major_illness: false, hospitalised: false };
export const PDF = Buffer.from("%PDF-1.4\n% 诊断证明 of the applicant\n1 0 obj <<>> endobj\n%%EOF\n");

/** A juror's reason for either choice (every vote carries one). */
export const reasonOf = (inFavour: boolean) =>
  inFavour ? "病理报告已补，诊断成立" : "缺少病理报告，维持原结论";

export type M = Awaited<ReturnType<typeof registerMember>> & { participationId: number };

export let t: TestApp;
export let operator: Record<string, string>;
export let reviewer: Record<string, string>;
export let otherReviewer: Record<string, string>;
export let investigator: Record<string, string>;
export let reviewerId: number;
export let investigatorId: number;
export let applicant: M;
export let early: M;
export const jurors: M[] = [];
export let guardian: M;
export let child: { memberId: number; participationId: number };
/** The applicant's claim, once the story has reported it. */
export let claimId: number;

export async function joinPlan(
  m: Awaited<ReturnType<typeof registerMember>>,
  planId: string,
  withAnswers = true,
) {
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId, ...(withAnswers ? { answers, answersVersion: "V2" } : {}) },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { ...m, participationId: r.json().participationId as number };
}

export const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
export const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });
/** Moves the clock; sessions are made to outlive the simulated months (they last 7 days). */
export async function setNow(ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}
export const claimCount = async () =>
  (await t.db.pool.query("SELECT count(*)::int AS n FROM claims")).rows[0].n;

async function staffAndMembers() {
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
}

async function family() {
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
}

/** A request the story needs to succeed; a failure stops the file's setup with the answer. */
async function must(r: Promise<{ statusCode: number; body: string }>) {
  const a = await r;
  if (a.statusCode >= 300) throw new Error(`${a.statusCode}: ${a.body}`);
  return a;
}
const pdfOf = (m: { auth: Record<string, string> }) => ({ ...m.auth, "content-type": "application/pdf" });
const advance = () => must(post("/admin/claims/advance", operator));

/**
 * The refusal of a claim under review: investigated, the diagnosis not proven (the pathology report is
 * missing), refused by the reviewer. The story's step, and the browser test's for a claim it reported.
 */
export async function refuseClaim(id: number) {
  await must(
    post(`/claims/${id}/investigation`, reviewer, { investigatorId, reason: "hospital records needed" }),
  );
  await must(
    post(`/claims/${id}/findings`, investigator, {
      findings: "病理报告缺失",
      expertOpinion: "无法确认诊断",
      diagnosisProven: false,
      preExisting: false,
      falseClaim: false,
    }),
  );
  await must(post(`/claims/${id}/decision`, reviewer, { note: "pathology report missing" }));
}

/** Jurors from `first` on vote these choices, each with its reason. */
export async function castVotes(id: number, choices: boolean[], first = 0) {
  for (const [i, inFavour] of choices.entries())
    await must(
      post(`/claims/${id}/jury/votes`, jurors[first + i]!.auth, { inFavour, reason: reasonOf(inFavour) }),
    );
}

/** The story's steps in order; each does what the old single test file did at that point. */
const STORY = {
  /** early's claim inside the waiting period is refused and ends the participation. */
  waiting: async () => {
    await setNow(at("2020-06-10"));
    const r = await must(
      post("/claims", early.auth, {
        participationId: early.participationId,
        event: "major",
        diagnosedOn: "2020-05-29",
      }),
    );
    const id = JSON.parse(r.body).claimId;
    await must(post(`/claims/${id}/documents`, pdfOf(early), PDF));
    await must(post(`/claims/${id}/submit`, early.auth));
    await must(post(`/claims/${id}/assignment`, operator, { reviewerId }));
    await must(post(`/claims/${id}/decision`, reviewer, { note: "" }));
  },
  report: async () => {
    await setNow(at("2020-07-01"));
    const r = await must(
      post("/claims", applicant.auth, {
        participationId: applicant.participationId,
        event: "major",
        diagnosedOn: "2020-06-01",
        description: "确诊恶性肿瘤，住院治疗",
      }),
    );
    claimId = JSON.parse(r.body).claimId;
  },
  documents: async () => {
    await must(post(`/claims/${claimId}/documents?kind=diagnosis`, pdfOf(applicant), PDF));
  },
  assign: async () => {
    await must(post(`/claims/${claimId}/submit`, applicant.auth));
    await must(post(`/claims/${claimId}/assignment`, operator, { reviewerId, complexity: "complex" }));
  },
  refuse: () => refuseClaim(claimId),
  appeal: async () => {
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    await must(post(`/claims/${claimId}/appeal`, applicant.auth));
  },
  vote: async () => {
    await castVotes(claimId, [true, true, true, false]);
    await setNow(at("2020-07-02", 11));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  },
  overturn: advance,
  object: async () => {
    await must(post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "该会员入会前已确诊" }));
    await must(
      post(`/claims/${claimId}/explanation`, applicant.auth, { text: "入会时未患病，附首次就诊记录" }),
    );
    await must(
      post(`/claims/${claimId}/decision`, reviewer, {
        diagnosisProven: true,
        preExisting: false,
        note: "first visit 2020-05-31",
      }),
    );
    await setNow(at("2020-07-17"));
  },
  pay: async () => {
    await advance();
    await setNow(at("2020-07-21"));
    await runDueOn(t, "xianghubao", "2020-07-21", "2020-07-21");
    // the cycle's second step: its collection on 07-28 (announced on 07-21)
    await setNow(at("2020-07-28"));
    await runDueOn(t, "xianghubao", "2020-07-28", "2020-07-21");
    await advance();
  },
} as const;
export type StoryStep = keyof typeof STORY;
const STEPS = Object.keys(STORY) as StoryStep[];

/** Replays the story's steps after `from` (exclusive) through `to` (inclusive). */
export async function replayStory(from: StoryStep | null, to: StoryStep) {
  const start = from === null ? 0 : STEPS.indexOf(from) + 1;
  for (const step of STEPS.slice(start, STEPS.indexOf(to) + 1)) await STORY[step]();
}

/** The file's world, with the story replayed through `upTo` (none: the world as it starts). */
export function useClaimsStory(upTo?: StoryStep) {
  beforeAll(async () => {
    await staffAndMembers();
    await family();
    if (upTo) await replayStory(null, upTo);
  });
  afterAll(async () => {
    await t.close();
  });
}
