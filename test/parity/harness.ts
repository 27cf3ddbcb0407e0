import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { runCycle } from "../../src/cycles/run.ts";
import { addDays, civilDate } from "../../src/domain/calendar.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import { importMembers } from "../../src/import/import.ts";
import { lapseEveryPlan } from "../../src/jobs/handlers/balance-lapses.ts";
import { heldFen, topUp } from "../../src/payments/top-up.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import { resolvePlan } from "../../src/sim/scenario/load.ts";
import { runScenario, type ScenarioReport } from "../../src/sim/scenario/run.ts";
import { approveCase, registerMember, residentId, type TestApp } from "../support/app.ts";
import { joinShuidi } from "../support/enrol.ts";

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

/** What the runner reports for the case. */
export function runnerReport(c: ParityCase): ScenarioReport {
  const cohorts: Array<Record<string, unknown>> = [
    { name: "m", count: c.members, born: c.born, joined: c.joined },
  ];
  if (c.poor)
    cohorts.push({
      name: "poor",
      count: c.poor.members,
      born: c.born,
      joined: c.joined,
      deposit: c.poor.deposit,
    });
  const s = parseScenario({
    plan: c.plan,
    from: c.from ?? c.joined,
    to: c.to,
    cohorts,
    claims: [{ cohort: "m", count: 1, event: c.event, diagnosed: c.diagnosed, decided: c.decided }],
  });
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  const plan = resolvePlan(s.value);
  if (!plan.ok) throw new Error(JSON.stringify(plan.error));
  return runScenario(s.value, plan.value);
}

/** Members imported into a plan (the import path), their participations and member ids in order. */
async function importCohort(t: TestApp, plan: string, n: number, born: string, joined: string) {
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on"];
  const seq0 = 10_000 + seq;
  seq += n;
  for (let i = 0; i < n; i++)
    lines.push(
      `会员,1${String(6e9 + seq0 + i).padStart(10, "0")},${residentId(born, seq0 + i)},${plan},,${joined}`,
    );
  const path = join(dir, `${plan}-${seq0}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const today = civilDate(new Date(t.clock.now()).toISOString().slice(0, 10));
  const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  const { rows } = await t.db.pool.query<{ participation_id: number; member_id: number }>(
    `SELECT participation_id, member_id FROM participations WHERE plan_id = $1
     ORDER BY participation_id DESC LIMIT $2`,
    [plan, n],
  );
  return rows.reverse();
}

/** A member signs up, tops up the first deposit and joins 水滴 through the routes, on the joining day. */
async function joinThroughApi(t: TestApp, c: ParityCase, i: number) {
  const n = 90_000 + seq++;
  const m = await registerMember(t, `1${String(7e9 + n).padStart(10, "0")}`, residentId(c.born, n));
  const plan = await loadStoredPlan(t.db.pool, c.plan);
  const funding = ruleVersionOn(plan, civilDate(c.joined))!.rules.funding;
  await t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/top-ups`,
    headers: { ...m.auth, "idempotency-key": `first-${i}` },
    payload: { amountFen: funding.mode === "prepaid" ? funding.initialDeposit : 0 },
  });
  const r = await joinShuidi(t, m);
  if (r.statusCode !== 201) throw new Error(r.body);
  return { participation_id: r.json().participationId as number, member_id: m.memberId };
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
  const api = c.viaApi ?? 0;
  const groups = [{ name: "m", rows: await importCohort(t, c.plan, c.members - api, c.born, c.joined) }];
  if (c.poor)
    groups.push({ name: "poor", rows: await importCohort(t, c.plan, c.poor.members, c.born, c.joined) });
  if (prepaid) {
    const plan = await loadStoredPlan(t.db.pool, c.plan);
    const funding = ruleVersionOn(plan, civilDate(c.joined))!.rules.funding;
    const firstFen = funding.mode === "prepaid" ? funding.initialDeposit : 0;
    for (const g of groups)
      for (const r of g.name === "m" ? g.rows.slice(0, c.members - api) : g.rows) {
        const self = { kind: "member" as const, id: r.member_id, roles: ["member" as const] };
        const amountFen = g.name === "poor" ? Math.round(c.poor!.deposit * 100) : firstFen;
        await topUp(t.deps, self, r.member_id, amountFen, "first");
      }
  }
  for (let i = 0; i < api; i++) groups[0]!.rows.push(await joinThroughApi(t, c, i));
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
