import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { runCycle } from "../../src/cycles/run.ts";
import { addDays, civilDate } from "../../src/domain/calendar.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import { importMembers } from "../../src/import/import.ts";
import { lapseEveryPlan } from "../../src/jobs/handlers/balance-lapses.ts";
import { limits } from "../../src/limits.ts";
import { heldFen } from "../../src/payments/top-up.ts";
import { loadPlanFrom } from "../../src/plans/registry.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { enrolmentProblems } from "../../src/sim/scenario/enrolment.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import { runScenario, type ScenarioReport } from "../../src/sim/scenario/run.ts";
import { approveCase, registerMember, residentId, staffToken, type TestApp } from "../support/app.ts";

/**
 * One preset run both ways on the same inputs: a cohort of identical members joined on one day (some
 * holding a smaller first deposit where the plan is prepaid), one claim, every cycle of the window.
 */
export type ParityCase = {
  plan: string;
  members: number;
  born: string;
  joined: string;
  /** The window's first day; default the joining day (periodic fees then accrue alike). */
  from?: string;
  to: string;
  event: string;
  diagnosed: string;
  decided: string;
  /** Of the members, how many enrol through the API (水滴's health declaration: sign-up, deposit, join). */
  viaApi?: number;
  /** Prepaid: members of a second cohort whose first deposit is this many yuan (they fail to pay). */
  poor?: { members: number; deposit: number };
};

const dir = mkdtempSync(join(tmpdir(), "huzhu-parity-"));
let seq = 0;

/** The rules in force on the joining day, and the first deposit they ask (0 where post-paid). */
async function joiningRules(t: TestApp, c: ParityCase) {
  const rules = ruleVersionOn(await loadStoredPlan(t.db.pool, c.plan), civilDate(c.joined))!.rules;
  return { rules, firstFen: rules.funding.mode === "prepaid" ? rules.funding.initialDeposit : 0 };
}

/**
 * What the runner reports for the case. The poor cohort pays the first deposit, as every join must
 * (the runner refuses a join under it, as live: sim/scenario/enrolment.ts), and takes all but its
 * smaller sum back the same day.
 */
export function runnerReport(c: ParityCase): ScenarioReport {
  const cohorts: Array<Record<string, unknown>> = [
    { name: "m", count: c.members, born: c.born, joined: c.joined },
  ];
  const resolved = loadPlanFrom(c.plan);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  const funding = ruleVersionOn(resolved.value, civilDate(c.joined))!.rules.funding;
  if (c.poor && funding.mode === "prepaid")
    cohorts.push({
      name: "poor",
      count: c.poor.members,
      born: c.born,
      joined: c.joined,
      withdrawals: [{ on: c.joined, amount: (funding.initialDeposit - poorFen(c)) / 100 }],
    });
  const s = parseScenario({
    plan: c.plan,
    from: c.from ?? c.joined,
    to: c.to,
    cohorts,
    claims: [{ cohort: "m", count: 1, event: c.event, diagnosed: c.diagnosed, decided: c.decided }],
  });
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  const refused = enrolmentProblems(s.value, resolved.value);
  if (refused.length > 0) throw new Error(JSON.stringify(refused));
  return runScenario(s.value, resolved.value);
}

const poorFen = (c: ParityCase) => Math.round(c.poor!.deposit * 100);

