import { arr, bool, int, list, nullable, obj, str, strEnum } from "../domain/json-schema.ts";

/** A top-up's outcome: 201 succeeded, 202 pending (the provider answers later), 402 failed. */
export const TopUpSchema = obj({
  key: str,
  status: strEnum("succeeded", "pending", "failed"),
  amountFen: int,
  balanceFen: int,
  failureReason: nullable(str),
});
export const BalanceSchema = obj({ memberId: int, balanceFen: int });

/** 402: a refused top-up (the outcome above) or a problem+json: every field optional, so either fits. */
export const TopUpRefusedSchema = { ...TopUpSchema, required: [] };

/** The member's debit authorisation (代扣签约) as the provider last answered. */
export const AuthorisationSchema = obj({
  memberId: int,
  status: strEnum("none", "signed", "revoked", "expired"),
  expiresAt: nullable(str),
});

export const DisputeSchema = obj({
  disputeId: int,
  member: str,
  cycleId: int,
  planId: str,
  amountFen: int,
  reason: str,
  status: strEnum("open", "refunded", "rejected"),
  openedAt: str,
  decidedAt: nullable(str),
});
export const DisputesSchema = list(DisputeSchema);

/**
 * GET /members/{id}/money: balance, claimed, withdrawable, advances owed and their shares, the payouts
 * received (to the member, or to the guardian for a dependant named by masked name), each dependant's
 * latest charges.
 */
export const MoneySchema = obj({
  memberId: int,
  balanceFen: int,
  claimedByOpenCyclesFen: int,
  withdrawableFen: int,
  advancesOwedFen: int,
  advancedShares: arr(obj({ cycleId: int, planId: str, announcedOn: str, shareFen: int })),
  /** Shares waiting for the member's confirmation (`closed`: collected without it, not owed). */
  awaitingConfirmation: arr(
    obj({ cycleId: int, planId: str, announcedOn: str, shareFen: int, confirmBy: str, closed: bool }),
  ),
  payouts: arr(
    obj({
      claimId: nullable(int),
      caseId: int,
      planId: str,
      cycleId: int,
      amountFen: int,
      paidOn: str,
      destination: strEnum("member", "guardian"),
      beneficiary: nullable(str),
    }),
  ),
  dependants: arr(
    obj({
      memberId: int,
      name: str,
      charges: arr(
        obj({
          cycleId: int,
          planId: str,
          announcedOn: str,
          collectOn: str,
          shareFen: int,
          status: strEnum("due", "unconfirmed", "collected", "failed", "advanced", "pending"),
        }),
      ),
    }),
  ),
});
/** A withdrawal paid out: its key, the amount and the balance left. */
export const WithdrawalSchema = obj({ key: str, amountFen: int, balanceFen: int });
/** The provider's webhook: accepted, or a replay of an event already recorded (accepted: false). */
export const WebhookAnswerSchema = obj({ accepted: { type: "boolean" } });
