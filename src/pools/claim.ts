import { type CivilDate, partsOf } from "../domain/calendar.ts";
import { accounts } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { payFromPool } from "../domain/plan/premium-pool.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberRepository } from "../members/members.repository.ts";
import type { Tx } from "../store/db.ts";
import { postTransaction } from "../store/ledger.repository.ts";
import { poolsRepository } from "./pools.repository.ts";

/**
 * An approved case of a premium-pool plan, paid at once in the hand-off's transaction — no debits: its
 * group's pool pays as far as it holds, the insurer the rest (seed 000). The case is marked paid, so the
 * claims sweep marks its claim paid; the payment is a ledger entry and a log fact.
 */
export async function payCaseFromPool(
  tx: Tx,
  c: {
    caseId: number;
    planId: string;
    memberId: number;
    participationId: number;
    benefitFen: number;
    on: CivilDate;
    at: Date;
  },
): Promise<void> {
  const groupNo =
    (await poolsRepository.groupOf(tx, c.participationId)) ??
    fail("conflict", `participation ${c.participationId} is in no group of ${c.planId}`);
  const year = partsOf(c.on).year;
  await poolsRepository.lockPlanGroups(tx, c.planId);
  const held = await poolsRepository.poolNowFen(tx, c.planId, groupNo, year);
  const { fromPoolFen, fromInsurerFen } = payFromPool(held, c.benefitFen);
  await poolsRepository.insertClaim(tx, { ...c, groupNo, year, paidOn: c.on, fromPoolFen, fromInsurerFen });
  const postings = [{ accountId: accounts.paidOut(), amountFen: fen(-c.benefitFen) }];
  if (fromPoolFen > 0)
    postings.push({ accountId: accounts.groupPool(c.planId, groupNo), amountFen: fromPoolFen });
  if (fromInsurerFen > 0)
    postings.push({ accountId: accounts.insurerCover(c.planId), amountFen: fromInsurerFen });
  if (c.benefitFen > 0)
    await postTransaction(tx, {
      key: `pool:${c.planId}:claim:${c.caseId}`,
      kind: "pool_claim",
      planId: c.planId,
      at: c.at,
      postings,
    });
  await poolsRepository.markCasePaid(tx, c.caseId);
  await appendLogEntry(tx, "pool_claim", {
    member: await memberRepository.pseudonymOf(tx, c.memberId),
    plan: c.planId,
    case: c.caseId,
    group: groupNo,
    benefitFen: c.benefitFen,
    fromPoolFen,
    fromInsurerFen,
    on: c.on,
  });
}
