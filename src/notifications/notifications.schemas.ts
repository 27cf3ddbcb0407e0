import { arr, bool, int, nullable, obj, str } from "../domain/json-schema.ts";

/** A member's inbox (notifications/inbox.ts): notices by cursor, and a line per recent cycle share. */
const Notice = obj({ notificationId: int, kind: str, title: str, body: str, at: str, read: bool });
const CycleCharge = obj({
  kind: str,
  cycleId: int,
  planId: str,
  announcedOn: str,
  shareFen: int,
  status: str,
  memberId: int,
  /** A dependant's share, by the dependant's masked name; null for the member's own. */
  dependant: nullable(str),
});
export const InboxSchema = obj(
  { items: arr(Notice), nextCursor: nullable(str), cycleCharges: arr(CycleCharge) },
  ["nextCursor"],
);
export const ReadSchema = obj({ notificationId: int, read: bool });
/** How a member is told beyond the inbox; the e-mail address only masked. */
export const PreferencesSchema = obj({ sms: bool, email: bool, emailMasked: nullable(str), kinds: arr(str) });
