import { enterCase } from "../cycles/cases.ts";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { civilDate } from "../domain/calendar.ts";
import { why } from "../domain/claim/reasons.ts";
import { fen } from "../domain/money.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { withTransaction } from "../store/db.ts";
import { lockClaim, rulesOf, SYSTEM } from "./access.ts";
import { claimRepository } from "./claim.repository.ts";
import { settleDeposit } from "./deposits.ts";
import { juryRepository } from "./jury.repository.ts";
import { closeJury } from "./jury.ts";
import { move } from "./transition.ts";

/*
 * The scheduler's part. Each sweep selects by state and moves each claim in its own transaction,
 * re-checking the state under the lock, so a sweep is safe to run again and to run beside another.
 */

/** Claims without documents by the due day lapse; a held deposit comes back. Returns how many. */
export async function lapseOverdueClaims(deps: ServiceDeps): Promise<number> {
  let n = 0;
  for (const id of await claimRepository.lapsingIds(deps.pool, todayOf(deps))) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "reported" && c.state !== "documents") return;
      await move(deps, tx, c, "lapse", SYSTEM, why("lapsed", { dueOn: civilDate(c.documentsDueOn) }));
      await settleDeposit(deps, tx, c, "refund");
      n++;
    });
  }
  return n;
}

/** Juries past their window are tallied. Returns how many. */
export async function closeDueJuries(deps: ServiceDeps): Promise<number> {
  let n = 0;
  for (const id of await juryRepository.closingJuryIds(deps.pool, new Date(deps.clock.now()))) {
    await withTransaction(deps.pool, async (tx) => {
      if (!(await juryRepository.lockOpenJury(tx, id))) return;
      await closeJury(deps, tx, id);
      n++;
    });
  }
  return n;
}

/**
 * Published cases whose publicity ended without objection enter the next cycle's apportionment
 * (ending the participation where the plan says a payment does). Returns how many.
 */
export async function shareAfterPublicity(deps: ServiceDeps): Promise<number> {
  const today = todayOf(deps);
  let n = 0;
  for (const id of await claimRepository.publicityEndedIds(deps.pool, today)) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "announcement") return;
      const rules = await rulesOf(tx, c);
      const entry = {
        planId: c.planId,
        memberId: c.memberId,
        participationId: c.participationId,
        event: c.event,
        benefitFen: fen(c.benefitFen!),
        enteredOn: today,
        endsParticipation: rules.claims.paymentEndsParticipation,
      };
      await enterCase(deps, tx, entry, async (caseId) => {
        const r = why("shared", { publicityEndsOn: civilDate(c.publicityEndsOn!), caseId });
        await move(deps, tx, c, "share", SYSTEM, r, { case_id: caseId });
        await appendLogEntry(tx, "claim_decision", {
          stage: "shared",
          claim: id,
          case: caseId,
          plan: c.planId,
          member: await memberPseudonym(tx, c.memberId),
          benefitFen: c.benefitFen,
          on: today,
        });
      });
      n++;
    });
  }
  return n;
}

/** Cases a cycle has paid are marked paid. Returns how many. */
export async function markPaidClaims(deps: ServiceDeps): Promise<number> {
  let n = 0;
  for (const id of await claimRepository.paidCaseIds(deps.pool)) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "sharing") return;
      const y = await claimRepository.caseCycle(tx, c.caseId!);
      const r = y
        ? why("paid_by_cycle", { cycleId: y.cycleId, collectOn: civilDate(y.collectOn) })
        : why("paid", {});
      await move(deps, tx, c, "pay", SYSTEM, r);
      n++;
    });
  }
  return n;
}

export type AdvanceReport = { lapsed: number; juriesClosed: number; shared: number; paid: number };

/**
 * Moves every claim whose time has come: the four sweeps, in this order (a jury closed today may
 * publish a case; a case shared today waits for its cycle). Safe to run again.
 */
export async function advanceClaims(deps: ServiceDeps): Promise<AdvanceReport> {
  const lapsed = await lapseOverdueClaims(deps);
  const juriesClosed = await closeDueJuries(deps);
  const shared = await shareAfterPublicity(deps);
  const paid = await markPaidClaims(deps);
  return { lapsed, juriesClosed, shared, paid };
}
