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
