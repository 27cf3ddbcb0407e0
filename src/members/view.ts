import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { type Audience, identityShown, staffAudience } from "../domain/disclosure.ts";
import type { Lookups } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { type MemberView, memberRepository } from "./members.repository.ts";

export type { MemberView } from "./members.repository.ts";

/** A member as an answer shows it to an audience: the masked name and mobile, the identity per audience. */
export function presentMember(m: MemberView, audience: Audience, today: CivilDate) {
  return {
    memberId: m.memberId,
    kind: m.kind,
    guardianId: m.guardianId,
    relation: m.relation,
    name: m.name,
    mobile: audience === "subject" || audience === "contact" ? m.mobile : null,
    pseudonym: m.pseudonym,
    ...identityShown(m, audience, today),
  };
}

/** The audience of a principal allowed to read a member (memberFor decided that): its subject or staff. */
export const audienceOf = (principal: Principal): Audience =>
  principal.kind === "member" ? "subject" : staffAudience(principal.roles);

export const getMember = (q: Queryable, memberId: number): Promise<MemberView | undefined> =>
  memberRepository.get(q, memberId);

export const listDependants = (q: Queryable, guardianId: number): Promise<MemberView[]> =>
  memberRepository.dependantsOf(q, guardianId);

/** Whether a resident ID (by its lookup hash) already has a record: one person, one record. */
export const residentIdRegistered = (q: Queryable, idLookup: Lookups): Promise<boolean> =>
  memberRepository.idLookupTaken(q, idLookup);
