import { expect } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { accounts } from "../../src/domain/ledger.ts";
import { ruleVersionOn } from "../../src/domain/plan/document.ts";
import { premiumPoolOf, renewalAttemptDays } from "../../src/domain/plan/premium-pool.ts";
import { heldFen } from "../../src/payments/top-up.ts";
import { loadPlanFrom } from "../../src/plans/registry.ts";
import { loadStoredPlan } from "../../src/plans/stored-plan.ts";
import { renewalKey } from "../../src/pools/renewal.ts";
import { parseScenario } from "../../src/sim/scenario/input.ts";
import type { PoolYearReport } from "../../src/sim/scenario/pools.ts";
import { runScenario, type ScenarioReport } from "../../src/sim/scenario/run.ts";
import { balanceOf } from "../../src/store/ledger.repository.ts";
import { approveCase, registerMember, residentId, type TestApp } from "../support/app.ts";
import { runDueOn } from "../support/cycles.ts";
import type { ParityCase } from "./harness.ts";

// A premium-pool plan (Friendsurance) live: there is no debit cycle, so the shared harness's cycle walk
// does not apply; members enrol through the API (top-up of the premium, join), the runner's claim is
// entered on its day, and the scheduler's pass runs on the year's end. Kept apart from harness.ts.

export type PoolsLiveRun = {
  pools: PoolYearReport[];
  claims: Array<{ status: string; benefitFen: number }>;
  cohort: { active: number; suspended: number; ended: number };
  /** Each member's balance after the year's end, in joining order. */
  balancesFen: number[];
  /** Each group pool's ledger balance (what it holds: −balance), by group number. */
  poolAccountsFen: number[];
};

let seq = 0;

/** A pool case: the shared case, and members of a second cohort whose renewal debits all fail. */
export type PoolsCase = ParityCase & { lapsing?: number };

/** The runner on the case: cohort "m", and "lapse" failing every attempt of each later year's renewal. */
export function poolsRunnerReport(c: PoolsCase): ScenarioReport {
  const resolved = loadPlanFrom(c.plan);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  const policy = ruleVersionOn(resolved.value, civilDate(c.joined))!.rules.failurePolicy;
  const years = [];
  for (let y = Number(c.joined.slice(0, 4)) + 1; `${y}-01-01` <= c.to; y++) years.push(y);
  const cohorts: Array<Record<string, unknown>> = [
    { name: "m", count: c.members, born: c.born, joined: c.joined },
  ];
  if (c.lapsing)
    cohorts.push({
      name: "lapse",
      count: c.lapsing,
      born: c.born,
      joined: c.joined,
      failures: years.flatMap((y) => renewalAttemptDays(y, policy)),
    });
  const s = parseScenario({
    plan: c.plan,
    from: c.joined,
    to: c.to,
    cohorts,
    claims: [{ cohort: "m", count: 1, event: c.event, diagnosed: c.diagnosed, decided: c.decided }],
  });
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  return runScenario(s.value, resolved.value);
}

