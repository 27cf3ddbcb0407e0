import { auditRepository } from "../audit/audit.repository.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberFor } from "../members/member-for.ts";
import { loadStoredPlan, rulesOn } from "../plans/stored-plan.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { type DisputeRow, disputeRepository } from "./disputes.repository.ts";

export const DISPUTE_REASONS = ["not_authorised", "wrong_amount", "charged_twice", "not_a_member"] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** A dispute as the member and staff see it: the member by pseudonym only. */
const toView = (d: DisputeRow) => ({
  disputeId: d.disputeId,
  member: d.pseudonym,
  cycleId: d.cycleId,
  planId: d.planId,
  amountFen: d.amountFen,
  reason: d.reason,
  status: d.status,
  openedAt: d.openedAt.toISOString(),
  decidedAt: d.decidedAt?.toISOString() ?? null,
});

/** A member disputes one deduction: their collected share of a cycle, once per cycle. */
export async function openDispute(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  input: { cycleId: number; reason: DisputeReason },
) {
  await memberFor(deps.pool, principal, memberId, false);
  const shareFen = await disputeRepository.collectedShare(deps.pool, input.cycleId, memberId);
  if (shareFen === undefined)
    return fail("not_found", "no deduction of yours was collected in this cycle", "cycleId");
  const disputeId = await disputeRepository.insert(deps.pool, {
    memberId,
    cycleId: input.cycleId,
    amountFen: shareFen,
    reason: input.reason,
    at: new Date(deps.clock.now()),
  });
  if (disputeId === undefined)
    return fail("already_disputed", "you already dispute this deduction", "cycleId");
  return toView((await disputeRepository.byId(deps.pool, disputeId))!);
}

export async function memberDisputes(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  return (await disputeRepository.ofMember(deps.pool, memberId, limits.pageSizeMax)).map(toView);
}

export async function openDisputes(deps: ServiceDeps) {
  return (await disputeRepository.open(deps.pool, limits.pageSizeMax)).map(toView);
}

/**
 * Staff decide a dispute (role-checked by the route, written to the audit trail here with the
 * decision): upheld, the share is refunded from the plan's pool — to the balance in a prepaid plan,
 * back to the member's account otherwise — as one ledger transaction, logged as a refund.
 */
export async function decideDispute(
  deps: ServiceDeps,
  principal: Principal,
  disputeId: number,
  refund: boolean,
) {
  return withTransaction(deps.pool, async (tx) => {
    const d = (await disputeRepository.lock(tx, disputeId)) ?? fail("not_found", `no dispute ${disputeId}`);
    if (d.status !== "open") return fail("dispute_decided", `the dispute was already ${d.status}`);
    const at = new Date(deps.clock.now());
    if (refund) await refundShare(deps, tx, d, at);
    const status = refund ? "refunded" : "rejected";
    await disputeRepository.decide(tx, disputeId, { status, at, staffId: principal.id });
    await auditRepository.insertEntry(tx, {
      actorId: principal.id,
      action: "decide deduction dispute",
      target: { dispute: disputeId },
      detail: { decision: status, amountFen: d.amountFen },
      at,
    });
    return toView((await disputeRepository.lock(tx, disputeId))!);
  });
}

async function refundShare(deps: ServiceDeps, tx: Tx, d: DisputeRow, at: Date): Promise<void> {
  const rules = rulesOn(await loadStoredPlan(tx, d.planId), d.announcedOn);
  const to = rules.funding.mode === "prepaid" ? accounts.memberBalance(d.memberId) : accounts.paidOut();
  const txn = await postTransaction(tx, {
    key: `dispute:${d.disputeId}:refund`,
    kind: "refund",
    planId: d.planId,
    at,
    postings: transfer(to, accounts.pool(d.planId), fen(d.amountFen)),
  });
  await appendLogEntry(tx, "refund", {
    member: d.pseudonym,
    plan: d.planId,
    dispute: d.disputeId,
    cycle: d.cycleId,
    ledgerTxn: txn.txnId,
    amountFen: d.amountFen,
    on: todayOf(deps),
  });
}
