import type { FastifyInstance } from "fastify";
import { runDueCycles } from "../cycles/schedule.ts";
import type { ServiceDeps } from "../deps.ts";
import { addDays, type CivilDate, civilDateOfInstant, startOfCivilDate } from "../domain/calendar.ts";
import { fixedClock } from "../domain/clock.ts";
import { sequenceLog } from "../log/sequencer.ts";
import { SimulatedProvider } from "../payments/simulated.ts";
import { DemoApi, type DemoPerson, type DemoStaff } from "./demo-api.ts";

/** Builds the HTTP app on some deps: the edge passes its own (`buildApp`), so dependencies point inward. */
export type AppBuilder = (deps: ServiceDeps) => Promise<FastifyInstance>;

const HOUR_MS = 3_600_000;
const ANSWERS = { answers: { major_illness: false, hospitalised: false }, answersVersion: "V2" };
const PDF = Buffer.from("%PDF-1.4\n% demo document\n1 0 obj <<>> endobj\n%%EOF\n");
const pdf = (auth: Record<string, string>) => ({ ...auth, "content-type": "application/pdf" });

export type DemoFamily = {
  /** Adults: the first is a guardian, the second's claim is paid, the third's is under appeal. */
  readonly adults: readonly DemoPerson[];
  readonly child: { readonly name: string; readonly residentId: string };
};

/** What the history left, for the start banner. */
export type DemoHistory = {
  readonly paidClaimId: number;
  readonly appealedClaimId: number;
  readonly proposalId: number;
};

type Story = { api: DemoApi; deps: ServiceDeps; family: DemoFamily; today: CivilDate; firstDay: CivilDate };

/**
 * A lived history for `npm start`'s first start: about four months of 相互宝 walked through the API on
 * a demo clock that starts in the past and stops before the real now — members and a child dependant
 * joining (one also in 水滴, topped up), every cycle of the calendar with its disclosure, a claim
 * approved, publicised, shared and paid, a claim refused and under the jury's appeal, and a member's
 * open proposal. Nothing is inserted behind the use cases' back, so `huzhu audit` passes after it.
 */
export async function buildDemoHistory(
  deps: ServiceDeps,
  buildApp: AppBuilder,
  staff: readonly DemoStaff[],
  family: DemoFamily,
) {
  const realNow = deps.clock.now();
  const today = civilDateOfInstant(realNow);
  const firstDay = addDays(today, -135);
  const clock = fixedClock(startOfCivilDate(firstDay) + 10 * HOUR_MS);
  let app: FastifyInstance | undefined;
  const payments = new SimulatedProvider({
    seed: "demo",
    webhookSecret: deps.webhookSecret,
    clock,
    store: deps.pool,
    deliver: async (raw, sig) => {
      await app?.inject({
        method: "POST",
        url: "/payments/webhook",
        headers: { "content-type": "application/json", "x-signature": sig },
        payload: raw,
      });
    },
  });
  const demoDeps: ServiceDeps = { ...deps, clock, payments };
  app = await buildApp(demoDeps);
  try {
    const s: Story = { api: new DemoApi(app, clock, staff), deps: demoDeps, family, today, firstDay };
    await joinPlans(s);
    const paidClaimId = await paidClaim(s);
    s.api.moveTo(realNow - 3 * HOUR_MS);
    const appealedClaimId = await appealedClaim(s);
    const proposalId = await openProposal(s);
    await sequenceLog(deps.pool, deps.logKeys, clock);
    return { paidClaimId, appealedClaimId, proposalId } satisfies DemoHistory;
  } finally {
    await app.close();
  }
}

const at = (s: Story, daysBeforeToday: number) =>
  startOfCivilDate(addDays(s.today, -daysBeforeToday)) + 10 * HOUR_MS;

/** Every cycle due by the demo clock since the first day, as the scheduler runs them; the log sequenced. */
async function runCycles(s: Story): Promise<void> {
  const day = civilDateOfInstant(s.api.clock.now());
  await runDueCycles(s.deps, "xianghubao", day, s.firstDay);
  await sequenceLog(s.deps.pool, s.deps.logKeys, s.api.clock);
}