/** Invitation codes issued by an operator through the invitations route, for a plan that asks one. */
async function invitationCodes(t: TestApp, plan: string, n: number): Promise<string[]> {
  const auth = await staffToken(t, ["operator"]);
  const codes: string[] = [];
  while (codes.length < n) {
    const count = Math.min(limits.invitationCodesPerIssueMax, n - codes.length);
    const r = await t.app.inject({
      method: "POST",
      url: `/plans/${plan}/invitations`,
      headers: auth,
      payload: { count },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    codes.push(...(r.json().codes as string[]));
  }
  return codes;
}

/** Members imported into a plan (the import path), their participations and member ids in order. */
async function importCohort(t: TestApp, c: ParityCase, n: number, codes: string[]) {
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on,invitation_code"];
  const seq0 = 10_000 + seq;
  seq += n;
  for (let i = 0; i < n; i++)
    lines.push(
      `会员,1${String(6e9 + seq0 + i).padStart(10, "0")},${residentId(c.born, seq0 + i)},${c.plan},,${c.joined},${codes[i] ?? ""}`,
    );
  const path = join(dir, `${c.plan}-${seq0}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const today = civilDate(new Date(t.clock.now()).toISOString().slice(0, 10));
  const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  const { rows } = await t.db.pool.query<{ participation_id: number; member_id: number }>(
    `SELECT participation_id, member_id FROM participations WHERE plan_id = $1
     ORDER BY participation_id DESC LIMIT $2`,
    [c.plan, n],
  );
  return rows.reverse();
}

/**
 * A member signs up, pays a prepaid plan's first deposit and joins through the routes on the joining
 * day, with a clean health declaration of the plan's questions and an invitation code where asked.
 */
async function joinThroughApi(t: TestApp, c: ParityCase, code: string | undefined) {
  const n = 90_000 + seq++;
  const m = await registerMember(t, `1${String(7e9 + n).padStart(10, "0")}`, residentId(c.born, n));
  const { rules, firstFen } = await joiningRules(t, c);
  if (firstFen > 0) {
    const r = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/top-ups`,
      headers: { ...m.auth, "idempotency-key": `first-${n}` },
      payload: { amountFen: firstFen, planId: c.plan },
    });
    if (r.json().status !== "succeeded") throw new Error(r.body);
  }
  const hd = rules.eligibility.healthDeclaration;
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: {
      memberId: m.memberId,
      planId: c.plan,
      ...(hd && {
        answers: Object.fromEntries(hd.questions.map((q) => [q.id, false])),
        answersVersion: hd.version,
      }),
      ...(code && { invitationCode: code }),
    },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { participation_id: r.json().participationId as number, member_id: m.memberId, auth: m.auth };
}

/**
 * A cohort enrolled as the live system allows: a prepaid plan's members through the API (the import
 * refuses a join without the first deposit), the others imported but for `viaApi` of them; invitation
 * codes issued first where the plan asks one.
 */
async function enrolCohort(t: TestApp, c: ParityCase, n: number, viaApi: number) {
  const { rules, firstFen } = await joiningRules(t, c);
  const api = firstFen > 0 ? n : viaApi;
  const codes = rules.eligibility.invitationRequired ? await invitationCodes(t, c.plan, n) : [];
  const rows = await importCohort(t, c, n - api, codes.slice(api));
  for (let i = 0; i < api; i++) rows.push(await joinThroughApi(t, c, codes[i]));
  return rows;
}

/** The poor cohort: the first deposit paid, all but the smaller sum taken back the same day. */
async function enrolPoor(t: TestApp, c: ParityCase) {
  const { firstFen } = await joiningRules(t, c);
  const rows = [];
  for (let i = 0; i < c.poor!.members; i++) {
    const m = await joinThroughApi(t, c, undefined);
    const r = await t.app.inject({
      method: "POST",
      url: `/members/${m.member_id}/withdrawals`,
      headers: { ...m.auth, "idempotency-key": `poor-${m.member_id}` },
      payload: { amountFen: firstFen - poorFen(c) },
    });
    if (r.statusCode >= 300) throw new Error(r.body);
    rows.push(m);
  }
  return rows;
}

export type LiveRun = {
  cycles: Array<Record<string, unknown>>;
  /** Per cohort: participation states counted as the runner counts them, and each member's balance. */
  cohorts: Array<{ name: string; active: number; suspended: number; ended: number; balancesFen: number[] }>;
  /** The ledger: paid out to claimants, and held as member advances, for the plan. */
  paidOutFen: number;
  memberAdvancesFen: number;
};

/**
 * The same inputs live: imported members, their first deposits topped up through the payment port,
 * the runner's approved claim entered, each cycle the runner announced run on its date, and the
 * balance rules applied on the last day.
 */
