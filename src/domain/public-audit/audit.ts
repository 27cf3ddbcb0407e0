import type { KeyObject } from "node:crypto";
import { applyClaimFact, type ClaimsLedger, checkPayouts, emptyClaims } from "./claims.ts";
import { compareCycle, cycleName, type LoggedCycle, recomputeCycle } from "./cycles.ts";
import { checkDisclosures } from "./disclosures.ts";
import type { PublicExport } from "./export.ts";
import { type Fact, num, parseFacts, str } from "./facts.ts";
import {
  afterCycle,
  announcedContext,
  applyPlanStatus,
  checkAnnouncedInputs,
  emptyHistory,
  type PlanHistory,
} from "./inputs.ts";
import { checkLog } from "./log.ts";
import { applyMembershipFact, emptyMembership, type Membership, sharingAt } from "./membership.ts";
import { loggedRules } from "./rules.ts";

/** What the public audit found: every discrepancy named, and how much it recomputed. */
export type PublicAuditReport = {
  readonly problems: string[];
  readonly entries: number;
  readonly cycles: number;
  readonly payouts: number;
};

/** A cycle's announcement read with what the log says so far: its sharing count and its cases. */
function announced(
  f: Fact,
  m: Membership,
  claims: ClaimsLedger,
  lastSurplus: Map<string, number>,
  problems: string[],
): LoggedCycle {
  const plan = str(f.e.plan) ?? "";
  const cycle = num(f.e.cycle) ?? -1;
  const caseIds = Array.isArray(f.e.caseIds) ? (f.e.caseIds as number[]) : [];
  const benefits: number[] = [];
  for (const id of caseIds) {
    const k = claims.cases.get(id);
    if (!k)
      problems.push(
        `cycle ${cycle} (entry ${f.index}) names case ${id}, which no earlier logged decision shared`,
      );
    else if (k.plan !== plan)
      problems.push(`cycle ${cycle} (entry ${f.index}) names case ${id} of plan ${k.plan}`);
    benefits.push(k?.benefitFen ?? 0);
  }
  const sharing = sharingAt(m, plan, str(f.e.announcedOn) ?? "");
  const c: LoggedCycle = {
    cycle,
    plan,
    announcement: f,
    sharingLogged: sharing.length,
    context: announcedContext(m, plan, str(f.e.announcedOn) ?? "", sharing),
    caseBenefitsFen: benefits,
    previousSurplusOutFen: lastSurplus.get(plan) ?? 0,
  };
  lastSurplus.set(plan, num(f.e.surplusOutFen) ?? 0);
  return c;
}

/** Every case shared before an announcement and in no cycle yet must be in it (unless nobody shares). */
function checkPendingCases(
  c: LoggedCycle,
  claims: ClaimsLedger,
  inCycle: Set<number>,
  problems: string[],
): void {
  const ids = (c.announcement.e.caseIds as number[] | undefined) ?? [];
  for (const id of ids) {
    if (inCycle.has(id)) problems.push(`${cycleName(c)} names case ${id}, already in an earlier cycle`);
    inCycle.add(id);
  }
  if (c.sharingLogged === 0 || !Array.isArray(c.announcement.e.caseIds)) return;
  const day = str(c.announcement.e.announcedOn) ?? "";
  for (const k of claims.cases.values())
    if (k.plan === c.plan && k.index < c.announcement.index && k.on <= day && !inCycle.has(k.caseId))
      problems.push(
        `case ${k.caseId} (entry ${k.index}) was shared before ${cycleName(c)}, which leaves it out`,
      );
}

/** One pass in log order: membership and claims as they stand at each announcement. */
function replay(facts: readonly Fact[], problems: string[]) {
  const m = emptyMembership();
  const claims = emptyClaims();
  const cycles = new Map<number, LoggedCycle>();
  const payouts = new Map<number, Fact[]>();
  const lastSurplus = new Map<string, number>();
  const inCycle = new Set<number>();
  const plans = new Map<string, PlanHistory>();
  for (const f of facts) {
    applyMembershipFact(m, f, problems);
    applyPlanStatus(plans, f);
    applyClaimFact(claims, m, f, problems);
    const cycle = num(f.e.cycle) ?? -1;
    if (f.kind === "announcement") {
      const c = announced(f, m, claims, lastSurplus, problems);
      checkPendingCases(c, claims, inCycle, problems);
      cycles.set(cycle, c);
    } else if (f.kind === "cycle_result" || f.kind === "cycle_share_root") {
      const c = cycles.get(cycle);
      if (!c)
        problems.push(
          `log entry ${f.index} (${f.kind}) is for cycle ${cycle}, which no earlier entry announced`,
        );
      else if (f.kind === "cycle_result") c.result = f;
      else c.root = f;
    } else if (f.kind === "payout") payouts.set(cycle, [...(payouts.get(cycle) ?? []), f]);
  }
  return { claims, cycles, payouts, plans };
}

/**
 * The public audit (`huzhu audit --public`): from the published export alone — no database, no key but
 * the log's public one — the log's integrity, every cycle re-run through `apportionCycle` from the
 * logged cases, rules and membership and compared with its logged result and share root, every payout
 * against its decision and cycle, every approval against the logged coverage, and the disclosures
 * against the log. Empty `problems` when everything agrees.
 */
export function publicAudit(
  exp: PublicExport,
  opts: {
    trustedKeyPem?: string | undefined;
    /** The keys the pinned (or named) one handed over to, through the export's `log_key` entries. */
    headKeys?: readonly KeyObject[] | undefined;
  } = {},
): PublicAuditReport {
  const problems: string[] = [];
  checkLog(exp, opts.trustedKeyPem, problems, opts.headKeys);
  const facts = parseFacts(exp.entries, problems);
  const rules = loggedRules(exp, facts, problems);
  const { claims, cycles, payouts, plans } = replay(facts, problems);
  for (const c of cycles.values()) {
    const history = plans.get(c.plan) ?? emptyHistory();
    plans.set(c.plan, history);
    const ruleVersion = str(c.announcement.e.ruleVersion);
    const v = rules.versionOn(c.plan, str(c.announcement.e.announcedOn) ?? "");
    if (!v)
      problems.push(`${cycleName(c)}: no published rule document the log vouches for is in force on its day`);
    else if (ruleVersion !== undefined && v.effective !== ruleVersion)
      problems.push(
        `${cycleName(c)}: announced under the rules of ${ruleVersion}, the logged rules in force are those of ${v.effective}`,
      );
    if (v) checkAnnouncedInputs(cycleName(c), c.announcement.e, v.rules, history, c.context, problems);
    const r = v ? recomputeCycle(c, v.rules, problems) : undefined;
    if (r) compareCycle(c, r, problems);
    afterCycle(history, c.announcement.e, r);
    const caseIds = (c.announcement.e.caseIds as number[] | undefined) ?? [];
    checkPayouts(
      { name: cycleName(c), caseIds, result: c.result },
      payouts.get(c.cycle) ?? [],
      claims.cases,
      problems,
    );
  }
  for (const [cycle, list] of payouts)
    if (!cycles.has(cycle))
      problems.push(`payout entry ${list[0]!.index} is for cycle ${cycle}, which the log never announced`);
  checkDisclosures(exp.disclosures, cycles, problems);
  return {
    problems,
    entries: facts.length,
    cycles: cycles.size,
    payouts: [...payouts.values()].flat().length,
  };
}