async function enrol(t: TestApp, c: ParityCase, premiumFen: number) {
  const n = 95_000 + seq++;
  const m = await registerMember(t, `1${String(7.5e9 + n).padStart(10, "0")}`, residentId(c.born, n));
  const topUp = await t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/top-ups`,
    headers: { ...m.auth, "idempotency-key": `premium-${n}` },
    payload: { amountFen: premiumFen, planId: c.plan },
  });
  if (topUp.statusCode >= 300) throw new Error(topUp.body);
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: c.plan },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { memberId: m.memberId, participationId: r.json().participationId as number };
}

/** The pool rows of a plan as the runner reports them, from the pool tables. */
async function livePools(t: TestApp, planId: string): Promise<PoolYearReport[]> {
  const { rows } = await t.db.pool.query<PoolYearReport>(
    `SELECT r.year, g.group_no AS "groupNo", count(*)::int AS members,
            sum(r.pool_fen)::int AS "poolInFen", sum(r.insurer_fen)::int AS "insurerFen",
            (SELECT count(*) FROM pool_claims c WHERE c.plan_id = g.plan_id AND c.group_no = g.group_no AND c.year = r.year)::int AS claims,
            (SELECT coalesce(sum(from_pool_fen), 0) FROM pool_claims c WHERE c.plan_id = g.plan_id AND c.group_no = g.group_no AND c.year = r.year)::int AS "fromPoolFen",
            (SELECT coalesce(sum(from_insurer_fen), 0) FROM pool_claims c WHERE c.plan_id = g.plan_id AND c.group_no = g.group_no AND c.year = r.year)::int AS "fromInsurerFen",
            (SELECT returned_fen FROM pool_year_ends e WHERE e.plan_id = g.plan_id AND e.group_no = g.group_no AND e.year = r.year)::int AS "returnedFen",
            (SELECT carried_fen FROM pool_year_ends e WHERE e.plan_id = g.plan_id AND e.group_no = g.group_no AND e.year = r.year)::int AS "carriedFen"
     FROM pool_premiums r JOIN pool_members g USING (participation_id)
     WHERE g.plan_id = $1 GROUP BY r.year, g.plan_id, g.group_no ORDER BY 1, 2`,
    [planId],
  );
  return rows;
}

/** The case run live: enrolment on the joining day, the claim on its day, the pass on each year's end. */
export async function runPoolsLive(
  t: TestApp,
  c: PoolsCase,
  expected: ScenarioReport,
  failKeys?: Set<string>,
): Promise<PoolsLiveRun> {
  const on = (day: string) => t.clock.set(Date.parse(`${day}T02:00:00Z`));
  on(c.joined);
  const plan = await loadStoredPlan(t.db.pool, c.plan);
  const pool = premiumPoolOf(ruleVersionOn(plan, civilDate(c.joined))!.rules.funding)!;
  const rows = [];
  for (let i = 0; i < c.members; i++) rows.push(await enrol(t, c, pool.premium));
  const lapsing = [];
  for (let i = 0; i < (c.lapsing ?? 0); i++) lapsing.push(await enrol(t, c, pool.premium));
  // every attempt of every later year's renewal fails for the lapsing members, as in the runner
  const policy = ruleVersionOn(plan, civilDate(c.joined))!.rules.failurePolicy;
  for (const r of lapsing)
    for (let y = Number(c.joined.slice(0, 4)) + 1; `${y}-01-01` <= c.to; y++)
      for (let k = 0; k <= policy.retryAttempts; k++)
        failKeys?.add(renewalKey(c.plan, r.participationId, y, k));
  rows.push(...lapsing);
  const claim = expected.claims[0]!;
  on(c.decided);
  if (claim.benefitFen !== null)
    await approveCase(t, rows[0]!.participationId, claim.benefitFen, c.decided, c.event);
  // the scheduler's pass on each year's first day (its end, then the renewals) and each retry's day
  for (const y of new Set((expected.pools ?? []).map((p) => p.year)))
    for (const day of [`${y + 1}-01-01`, ...renewalAttemptDays(y + 1, policy)])
      if (day <= c.to) await runDueOn(t, c.plan, day, c.joined);
  const { rows: states } = await t.db.pool.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM participations WHERE plan_id = $1 GROUP BY 1",
    [c.plan],
  );
  const count = (s: string) => states.find((r) => r.status === s)?.n ?? 0;
  const { rows: cases } = await t.db.pool.query<{ paid: boolean; benefitFen: number }>(
    'SELECT paid, benefit_fen::int AS "benefitFen" FROM cycle_cases WHERE plan_id = $1 ORDER BY case_id',
    [c.plan],
  );
  const groups = Math.max(0, ...(expected.pools ?? []).map((p) => p.groupNo));
  const poolAccountsFen = [];
  for (let g = 1; g <= groups; g++)
    poolAccountsFen.push(0 - (await balanceOf(t.db.pool, accounts.groupPool(c.plan, g))) + 0);
  return {
    pools: await livePools(t, c.plan),
    claims: cases.map((k) => ({ status: k.paid ? "paid" : "approved", benefitFen: k.benefitFen })),
    cohort: { active: count("active"), suspended: count("suspended"), ended: count("ended") },
    balancesFen: await Promise.all(rows.map(async (r) => (await heldFen(t.deps, r.memberId)) + 0)),
    poolAccountsFen,
  };
}

/**
 * Field by field: every group's year, the claims' status and benefit, the participation states; and the
 * ledger agrees with the rows — each group pool's account holds what its year carried (or, before the
 * year's end, what came in less what went out).
 */
export function expectSamePools(c: ParityCase, live: PoolsLiveRun, expected: ScenarioReport): void {
  expect(live.pools, `${c.plan} pools`).toEqual(expected.pools);
  expect(live.claims, `${c.plan} claims`).toEqual(
    expected.claims
      .filter((k) => k.benefitFen !== null)
      .map((k) => ({ status: k.status, benefitFen: k.benefitFen })),
  );
  const sum = (k: "active" | "suspended" | "ended") => expected.cohorts.reduce((n, x) => n + x[k], 0);
  expect(live.cohort, `${c.plan} states`).toEqual({
    active: sum("active"),
    suspended: sum("suspended"),
    ended: sum("ended"),
  });
  const pools = expected.pools ?? [];
  const lastYear = Math.max(...pools.map((p) => p.year));
  // before its end, a year's pool holds what the last year carried in, plus premiums, less claims
  const carriedIn = (groupNo: number) =>
    pools.find((x) => x.year === lastYear - 1 && x.groupNo === groupNo)?.carriedFen ?? 0;
  for (const p of pools.filter((x) => x.year === lastYear))
    expect(live.poolAccountsFen[p.groupNo - 1], `${c.plan} group ${p.groupNo} account`).toBe(
      p.carriedFen ?? carriedIn(p.groupNo) + p.poolInFen - p.fromPoolFen,
    );
}
