import { releaseDormantNumber } from "../auth/member-account.ts";
import { provenThrottle } from "../auth/member-login.ts";
import { type OtpProof, proveMobile } from "../auth/otp.ts";
import { issueToken } from "../auth/session.ts";
import { throttle } from "../auth/throttle.ts";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { ageOn } from "../domain/calendar.ts";
import { maskMobile, maskName, maskResidentId, parseMobile, parseResidentId } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { encryptPersonalRecord, lookupHash, lookupHashes, pseudonymOf } from "../secrets.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { type MemberView, memberRepository } from "./members.repository.ts";
import { presentMember } from "./view.ts";

export function validName(name: unknown): string {
  if (typeof name !== "string" || name.trim().length < 1 || name.trim().length > 50)
    fail("validation", "a name of 1–50 characters is required", "name");
  return (name as string).trim();
}

async function assertMobileFree(deps: ServiceDeps, tx: Tx, mobile: string): Promise<void> {
  if (await memberRepository.mobileLookupTaken(tx, lookupHashes(deps.secrets, "mobile", mobile)))
    fail("conflict", "this mobile number belongs to another member", "mobile");
}

/**
 * Inserts a person; the resident ID's lookup hash makes one person one account (409 otherwise). The row's
 * created_at comes from the app clock: the dormancy of a mobile number is measured from it.
 */
export async function insertPerson(
  deps: ServiceDeps,
  tx: Tx,
  p: {
    name: string;
    residentId: unknown;
    mobile?: string;
    kind: "member" | "dependant";
    guardianId?: number;
    relation?: string;
  },
): Promise<MemberView> {
  const id = parseResidentId(p.residentId, todayOf(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const facts = id.value;
  const idLookup = lookupHash(deps.secrets, "resident_id", facts.id);
  if (await memberRepository.idLookupTaken(tx, lookupHashes(deps.secrets, "resident_id", facts.id)))
    fail("duplicate_person", "this resident ID already has an account", "residentId");
  if (p.mobile) await assertMobileFree(deps, tx, p.mobile);
  const member = await memberRepository.insert(tx, {
    kind: p.kind,
    guardianId: p.guardianId ?? null,
    relation: p.relation ?? null,
    idLookup,
    personalCipher: encryptPersonalRecord(deps.secrets, {
      residentId: facts.id,
      name: p.name,
      mobile: p.mobile ?? null,
    }),
    idMasked: maskResidentId(facts.id),
    nameMasked: maskName(p.name),
    mobileLookup: p.mobile ? lookupHash(deps.secrets, "mobile", p.mobile) : null,
    mobileMasked: p.mobile ? maskMobile(p.mobile) : null,
    birthDate: facts.birthDate,
    sex: facts.sex,
    createdAt: new Date(deps.clock.now()),
  });
  member.pseudonym = pseudonymOf(deps.secrets, member.memberId);
  await memberRepository.setPseudonym(tx, member.memberId, member.pseudonym);
  return member;
}

/**
 * A person registering themselves: a new member, or, when someone else enrolled them as an adult
 * dependant, they take that record over (their identity claimed back). The participations stay with the
 * person (the protection and its waiting time are theirs); the guardian's link, and with it the
 * guardian's right to act for them, ends; each takeover is recorded in identity_claims. A minor
 * dependant stays with the guardian (duplicate_person, as for any registered ID).
 */
async function registerPerson(
  deps: ServiceDeps,
  tx: Tx,
  p: { name: string; residentId: unknown; mobile: string },
): Promise<MemberView> {
  const id = parseResidentId(p.residentId, todayOf(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const d = await memberRepository.lockDependantByIdLookup(
    tx,
    lookupHashes(deps.secrets, "resident_id", id.value.id),
  );
  if (!d || ageOn(d.birthDate, todayOf(deps)) < limits.adultAgeYears)
    return insertPerson(deps, tx, { ...p, kind: "member" });
  await assertMobileFree(deps, tx, p.mobile);
  const member = await memberRepository.takeOver(tx, d.memberId, {
    personalCipher: encryptPersonalRecord(deps.secrets, {
      residentId: id.value.id,
      name: p.name,
      mobile: p.mobile,
    }),
    nameMasked: maskName(p.name),
    mobileLookup: lookupHash(deps.secrets, "mobile", p.mobile),
    mobileMasked: maskMobile(p.mobile),
  });
  await memberRepository.insertIdentityClaim(tx, d, new Date(deps.clock.now()));
  return member;
}

/**
 * Real-name registration, proven by a one-time code sent to the mobile number. The code is checked and
 * consumed first, before anything is looked up, so an unproven caller learns nothing about who is
 * registered and a right code is never left valid for login; a proven number's registrations are
 * throttled, so it cannot be used to try resident IDs one after another.
 */
export async function registerMember(
  deps: ServiceDeps,
  input: { name: unknown; mobile: unknown; residentId: unknown } & OtpProof,
  ip = "",
) {
  const name = validName(input.name);
  const mobile = parseMobile(input.mobile);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  const id = parseResidentId(input.residentId, todayOf(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const lookup = await proveMobile(deps, mobile.value, input, ip);
  await throttle(deps, [provenThrottle("register", lookup)]);
  return withTransaction(deps.pool, async (tx) => {
    // a recycled number: its old account lets it go (its hash under any live key version)
    await releaseDormantNumber(deps, tx, lookupHashes(deps.secrets, "mobile", mobile.value));
    const member = await registerPerson(deps, tx, {
      name,
      residentId: input.residentId,
      mobile: mobile.value,
    });
    await memberRepository.markMobileUsed(tx, member.memberId, new Date(deps.clock.now()));
    const session = await issueToken(deps, tx, "member", member.memberId);
    return { member: presentMember(member, "subject", todayOf(deps)), ...session };
  });
}
