import type { ServiceDeps } from "../deps.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { withTransaction } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";

/**
 * Advances still unrecovered past the policy's write-off days become the operator's loss: a ledger
 * entry per cycle moves them off the members' receivables; the default history stays.
 */
export async function writeOffAdvances(deps: ServiceDeps, cycleId: number): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const c = await tx.query<{
      plan_id: string;
      announced_on: CivilDate;
      disclosure: CycleDisclosure & { writtenOffFen?: number };
    }>("SELECT plan_id, announced_on::text, disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE", [
      cycleId,
    ]);
    const cycle = c.rows[0];
    if (!cycle || cycle.disclosure.writtenOffFen !== undefined) return 0;
    const failed = await tx.query<{ member_id: number; share_fen: number }>(
      "SELECT member_id, share_fen FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND share_fen > 0 ORDER BY member_id",
      [cycleId],
    );
    const total = failed.rows.reduce((n, r) => n + r.share_fen, 0);
    if (total > 0) {
      await postTransaction(tx, {
        key: `cycle:${cycle.plan_id}:${cycle.announced_on}:write-off`,
        kind: "advance_written_off",
        planId: cycle.plan_id,
        at: new Date(deps.clock.now()),
        postings: [
          { accountId: accounts.operatorAdvances(cycle.plan_id), amountFen: fen(total) },
          ...failed.rows.map((r) => ({
            accountId: accounts.memberAdvance(r.member_id),
            amountFen: fen(-r.share_fen),
          })),
        ],
      });
    }
    await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
      cycleId,
      JSON.stringify({ ...cycle.disclosure, writtenOffFen: total }),
    ]);
    return total;
  });
}
