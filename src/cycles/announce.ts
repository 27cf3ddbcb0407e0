import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { type apportionCycle, previousMonthEndDivisor, type ShareGroup } from "../domain/apportion.ts";
import { addDays, type CivilDate, startOfMonth } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { SUM_LEAF_VERSION } from "../domain/merkle-sum.ts";
import { type Fen, fen } from "../domain/money.ts";
import { cycleDates } from "../domain/plan/cycle-calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { hasPeriodicFees, memberFeeFen } from "../domain/plan/fees.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { formatWeight } from "../domain/plan/weights.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { askToConfirm } from "../notifications/notify.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { apportionOrWait } from "./cases.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { shareRoot } from "./proofs.ts";
import { shareRepository } from "./share.repository.ts";
import { inFinalCycles } from "./wind-down.ts";

/**
 * Announce and compute one cycle, set-based: cases decided on or before the announcement are frozen
 * into it, members are grouped in SQL by (weight, year-to-date paid), `apportionCycle` prices the few
 * groups exactly as the scenario runner does, and every member's share is written by one
 * INSERT … SELECT. Running it again changes nothing. Never before its day by the application's clock,
 * and never behind the plan's last cycle (cycles run in order; a skipped day would never run).
 */
export async function announceCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<number> {
  const today = todayOf(deps);
  if (announcedOn > today)
    fail("step_not_due", `the announcement of ${announcedOn} is not due: today is ${today}`, "date");
  const plan = await loadStoredPlan(deps.pool, planId);
  const version = ruleVersionOn(plan, announcedOn) ?? fail("conflict", `no rules in force on ${announcedOn}`);
  const rules = version.rules;
  const cal = rules.apportionment.calendar;
  const dates =
    cal.kind === "perEvent"
      ? [{ announcedOn, collectOn: announcedOn }]
      : cycleDates(cal, announcedOn, announcedOn);
  const cycle =
    dates[0] ?? fail("validation", `${announcedOn} is not an announcement day of ${planId}`, "date");
  return withTransaction(deps.pool, async (tx) => {
    const existing = await cycleRepository.cycleIdOn(tx, planId, announcedOn);
    if (existing !== undefined) return existing;
    const last = await cycleRepository.lastCycleDay(tx, planId);
    if (last !== null && last > announcedOn)
      fail("conflict", `${planId}'s last cycle was announced on ${last}: cycles run in order`, "date");
    const cycleId = await cycleRepository.insertCycle(tx, {
      planId,
      announcedOn,
      collectOn: cycle.collectOn,
      ruleVersion: version.effective,
    });
    const cases = await cycleRepository.freezeCases(tx, planId, announcedOn, cycleId);
    const { result, groups, logged } = await priceGroups(tx, { planId, announcedOn, rules, cases, cycleId });
    await shareRepository.writeShares(
      tx,
      cycleId,
      result.shares.map((s, i) => ({ ...groups[i]!, shareFen: s.shareFen, weight: s.weight })),
    );
    deps.checkpoint?.("announce:shares-written");
    const root = await shareRoot(tx, cycleId);
    const disclosure = announcedDisclosure(
      { planId, announcedOn, collectOn: cycle.collectOn, ruleVersion: version.effective },
      result,
      root,
    );
    await publishAnnouncement(deps, tx, cycleId, disclosure, {
      ...logged,
      // cases a cycle without sharers cannot pay went back to wait (apportionOrWait)
      caseIds: result.cases === 0 ? [] : cases.map((c) => c.caseId),
    });
    deps.checkpoint?.("announce:before-commit");
    return cycleId;
  });
}

type Apportioned = ReturnType<typeof apportionCycle>;

/**
 * The sharing members frozen into a temporary table and grouped in SQL by (weight, year-to-date paid);
 * `apportionCycle` prices the few groups exactly as the scenario runner does.
 */
async function priceGroups(
  tx: Tx,
  c: {
    planId: string;
    announcedOn: CivilDate;
    rules: Rules;
    cases: Array<{ benefitFen: Fen }>;
    cycleId: number;
  },
): Promise<{
  result: Apportioned;
  groups: Array<{ weightUnits: number; ytdFen: number; feeFrom: CivilDate | null }>;
  logged: AnnouncedInputs;
}> {
  const { planId, announcedOn, rules } = c;
  const withYtd = rules.apportionment.caps.perYear !== undefined;
  const year = await cycleRepository.earlierCyclesOfYear(tx, planId, announcedOn);
  // Hash joins and the grouping over a million members stay in memory (the default 4 MB spills).
  await cycleRepository.setWorkMem(tx, limits.cycleWorkMemMiB);
  const feesAfter = hasPeriodicFees(rules)
    ? await cycleRepository.previousCycle(tx, planId, announcedOn)
    : undefined;
  await shareRepository.freezeSharing(tx, rules, withYtd, {
    planId,
    announcedOn,
    previousOfYear: year[0] ?? null,
    earlierOfYear: year,
    feesAfter,
  });
  const groupRows = await shareRepository.sharingGroups(tx);
  const capYear = rules.apportionment.caps.perYear?.amount;
  // The same inputs as the scenario runner: weight, what remains of the annual cap, the periodic fee.
  const groups: ShareGroup[] = groupRows.map((g) => ({
    key: `${g.weightUnits}|${g.ytdFen}|${g.feeFrom}`,
    members: g.members,
    weightUnits: g.weightUnits,
    yearRemainingFen: capYear === undefined ? undefined : fen(Math.max(0, capYear - g.ytdFen)),
    memberFeeFen: g.feeFrom === null ? undefined : memberFeeFen(rules, g.feeFrom, announcedOn),
  }));
  const surplusInFen = await cycleRepository.previousSurplus(tx, planId, announcedOn);
  const sponsorPaysAll = await inFinalCycles(tx, planId, announcedOn);
  const denominatorWeightUnits = await divisorOf(tx, rules, planId, announcedOn);
  // cases a cycle without sharers cannot pay go back to wait for the next one (cases.ts)
  const result = await apportionOrWait(tx, c.cycleId, {
    sponsorPaysAll,
    rules,
    cases: c.cases,
    groups,
    surplusInFen,
    denominatorWeightUnits,
  });
  const logged: AnnouncedInputs = {
    surplusInFen,
    sponsorPaysAll,
    denominatorWeightUnits: denominatorWeightUnits === undefined ? null : String(denominatorWeightUnits),
    groups: groupRows,
  };
  return { result, groups: groupRows, logged };
}

