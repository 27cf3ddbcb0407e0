import { ageOn, type CivilDate, civilDateOfInstant } from "../domain/calendar.ts";
import { type Audience, identityShown, staffAudience } from "../domain/disclosure.ts";
import { maskMobile, maskName, maskResidentId, parseMobile, parseResidentId } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { encryptPersonalRecord, lookupHash, pseudonymOf } from "../secrets.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import type { ServiceDeps } from "./deps.ts";
import { releaseDormantNumber } from "./member-account.service.ts";
import { provenThrottle } from "./member-auth.service.ts";
import { type OtpProof, proveMobile } from "./otp.service.ts";
import { issueToken } from "./session.service.ts";
import { throttle } from "./throttle.service.ts";

/**
 * A member as the services use it: personal data masked, never in plain text. An answer never carries it
 * as is: `presentMember` shows each audience its part of the identity (src/domain/disclosure.ts).
 */
export type MemberView = {
  memberId: number;
  kind: "member" | "dependant";
  guardianId: number | null;
  relation: string | null;
  name: string;
  /** The stored mask (first 4 and last 4): internal only, too revealing beside the birth date. */
  idMasked: string;
  mobile: string | null;
  birthDate: CivilDate;
  sex: "male" | "female";
  pseudonym: string;
};

type MemberRow = {
  member_id: number;
  kind: "member" | "dependant";
  guardian_id: number | null;
  relation: string | null;
  name_masked: string;
  id_masked: string;
  mobile_masked: string | null;
  birth_date: CivilDate;
  sex: "male" | "female";
  pseudonym: string;
};

const COLUMNS =
  "member_id, kind, guardian_id, relation, name_masked, id_masked, mobile_masked, birth_date, sex, pseudonym";

export const toView = (r: MemberRow): MemberView => ({
  memberId: r.member_id,
  kind: r.kind,
  guardianId: r.guardian_id,
  relation: r.relation,
  name: r.name_masked,
  idMasked: r.id_masked,
  mobile: r.mobile_masked,
  birthDate: r.birth_date,
  sex: r.sex,
  pseudonym: r.pseudonym,
});

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

function today(deps: ServiceDeps): CivilDate {
  return civilDateOfInstant(deps.clock.now());
}

export function validName(name: unknown): string {
  if (typeof name !== "string" || name.trim().length < 1 || name.trim().length > 50)
    fail("validation", "a name of 1–50 characters is required", "name");
  return (name as string).trim();
}

async function assertMobileFree(deps: ServiceDeps, tx: Tx, mobile: string): Promise<void> {
  const dupMobile = await tx.query("SELECT 1 FROM members WHERE mobile_lookup = $1", [
    lookupHash(deps.secrets, "mobile", mobile),
  ]);
  if (dupMobile.rows.length > 0) fail("conflict", "this mobile number belongs to another member", "mobile");
}

