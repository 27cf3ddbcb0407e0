import { arr, int, nullable, obj, str, strEnum } from "../domain/json-schema.ts";

/** A participation as answers show it (enrolment/views.ts), with each event class's waiting period. */
export const ParticipationSchema = obj({
  participationId: int,
  memberId: int,
  planId: str,
  tier: str,
  joinedOn: str,
  ruleVersion: str,
  status: str,
  suspendedOn: nullable(str),
  endedOn: nullable(str),
  endReason: nullable(str),
  coveredFrom: str,
  waiting: arr(obj({ event: str, days: int, coveredFrom: str })),
  shareMode: strEnum("auto", "confirm", "auto_limit"),
  shareLimitFen: nullable(int),
});
export const ParticipationListSchema = obj({ items: arr(ParticipationSchema) });
/** Leaving a plan: the ended participation, what was refunded and what is still owed (enrolment/exit.ts). */
export const ExitSchema = obj({ participation: ParticipationSchema, refundFen: int, stillOwedFen: int });
/** GET /participations/{id}/exit: what leaving would settle, before the member confirms. */
export const ExitPreviewSchema = obj({
  participationId: int,
  balanceFen: int,
  advancesOwedFen: int,
  settledFromBalanceFen: int,
  refundFen: int,
  stillOwedFen: int,
});
