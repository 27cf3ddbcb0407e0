import { randomInt } from "node:crypto";
import { rateLimit } from "../auth/rate-limit.ts";
import { type ServiceDeps, todayOf } from "../deps.ts";
import { type Relation, relationPlausible } from "../domain/family.ts";
import { maskMobile, maskName, parseMobile, parseResidentId } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import type { MemberView } from "../members/members.repository.ts";
import { validName } from "../members/register.ts";
import { encryptPersonalRecord, lookupHash } from "../secrets.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { type DependantRequest, dependantRepository } from "./dependants.repository.ts";

export type DependantInput = {
  name: unknown;
  residentId: unknown;
  relation: Relation;
  mobile?: string | undefined;
  consentVersion: string;
};

/** What the guardian sees of a request: masked, and nothing about whether the ID is registered. */
export const requestView = (r: DependantRequest) => ({
  requestId: r.requestId,
  memberId: r.memberId,
  relation: r.relation,
  state: r.state,
  name: r.nameMasked,
  mobile: r.mobileMasked,
  document: r.documentSha256 ? { sha256: r.documentSha256, contentType: r.documentType } : null,
  refusal: r.refusal,
  dependantId: r.dependantId,
  createdAt: r.createdAt.toISOString(),
});

export const codeHashInput = (mobile: string, requestId: number, code: string) =>
  `${mobile}:dependant-request:${requestId}:${code}`;
export const codeHash = (deps: ServiceDeps, mobile: string, requestId: number, code: string) =>
  lookupHash(deps.secrets, "mobile", codeHashInput(mobile, requestId, code));

/**
 * Each request is an identity lookup: limited per minute (the shared limiter) and per day (counted in
 * this table under a per-member lock, so concurrent requests cannot pass the cap together).
 */
async function limitLookups(deps: ServiceDeps, tx: Tx, guardianId: number): Promise<void> {
  await dependantRepository.lockGuardian(tx, guardianId);
  const n = await dependantRepository.requestsInDayBefore(tx, guardianId, new Date(deps.clock.now()));
  if (n >= limits.dependantRequestsPerDayMax)
    fail("rate_limited", `at most ${limits.dependantRequestsPerDayMax} dependant enrolments a day`);
}

/** An adult confirms by a code to their own mobile; a child by a document, so no mobile. */
function confirmingMobile(relation: Relation, input: unknown): string | null {
  if (relation === "child") {
    if (input !== undefined) fail("validation", "a child is confirmed by a document, not a mobile", "mobile");
    return null;
  }
  const m = parseMobile(input);
  if (!m.ok)
    return fail(
      m.error.code,
      `${m.error.message}: an adult confirms by a code to their own mobile`,
      "mobile",
    );
  return m.value;
}

/**
 * Starts enrolling a dependant. Nothing is looked up: the answer is the same whether or not the ID is
 * registered. An adult (parent, spouse) confirms with a code sent to their own mobile; a minor's
 * guardian uploads a guardianship document that a reviewer accepts.
 */
export async function requestDependant(deps: ServiceDeps, guardian: MemberView, input: DependantInput) {
  const name = validName(input.name);
  const id = parseResidentId(input.residentId, todayOf(deps));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const plausible = relationPlausible(
    input.relation,
    guardian.birthDate,
    id.value.birthDate,
    todayOf(deps),
    limits,
  );
  if (!plausible.ok) return fail(plausible.error.code, plausible.error.message, plausible.error.field);
  const mobile = confirmingMobile(input.relation, input.mobile);
  const adult = mobile !== null;
  await rateLimit(deps, `dependant:${guardian.memberId}`, limits.dependantRequestsPerMinute);
  return withTransaction(deps.pool, async (tx) => {
    await limitLookups(deps, tx, guardian.memberId);
    const held = await dependantRepository.placesHeld(
      tx,
      guardian.memberId,
      new Date(deps.clock.now()),
      limits.dependantCodeAttemptsMax,
    );
    if (held >= limits.dependantsPerMemberMax)
      fail("conflict", `at most ${limits.dependantsPerMemberMax} dependants`);
    const now = deps.clock.now();
    const r = await dependantRepository.insert(tx, {
      memberId: guardian.memberId,
      relation: input.relation,
      state: adult ? "awaiting_code" : "awaiting_document",
      idLookup: lookupHash(deps.secrets, "resident_id", id.value.id),
      personalCipher: encryptPersonalRecord(deps.secrets, { residentId: id.value.id, name, mobile }),
      nameMasked: maskName(name),
      mobileMasked: mobile ? maskMobile(mobile) : null,
      birthDate: id.value.birthDate,
      sex: id.value.sex,
      consentVersion: input.consentVersion,
      codeHash: adult ? Buffer.alloc(32) : null, // replaced below, once the request id is known
      codeExpiresAt: adult ? new Date(now + limits.otpValidSeconds * 1000) : null,
      createdAt: new Date(now),
    });
    if (mobile) await sendCode(deps, tx, r.requestId, mobile, guardian.name, new Date(now));
    return requestView(r);
  });
}

async function sendCode(deps: ServiceDeps, tx: Tx, requestId: number, mobile: string, by: string, at: Date) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await dependantRepository.setCodeHash(tx, requestId, codeHash(deps, mobile, requestId, code));
  await deps.sms.send(
    tx,
    mobile,
    `【互助】${by} 申请将您登记为家庭成员。同意请告知验证码 ${code}（${limits.otpValidSeconds / 60} 分钟内有效）；不同意请忽略。`,
    at,
  );
}

export async function listRequests(q: Queryable, guardianId: number) {
  return (await dependantRepository.ofGuardian(q, guardianId)).map(requestView);
}