/** Inserts a person; the resident ID's lookup hash makes one person one account (409 otherwise). */
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
): Promise<MemberRow> {
  const id = parseResidentId(p.residentId, today(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const facts = id.value;
  const idLookup = lookupHash(deps.secrets, "resident_id", facts.id);
  const dup = await tx.query("SELECT 1 FROM members WHERE id_lookup = $1", [idLookup]);
  if (dup.rows.length > 0) fail("duplicate_person", "this resident ID already has an account", "residentId");
  if (p.mobile) await assertMobileFree(deps, tx, p.mobile);
  const { rows } = await tx.query<MemberRow>(
    `INSERT INTO members (kind, guardian_id, relation, id_lookup, personal_cipher, id_masked, name_masked,
                          mobile_lookup, mobile_masked, birth_date, sex, pseudonym)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending')
     RETURNING ${COLUMNS}`,
    [
      p.kind,
      p.guardianId ?? null,
      p.relation ?? null,
      idLookup,
      encryptPersonalRecord(deps.secrets, { residentId: facts.id, name: p.name, mobile: p.mobile ?? null }),
      maskResidentId(facts.id),
      maskName(p.name),
      p.mobile ? lookupHash(deps.secrets, "mobile", p.mobile) : null,
      p.mobile ? maskMobile(p.mobile) : null,
      facts.birthDate,
      facts.sex,
    ],
  );
  const row = rows[0]!;
  row.pseudonym = pseudonymOf(deps.secrets, row.member_id);
  await tx.query("UPDATE members SET pseudonym = $2 WHERE member_id = $1", [row.member_id, row.pseudonym]);
  return row;
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
): Promise<MemberRow> {
  const id = parseResidentId(p.residentId, today(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const held = await tx.query<{
    member_id: number;
    guardian_id: number;
    relation: string;
    birth_date: CivilDate;
  }>(
    `SELECT member_id, guardian_id, relation, birth_date FROM members
     WHERE id_lookup = $1 AND kind = 'dependant' FOR UPDATE`,
    [lookupHash(deps.secrets, "resident_id", id.value.id)],
  );
  const d = held.rows[0];
  if (!d || ageOn(d.birth_date, today(deps)) < 18) return insertPerson(deps, tx, { ...p, kind: "member" });
  await assertMobileFree(deps, tx, p.mobile);
  const { rows } = await tx.query<MemberRow>(
    `UPDATE members SET kind = 'member', guardian_id = NULL, relation = NULL, personal_cipher = $2,
       name_masked = $3, mobile_lookup = $4, mobile_masked = $5, id_cipher = NULL, name_cipher = NULL,
       mobile_cipher = NULL
     WHERE member_id = $1 RETURNING ${COLUMNS}`,
    [
      d.member_id,
      encryptPersonalRecord(deps.secrets, { residentId: id.value.id, name: p.name, mobile: p.mobile }),
      maskName(p.name),
      lookupHash(deps.secrets, "mobile", p.mobile),
      maskMobile(p.mobile),
    ],
  );
  await tx.query(
    "INSERT INTO identity_claims (member_id, former_guardian, relation, at) VALUES ($1, $2, $3, $4)",
    [d.member_id, d.guardian_id, d.relation, new Date(deps.clock.now())],
  );
  return rows[0]!;
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
  const id = parseResidentId(input.residentId, today(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const lookup = await proveMobile(deps, mobile.value, input, ip);
  await throttle(deps, [provenThrottle("register", lookup)]);
  return withTransaction(deps.pool, async (tx) => {
    await releaseDormantNumber(deps, tx, lookup); // a recycled number: its old account lets it go
    const row = await registerPerson(deps, tx, { name, residentId: input.residentId, mobile: mobile.value });
    await tx.query("UPDATE members SET mobile_used_at = $2 WHERE member_id = $1", [
      row.member_id,
      new Date(deps.clock.now()),
    ]);
    const session = await issueToken(deps, tx, "member", row.member_id);
    return { member: presentMember(toView(row), "subject", today(deps)), ...session };
  });
}

export async function getMember(q: Queryable, memberId: number): Promise<MemberView | undefined> {
  const { rows } = await q.query<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE member_id = $1`, [
    memberId,
  ]);
  return rows[0] ? toView(rows[0]) : undefined;
}

export async function listDependants(q: Queryable, guardianId: number): Promise<MemberView[]> {
  const { rows } = await q.query<MemberRow>(
    `SELECT ${COLUMNS} FROM members WHERE guardian_id = $1 ORDER BY member_id`,
    [guardianId],
  );
  return rows.map(toView);
}

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
  const m = await getMember(q, memberId);
  const mine =
    m && principal.kind === "member" && (m.memberId === principal.id || m.guardianId === principal.id);
  if (!m || (!mine && !(principal.kind === "staff" && staffMayRead)))
    return fail("not_found", `no member ${memberId}`);
  return m as MemberView;
}