/** Day one: every adult joins 相互宝, the guardian enrols a child, tops up and joins 水滴 (prepaid). */
async function joinPlans(s: Story): Promise<void> {
  const { api, family } = s;
  for (const p of family.adults) {
    const auth = await api.asMember(p);
    await api.send("POST", "/participations", auth, {
      memberId: api.memberId(p),
      planId: "xianghubao",
      ...ANSWERS,
    });
  }
  const guardian = family.adults[0]!;
  const g = await api.asMember(guardian);
  const gid = api.memberId(guardian);
  const request = await api.send("POST", `/members/${gid}/dependants`, g, {
    ...family.child,
    relation: "child",
    consentVersion: "v1",
  });
  await api.send("PUT", `/members/${gid}/dependant-requests/${request.requestId}/document`, pdf(g), PDF);
  const decision = await api.send(
    "POST",
    `/dependant-requests/${request.requestId}/decision`,
    await api.asStaff("reviewer"),
    {
      accept: true,
    },
  );
  await api.send("POST", "/participations", g, {
    memberId: decision.dependantId,
    planId: "xianghubao",
    ...ANSWERS,
  });
  await api.send(
    "POST",
    `/members/${gid}/top-ups`,
    { ...g, "idempotency-key": "demo-first-deposit-0000001" },
    // the first deposit names the prepaid plan it is for (a top-up funds a prepaid participation)
    { amountFen: 1000, planId: "shuidi" },
  );
  await api.send("POST", "/participations", g, {
    memberId: gid,
    planId: "shuidi",
    answers: { major_illness: false },
    answersVersion: "2016",
  });
}

const participationOf = async (api: DemoApi, auth: Record<string, string>, planId: string) => {
  const list = await api.send("GET", "/participations", auth);
  const items = (list.items ?? list) as Array<{ participationId: number; planId: string }>;
  const p = items.find((x) => x.planId === planId);
  if (!p) throw new Error(`demo history: no participation in ${planId}`);
  return p.participationId;
};

/** A claim reported, documented, assigned and decided by the reviewer; its id. */
async function reportAndDecide(s: Story, who: DemoPerson, diagnosedOn: CivilDate, proven: boolean) {
  const { api } = s;
  const auth = await api.asMember(who);
  const participationId = await participationOf(api, auth, "xianghubao");
  const claim = await api.send("POST", "/claims", auth, {
    participationId,
    event: "major",
    diagnosedOn,
    description: proven ? "确诊恶性肿瘤，住院治疗" : "疑似重大疾病，门诊检查",
  });
  const id = claim.claimId as number;
  await api.send("POST", `/claims/${id}/documents?kind=diagnosis`, pdf(auth), PDF);
  await api.send("POST", `/claims/${id}/submit`, auth);
  const staffList = await api.send("GET", "/operations/staff", await api.asStaff("admin"));
  const reviewerId = staffList.items.find((x: { username: string }) => x.username === "reviewer").staffId;
  await api.send("POST", `/claims/${id}/assignment`, await api.asStaff("operator"), { reviewerId });
  await api.send("POST", `/claims/${id}/decision`, await api.asStaff("reviewer"), {
    diagnosisProven: proven,
    preExisting: false,
    note: proven ? "诊断证明与病理报告一致" : "诊断证明不足以确认所列重大疾病",
  });
  return id;
}

/** Covered from day 90; diagnosed 43 days ago, approved, publicised 15 days, shared in a cycle and paid. */
async function paidClaim(s: Story): Promise<number> {
  const { api } = s;
  api.moveTo(at(s, 42));
  await runCycles(s);
  const id = await reportAndDecide(s, s.family.adults[1]!, addDays(s.today, -43), true);
  api.moveTo(at(s, 25));
  await api.send("POST", "/admin/claims/advance", await api.asStaff("operator"));
  api.moveTo(at(s, 2));
  await runCycles(s);
  await api.send("POST", "/admin/claims/advance", await api.asStaff("operator"));
  await runCycles(s);
  return id;
}

/** Refused three hours ago and appealed: the jury is drawn and votes for a day. */
async function appealedClaim(s: Story): Promise<number> {
  const who = s.family.adults[2]!;
  const id = await reportAndDecide(s, who, addDays(s.today, -4), false);
  await sequenceLog(s.deps.pool, s.deps.logKeys, s.api.clock);
  await s.api.send("POST", `/claims/${id}/appeal`, await s.api.asMember(who));
  return id;
}

/** A member's proposal to lower the fee, submitted and open. */
async function openProposal(s: Story): Promise<number> {
  const who = s.family.adults[3]!;
  const r = await s.api.send("POST", "/proposals", await s.api.asMember(who), {
    planId: "xianghubao",
    title: "管理费从 8% 降至 6%",
    text: "成员规模扩大后，运营成本摊薄，建议降低管理费。",
    changes: { fees: [{ kind: "percentOfBenefit", percent: 6 }] },
  });
  return r.proposalId as number;
}
