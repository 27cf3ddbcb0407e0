import { arr, int, list, nullable, obj, outputJs, str } from "../domain/json-schema.ts";
import { Rules, Source } from "../domain/plan/schema.ts";

/** GET /plans: each plan with its rule versions' dates and its active members. */
export const PlanSummarySchema = obj({
  planId: str,
  name: str,
  status: str,
  ruleVersions: int,
  activeMembers: int,
});
export const PlanListSchema = list(PlanSummarySchema);

/** GET /plans/{planId}: the published terms, every rule version whole. */
export const PlanSchema = obj({
  planId: str,
  name: str,
  status: str,
  currency: str,
  sources: arr(outputJs(Source)),
  silent: arr(str),
  assumptions: arr(str),
  inForceOn: nullable(str),
  /** The date inForceOn is for: `on`, else today by the application's clock. */
  asOf: str,
  versions: arr(obj({ effective: str, summary: nullable(str), rules: outputJs(Rules) })),
});
