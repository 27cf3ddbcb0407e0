import { int, nullable, obj, str, strEnum } from "../domain/json-schema.ts";

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
/** A withdrawal paid out: its key, the amount and the balance left. */
export const WithdrawalSchema = obj({ key: str, amountFen: int, balanceFen: int });
/** The provider's webhook: accepted, or a replay of an event already recorded (accepted: false). */
export const WebhookAnswerSchema = obj({ accepted: { type: "boolean" } });
