import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { staffAudience } from "../domain/disclosure.ts";
import { parseMobile, parseResidentId } from "../domain/identity.ts";
import { listParticipations } from "../enrolment/views.ts";
import { fail } from "../errors.ts";
import { getMember, listDependants, presentMember } from "../members/view.ts";
import { recordPersonalReads } from "../privacy/read-trail.ts";
import { lookupHashes } from "../secrets.ts";
import { operationsRepository } from "./operations.repository.ts";

export type SearchBy = { readonly mobile: string } | { readonly residentId: string };

/**
 * The person with this mobile or resident ID, found through its lookup hash (the plain value is never
 * stored nor compared), with the dependants they hold and every participation of theirs — all masked as
 * the staff member's role sees them.
 */
export async function searchPeople(deps: ServiceDeps, principal: Principal, by: SearchBy) {
  const today = todayOf(deps);
  const kind = "mobile" in by ? "mobile" : "resident_id";
  const parsed = "mobile" in by ? parseMobile(by.mobile) : parseResidentId(by.residentId, today);
  if (!parsed.ok) return fail(parsed.error.code, parsed.error.message, parsed.error.field);
  const value = typeof parsed.value === "string" ? parsed.value : parsed.value.id;
  const ids = await operationsRepository.memberIdsByLookup(
    deps.pool,
    kind,
    lookupHashes(deps.secrets, kind, value),
  );
  const found = (await Promise.all(ids.map((id) => getMember(deps.pool, id)))).filter((m) => m !== undefined);
  const dependants = (await Promise.all(found.map((m) => listDependants(deps.pool, m.memberId)))).flat();
  const people = [...found, ...dependants];
  const audience = staffAudience(principal.roles);
  await recordPersonalReads(
    deps,
    deps.pool,
    principal,
    people.map((m) => m.memberId),
    { data: "member_record", purpose: "POST /operations/search" },
  );
  return {
    members: people.map((m) => presentMember(m, audience, today)),
    participations: await listParticipations(
      deps.pool,
      people.map((m) => m.memberId),
    ),
  };
}
