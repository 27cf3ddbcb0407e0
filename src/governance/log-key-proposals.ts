import { type ServiceDeps, todayOf } from "../deps.ts";
import { addDays, civilDate } from "../domain/calendar.ts";
import { checkLogKeyHandOver } from "../domain/governance/proposal.ts";
import { fail } from "../errors.ts";
import { plansRepository } from "../plans/plans.repository.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { adoptIn } from "./adopt.ts";
import { charterInForce } from "./charter.ts";
import { governanceRepository, type ProposalRow } from "./governance.repository.ts";
import { publishIn } from "./publish.ts";
import { insertSubmitted } from "./submit.ts";
import { move } from "./transition.ts";

/*
 * The log-signing key is pinned through each plan's charter (issue 20). Announcing a new key publishes,
 * in every plan that takes proposals, a `log_key` proposal of the ordinary class: the charter's notice
 * (effective on the earliest day it allows) and the members' vote where it asks one for an ordinary
 * change — the same publication, ballots and tally as any proposal. The hand-over waits for all of them
 * and adopts them.
 */

const ACTOR = "system:log-key";

/** The announcement's proposals, one a plan that takes proposals (active or in consultation). */
export async function proposeLogKey(
  deps: ServiceDeps,
  tx: Tx,
  rotationId: number,
  keys: { from: string; to: string },
): Promise<ProposalRow[]> {
  const today = todayOf(deps);
  const out: ProposalRow[] = [];
  for (const plan of await plansRepository.planSummaries(tx)) {
    if (plan.status !== "active" && plan.status !== "consultation") continue;
    const charter = await charterInForce(tx, plan.planId, today);
    const id = await insertSubmitted(deps, tx, {
      planId: plan.planId,
      kind: "log_key",
      title: "透明日志签名密钥更换",
      body: `The transparency log's signing key is handed over to a new one, announced in the log and signed by the old key.\nfrom ${keys.from}\nto ${keys.to}`,
      changes: null,
      diff: [`log key: ${keys.from} → ${keys.to}`],
      changeClass: "ordinary",
      classReasons: ["the key members pin to verify the log changes"],
      proposer: ACTOR,
      keyRotationId: rotationId,
    });
    const p = (await governanceRepository.lockProposal(tx, id))!;
    await move(deps, tx, p, "accept", ACTOR, "announced by the operator with the new key");
    await publishIn(deps, tx, p, ACTOR, addDays(today, charter.noticeDays));
    out.push(p);
  }
  return out;
}

/** Refuses (with the date it may happen) until every plan's proposal allows the hand-over. */
export async function checkHandOverAllowed(deps: ServiceDeps, q: Queryable, rotationId: number) {
  const proposals = (await governanceRepository.rotationProposals(q, rotationId)).filter(
    (p) => p.state !== "adopted",
  );
  const ok = checkLogKeyHandOver(
    proposals.map((p) => ({ ...p, effectiveOn: civilDate(p.effectiveOn!) })),
    todayOf(deps),
  );
  if (!ok.ok) fail(ok.error.code, ok.error.message);
}

/** The hand-over adopts its proposals, in its transaction. */
export async function adoptLogKeyProposals(deps: ServiceDeps, tx: Tx, rotationId: number): Promise<void> {
  for (const p of await governanceRepository.rotationProposals(tx, rotationId)) {
    if (p.state === "adopted") continue;
    await adoptIn(deps, tx, (await governanceRepository.lockProposal(tx, p.proposalId))!, ACTOR);
  }
}

/** A plan's pending log key, shown beside its charter: the proposal and the earliest hand-over. */
export async function pendingLogKey(q: Queryable, planId: string) {
  const p = await governanceRepository.pendingLogKeyProposal(q, planId);
  if (!p) return null;
  return {
    logKey: /\nto (\S+)$/.exec(p.body)?.[1] ?? "",
    proposalId: p.proposalId,
    state: p.state,
    publishedOn: p.publishedOn!,
    handOverOn: p.effectiveOn!,
    voteRequired: p.voteRequired,
    votingClosesOn: p.votingClosesOn,
  };
}
