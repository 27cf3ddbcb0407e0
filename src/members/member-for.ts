import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import type { Queryable } from "../store/db.ts";
import { type MemberView, memberRepository } from "./members.repository.ts";

/**
 * The member a principal may act for: themselves or a dependant they are guardian of; staff who may
 * read any member. Anyone else's member is "not found" (404), so existence is not revealed.
 */
export async function memberFor(
  q: Queryable,
  principal: Principal,
  memberId: number,
  staffMayRead: boolean,
): Promise<MemberView> {
  const m = await memberRepository.get(q, memberId);
  const mine =
    m && principal.kind === "member" && (m.memberId === principal.id || m.guardianId === principal.id);
  if (!m || (!mine && !(principal.kind === "staff" && staffMayRead)))
    return fail("not_found", `no member ${memberId}`);
  return m;
}

/** The pseudonym a member is shown by in the log and to other members; the member must exist. */
export const memberPseudonym = (q: Queryable, memberId: number): Promise<string> =>
  memberRepository.pseudonymOf(q, memberId);
