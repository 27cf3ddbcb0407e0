import { paidPerCase } from "../claim/payout.ts";
import { paidAfterFailures } from "../cycle/disclosure.ts";
import { type Fact, num, str } from "./facts.ts";
import { type Membership, participationsOf } from "./membership.ts";

/** A case a logged decision handed to the cycles: its claim (if any), member, plan and benefit. */
export type LoggedCase = {
  readonly caseId: number;
  readonly claim: number | undefined;
  readonly member: string;
  readonly plan: string;
  readonly benefitFen: number;
  /** The day the case entered (a cycle freezes the cases entered on or before its announcement). */
  readonly on: string;
  readonly index: number;
};

/** The claims part of the log: approvals as they come, the cases they share. */
export type ClaimsLedger = {
  readonly approvals: Map<number, Fact>;
  readonly cases: Map<number, LoggedCase>;
};

export const emptyClaims = (): ClaimsLedger => ({ approvals: new Map(), cases: new Map() });

/**
 * An approval must fall inside a logged coverage: the member's participation of the plan, joined
 * before the event, covered from on or before the diagnosis (the join's coverage date is the earliest
 * of the event classes' waiting periods), and not ended before it.
 */
function checkCoverage(m: Membership, f: Fact, problems: string[]): void {
  const member = str(f.e.member) ?? "";
  const plan = str(f.e.plan) ?? "";
  const diagnosedOn = str(f.e.diagnosedOn);
  if (diagnosedOn === undefined) return;
  const parts = participationsOf(m, member, plan);
  const what = `claim ${num(f.e.claim)} (entry ${f.index}) was approved for an event diagnosed on ${diagnosedOn}`;
  if (parts.length === 0) {
    problems.push(`${what}, but member ${member} has no logged join to ${plan}`);
    return;
  }
  const covering = parts.find(
    (p) => p.coveredFrom <= diagnosedOn && (p.endedOn === null || p.endedOn >= diagnosedOn),
  );
  if (covering) return;
  const p = parts[parts.length - 1]!;
  problems.push(
    p.coveredFrom > diagnosedOn
      ? `${what}, inside the waiting period: member ${member}'s coverage began on ${p.coveredFrom} (join entry ${p.joinIndex})`
      : `${what}, after member ${member}'s participation ended on ${p.endedOn}`,
  );
}

/** One claim_decision entry: approvals are checked against coverage, shared cases recorded. */
export function applyClaimFact(c: ClaimsLedger, m: Membership, f: Fact, problems: string[]): void {
  if (f.kind !== "claim_decision") return;
  const claim = num(f.e.claim);
  if (f.e.decision === "approved" && f.e.stage !== "shared") {
    checkCoverage(m, f, problems);
    if (claim !== undefined) c.approvals.set(claim, f);
  }
  const caseId = num(f.e.case);
  if (caseId === undefined) return;
  const benefitFen = num(f.e.benefitFen) ?? 0;
  const approval = claim === undefined ? f : c.approvals.get(claim);
  if (!approval)
    problems.push(
      `case ${caseId} (entry ${f.index}) was shared for claim ${claim}, which the log never approved`,
    );
  else if (num(approval.e.benefitFen) !== benefitFen)
    problems.push(
      `case ${caseId} (entry ${f.index}) shares ${benefitFen} fen for claim ${claim}, whose logged approval is ${num(approval.e.benefitFen)} fen`,
    );
  const member = str(f.e.member) ?? "";
  c.cases.set(caseId, {
    caseId,
    claim,
    member,
    plan: str(f.e.plan) ?? "",
    benefitFen,
    on: str(f.e.on) ?? "",
    index: f.index,
  });
}

/** What each case of a settled cycle was paid, from its logged result (the failed shares taken off). */
function expectedPayouts(caseIds: readonly number[], cases: ClaimsLedger["cases"], result: Fact) {
  const r = result.e;
  const paid = paidAfterFailures({
    benefitsFen: num(r.benefitsFen) ?? 0,
    feesFen: num(r.feesFen) ?? 0,
    failedFen: num(r.failedFen) ?? 0,
    advancedFen: num(r.advancedFen) ?? 0,
  });
  const list = [...caseIds]
    .sort((a, b) => a - b)
    .map((id) => ({ caseId: id, benefitFen: cases.get(id)?.benefitFen ?? 0 }));
  return paidPerCase(list, paid.benefitsPaidFen);
}

/**
 * Every payout against its case and cycle, and every case of a settled cycle paid exactly once: a
 * payout left out of the log, or one for another member or amount, is named.
 */
export function checkPayouts(
  cycle: { name: string; caseIds: readonly number[]; result: Fact | undefined },
  payouts: readonly Fact[],
  cases: ClaimsLedger["cases"],
  problems: string[],
): void {
  const expected = cycle.result ? expectedPayouts(cycle.caseIds, cases, cycle.result) : new Map();
  const seen = new Set<number>();
  for (const p of payouts) {
    const caseId = num(p.e.case) ?? -1;
    const k = cases.get(caseId);
    const what = `payout entry ${p.index} (case ${caseId}, ${cycle.name})`;
    if (!cycle.caseIds.includes(caseId))
      problems.push(`${what}: the case is not one the cycle's announcement names`);
    if (seen.has(caseId)) problems.push(`${what}: the case is paid twice`);
    seen.add(caseId);
    if (k && str(p.e.member) !== k.member)
      problems.push(`${what}: paid to ${str(p.e.member)}, the case is member ${k.member}'s`);
    if (k && p.e.benefitFen !== undefined && num(p.e.benefitFen) !== k.benefitFen)
      problems.push(
        `${what}: a benefit of ${num(p.e.benefitFen)} fen, the logged decision approved ${k.benefitFen} fen`,
      );
    if (p.e.paidFen !== undefined && expected.has(caseId) && num(p.e.paidFen) !== expected.get(caseId))
      problems.push(
        `${what}: paid ${num(p.e.paidFen)} fen, the cycle's logged result pays it ${expected.get(caseId)} fen`,
      );
  }
  const r = cycle.result;
  if (r && (num(r.e.benefitsFen) ?? 0) > 0)
    for (const id of cycle.caseIds)
      if (!seen.has(id))
        problems.push(
          `case ${id} of ${cycle.name}: the cycle's result is logged, but no payout entry for it`,
        );
}
