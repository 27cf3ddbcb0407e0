import { arr, int, nullable, obj, str } from "../domain/json-schema.ts";

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
        },
        ["explanation"],
      ),
    ),
    nextCursor: nullable(str),
  },
  ["nextCursor"],
);
