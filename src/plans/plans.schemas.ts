import { Charter } from "../domain/governance/charter.ts";
import { arr, bool, int, list, nullable, obj, outputJs, str } from "../domain/json-schema.ts";
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

/** A log key announced and not yet handed over: this plan's proposal for it and the earliest hand-over. */
const PendingLogKeySchema = obj({
  logKey: str,
  proposalId: int,
  state: str,
  publishedOn: str,
  /** The end of the charter's notice: `huzhu keys rotate log-signing --hand-over` is refused before. */
  handOverOn: str,
  voteRequired: bool,
  votingClosesOn: nullable(str),
});

/** GET /plans/{planId}/charter: every charter version, and what verifiers pin of the log (issues 19, 20). */
export const CharterPageSchema = obj({
  items: arr(outputJs(Charter)),
  log: obj({
    logKey: str,
    handOvers: arr(str),
    witnesses: arr(obj({ name: str, vkey: str })),
    pending: nullable(PendingLogKeySchema),
  }),
});
