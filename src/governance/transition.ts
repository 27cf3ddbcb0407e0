import type { z } from "zod";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { nextProposalState } from "../domain/governance/proposal.ts";
import { issuesToProblems } from "../domain/plan/document.ts";
import { fail, ProblemError } from "../errors.ts";
import { memberPseudonym } from "../members/member-for.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { governanceRepository, type ProposalRow, type ProposalUpdate } from "./governance.repository.ts";

/** How a proposal's history names who acted: a member by pseudonym, staff by id. */
export const actorName = async (q: Queryable, p: Principal) =>
  p.kind === "member" ? `member:${await memberPseudonym(q, p.id)}` : `staff:${p.id}`;

/** Locks a proposal for the transaction; an unknown id is a 404. */
export async function lockProposal(tx: Tx, id: number): Promise<ProposalRow> {
  return (await governanceRepository.lockProposal(tx, id)) ?? fail("not_found", `no proposal ${id}`);
}

/**
 * Moves a locked proposal by an action the domain allows, with what the move sets, and records the
 * event; `p` is then the row as stored.
 */
export async function move(
  deps: ServiceDeps,
  tx: Tx,
  p: ProposalRow,
  action: string,
  actor: string,
  reason: string,
  set: ProposalUpdate = {},
): Promise<void> {
  const to = nextProposalState(p.state, action);
  if (!to.ok) fail(to.error.code, to.error.message);
  const state = to.ok ? to.value : p.state;
  await governanceRepository.updateProposal(tx, p.proposalId, state, set);
  await governanceRepository.insertEvent(tx, {
    proposalId: p.proposalId,
    from: p.state,
    to: state,
    action,
    actor,
    reason,
    at: new Date(deps.clock.now()),
  });
  Object.assign(p, await governanceRepository.proposalById(tx, p.proposalId));
}

/** A document that does not parse, as one validation problem naming each field (the first in the message). */
export function invalidDocument(issues: readonly z.core.$ZodIssue[], field: string, prefix?: string): never {
  const problems = issuesToProblems(issues, prefix);
  throw new ProblemError({
    code: "validation",
    message: `${problems[0]!.field}: ${problems[0]!.message}`,
    field: problems[0]!.field,
    errors: problems.map((p) => ({ field: p.field ?? field, message: p.message })),
  });
}
