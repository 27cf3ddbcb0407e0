import type { ServiceDeps } from "../deps.ts";
import { outcomeOf } from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { cycleRepository } from "./cycle.repository.ts";
import { shareRepository } from "./share.repository.ts";

/**
 * Advances still unrecovered past the policy's write-off days become the operator's loss: a ledger
 * entry per cycle moves them off the members' receivables; the default history stays.
 */
export async function writeOffAdvances(deps: ServiceDeps, cycleId: number): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const cycle = await cycleRepository.lockCycle(tx, cycleId);
    if (!cycle || cycle.disclosure.writtenOffFen !== undefined) return 0;
    const failed = await shareRepository.unpaidShares(tx, cycleId);
    const total = failed.reduce((n, r) => n + r.shareFen, 0);
    if (total > 0) {
      await postTransaction(tx, {
        key: `cycle:${cycle.planId}:${cycle.announcedOn}:write-off`,
        kind: "advance_written_off",
        planId: cycle.planId,
        at: new Date(deps.clock.now()),
        postings: [
          { accountId: accounts.operatorAdvances(cycle.planId), amountFen: fen(total) },
          ...failed.map((r) => ({
            accountId: accounts.memberAdvance(r.memberId),
            amountFen: fen(-r.shareFen),
          })),
        ],
      });
    }
    await cycleRepository.setOutcome(tx, cycleId, { ...outcomeOf(cycle.disclosure), writtenOffFen: total });
    return total;
  });
}
