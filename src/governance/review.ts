import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { withTransaction } from "../store/db.ts";
import { governanceRepository } from "./governance.repository.ts";
import { lockProposal, move } from "./transition.ts";
import { proposalView } from "./views.ts";

/** The operator's or an expert's evaluation, with its reasons (recorded, shown to everyone). */
export async function evaluateProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  e: { role: "operator" | "expert"; expertName?: string | undefined; recommend: boolean; opinion: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    await move(
      deps,
      tx,
      p,
      "evaluate",
      `staff:${principal.id}`,
      `${e.role} ${e.recommend ? "recommends" : "advises against"}`,
    );
    await governanceRepository.insertEvaluation(tx, {
      proposalId: id,
      staffId: principal.id,
      role: e.role,
      expertName: e.expertName ?? null,
      recommend: e.recommend,
      opinion: e.opinion,
      at: new Date(deps.clock.now()),
    });
    return proposalView(tx, id);
  });
}

/** The operator accepts the proposal for publication or declines it, with reasons. */
export async function decideProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  d: { accept: boolean; reasons: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    const evaluated = await governanceRepository.hasEvaluation(tx, id);
    if (d.accept && !evaluated) fail("conflict", "evaluate the proposal before accepting it");
    await move(deps, tx, p, d.accept ? "accept" : "decline", `staff:${principal.id}`, d.reasons);
    return proposalView(tx, id);
  });
}
