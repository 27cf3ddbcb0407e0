import { arr, int, list, nullable, obj, str, strEnum } from "../domain/json-schema.ts";

/** A plan's cases in their publicity period, masked (claims/views.ts listAnnouncements). */
export const AnnouncementsSchema = obj(
  {
    items: arr(
      obj(
        {
          claimId: int,
          nameMasked: str,
          ageBand: str,
          event: str,
          diagnosedOn: str,
          benefitFen: int,
          publishedOn: str,
          objectionsUntil: str,
          explanation: nullable(str),
          reasonCode: nullable(str),
          reasonParams: nullable(obj({})),
        },
        ["explanation", "reasonCode", "reasonParams"],
      ),
    ),
    nextCursor: nullable(str),
  },
  ["nextCursor"],
);

/** GET /plans/{planId}/objections: the cases members objected to and what became of them. */
export const ObjectionOutcomesSchema = list(
  obj(
    {
      claimId: int,
      nameMasked: str,
      ageBand: str,
      event: str,
      benefitFen: nullable(int),
      objections: int,
      lastObjectedAt: str,
      outcome: strEnum("under_review", "approved", "refused", "ended"),
    },
    ["benefitFen"],
  ),
);
