import type { Queryable } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export { memberFor } from "../services/members.service.ts";

/** The pseudonym a member is shown by in the log and to other members; the member must exist. */
export async function memberPseudonym(q: Queryable, memberId: number): Promise<string> {
  const result = await q.query<{ pseudonym: string }>("SELECT pseudonym FROM members WHERE member_id = $1", [
    memberId,
  ]);
  return oneRow(result, `member ${memberId}`).pseudonym;
}