export async function runLive(t: TestApp, c: ParityCase, expected: ScenarioReport): Promise<LiveRun> {
  const prepaid = expected.cohorts[0]!.balanceFen !== null;
  // The application's clock walks the window: each step runs on its own day.
  const on = (day: string) => t.clock.set(Date.parse(`${day}T02:00:00Z`));
  on(c.joined);
  const groups = [{ name: "m", rows: await enrolCohort(t, c, c.members, c.viaApi ?? 0) }];
  if (c.poor) groups.push({ name: "poor", rows: await enrolPoor(t, c) });
  const claim = expected.claims[0]!;
  const cycles: Array<Record<string, unknown>> = [];
  let decided = claim.benefitFen === null;
  const decide = async () => {
    on(c.decided);
    await approveCase(t, groups[0]!.rows[0]!.participation_id, claim.benefitFen!, c.decided, c.event);
    decided = true;
  };
  for (const cycle of expected.cycles) {
    if (!decided && c.decided <= cycle.announcedOn) await decide();
    on(cycle.collectOn);
    cycles.push({ ...(await runCycle(t.deps, c.plan, civilDate(cycle.announcedOn))) });
  }
  if (!decided) await decide();
  // The job queue's lapse check, each day from the last collection to the window's end.
  const last = expected.cycles.at(-1)?.collectOn ?? c.joined;
  for (let day = civilDate(last); day <= c.to; day = addDays(day, 1)) {
    on(day);
    await lapseEveryPlan(t.deps);
  }
  const cohorts = [];
  for (const g of groups) {
    const ids = g.rows.map((r) => r.participation_id);
    const { rows } = await t.db.pool.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM participations WHERE participation_id = ANY($1) GROUP BY 1",
      [ids],
    );
    const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    const balancesFen = prepaid
      ? await Promise.all(g.rows.slice(1).map((r) => heldFen(t.deps, r.member_id)))
      : [];
    cohorts.push({
      name: g.name,
      active: count("active"),
      suspended: count("suspended"),
      ended: ids.length - count("active") - count("suspended"),
      balancesFen,
    });
  }
  const ledger = await t.db.pool.query<{ paid: string; advances: string }>(
    `SELECT coalesce(-sum(p.amount_fen) FILTER (WHERE p.account_id = 'world:paid_out'), 0)::text AS paid,
            coalesce(sum(p.amount_fen) FILTER (WHERE p.account_id LIKE 'member:%:advance'), 0)::text AS advances
     FROM ledger_postings p JOIN ledger_transactions x USING (txn_id) WHERE x.plan_id = $1`,
    [c.plan],
  );
  const row = ledger.rows[0]!;
  return { cycles, cohorts, paidOutFen: Number(row.paid), memberAdvancesFen: Number(row.advances) };
}

const DISCLOSED = [
  "announcedOn",
  "collectOn",
  "ruleVersion",
  "cases",
  "approvedBenefitsFen",
  "benefitsFen",
  "benefitCutFen",
  "feesFen",
  "surplusInFen",
  "surplusOutFen",
  "sponsorFen",
  "sharingMembers",
  "sharingWeight",
  "shares",
  "collectedFen",
  "failedFen",
  "advancedFen",
  "benefitsPaidFen",
] as const;

/**
 * Each disclosure field by field, each cohort's participation states and every member's balance; and
 * the ledger paid out what the runner says was paid (benefits less failed shares nobody advanced),
 * holding member advances exactly for the advanced failures.
 */
export function expectSame(c: ParityCase, live: LiveRun, expected: ScenarioReport): void {
  expect(live.cycles.length).toBe(expected.cycles.length);
  const paid = expected.cycles.reduce((n, x) => n + (x.benefitsPaidFen ?? x.benefitsFen), 0);
  const advanced = expected.cycles.reduce((n, x) => n + x.advancedFen, 0);
  expect.soft(live.paidOutFen, `${c.plan} paid out`).toBe(paid);
  expect.soft(live.memberAdvancesFen, `${c.plan} member advances`).toBe(advanced);
  expected.cycles.forEach((want, i) => {
    for (const k of DISCLOSED)
      expect.soft(live.cycles[i]![k], `${c.plan} cycle ${want.announcedOn} ${k}`).toEqual(want[k]);
  });
  expected.cohorts.forEach((want, i) => {
    const got = live.cohorts[i]!;
    const states = { active: got.active, suspended: got.suspended, ended: got.ended };
    expect.soft(states, `${c.plan} ${want.name}`).toEqual({
      active: want.active,
      suspended: want.suspended,
      ended: want.ended,
    });
    for (const b of got.balancesFen) expect.soft(b, `${c.plan} ${want.name} balance`).toBe(want.balanceFen);
  });
}