/**
 * What the announcement logs beside its totals so that anyone can re-run `apportionCycle` from the log
 * alone (huzhu audit --public): the cases it froze, the surplus carried in, the wind-down's sponsor
 * cover, the divisor when it is not the sharing weight, and the share groups — each group's weight,
 * paid-this-year and fee date, which depend on ages and payment history the log does not carry.
 */
type AnnouncedInputs = {
  surplusInFen: Fen;
  sponsorPaysAll: boolean;
  denominatorWeightUnits: string | null;
  groups: Array<{ weightUnits: number; ytdFen: number; feeFrom: CivilDate | null; members: number }>;
};

/** The divisor when it is not the sharing weight (抗癌公社: the previous month-end's members × 0.8). */
async function divisorOf(tx: Tx, rules: Rules, planId: string, announcedOn: CivilDate) {
  if (rules.apportionment.denominator.kind === "sharingMembers") return undefined;
  const monthEnd = addDays(startOfMonth(announcedOn), -1);
  const units = await cycleRepository.unitsAtMonthEnd(tx, rules, planId, monthEnd, announcedOn);
  return previousMonthEndDivisor(rules, units);
}

/** The announcement's facts, frozen into the cycle's disclosure; the collection fills in the rest. */
function announcedDisclosure(
  c: { planId: string; announcedOn: CivilDate; collectOn: CivilDate; ruleVersion: CivilDate },
  result: Apportioned,
  root: CycleDisclosure["shareRoot"],
): CycleDisclosure {
  const byShare = new Map<string, { weight: string; members: number; shareFen: number }>();
  for (const s of result.shares) {
    const k = `${s.weight}|${s.shareFen}`;
    const row = byShare.get(k) ?? { weight: s.weight, members: 0, shareFen: s.shareFen };
    row.members += s.members;
    byShare.set(k, row);
  }
  return {
    ...c,
    cases: result.cases,
    benefitsFen: result.benefitsFen,
    approvedBenefitsFen: result.approvedBenefitsFen,
    feesFen: result.feesFen,
    surplusInFen: result.surplusInFen,
    surplusOutFen: result.surplusOutFen,
    sponsorFen: result.sponsorFen,
    benefitCutFen: result.benefitCutFen,
    sharingMembers: result.sharingMembers,
    sharingWeight: formatWeight(result.sharingWeightUnits),
    shares: [...byShare.values()],
    collectedFen: null,
    failedFen: null,
    advancedFen: null,
    shareRoot: root,
  };
}

/** The disclosure and root stored, both logged, and the members who confirm asked to. */
async function publishAnnouncement(
  deps: ServiceDeps,
  tx: Tx,
  cycleId: number,
  d: CycleDisclosure,
  inputs: AnnouncedInputs & { caseIds: number[] },
): Promise<void> {
  const root = d.shareRoot;
  await cycleRepository.publishAnnouncement(tx, cycleId, d, root);
  await appendLogEntry(tx, "announcement", {
    plan: d.planId,
    cycle: cycleId,
    announcedOn: d.announcedOn,
    cases: d.cases,
    benefitsFen: d.benefitsFen,
    sharingMembers: d.sharingMembers,
    // added for the public audit (issue 19); entries logged before it lack them
    ruleVersion: d.ruleVersion,
    collectOn: d.collectOn,
    feesFen: d.feesFen,
    sponsorFen: d.sponsorFen,
    surplusOutFen: d.surplusOutFen,
    ...inputs,
  });
  if (root)
    await appendLogEntry(tx, "cycle_share_root", {
      plan: d.planId,
      cycle: cycleId,
      root: root.hash,
      members: root.count,
      totalFen: root.sumFen,
      // the leaves' format (issue 19): a verifier refuses a proof of another; absent before it (format 1)
      leaf: SUM_LEAF_VERSION,
    });
  await askToConfirm(deps, tx, { cycleId, planId: d.planId, collectOn: d.collectOn });
}
