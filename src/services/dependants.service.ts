import { randomInt, timingSafeEqual } from "node:crypto";
import { rateLimit } from "../auth/rate-limit.ts";
import { type CivilDate, civilDateOfInstant } from "../domain/calendar.ts";
import { type Relation, relationPlausible } from "../domain/family.ts";
import { maskMobile, maskName, parseMobile, parseResidentId } from "../domain/identity.ts";
import { fail, ProblemError } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { limits } from "../limits.ts";
import type { MemberView } from "../members/members.repository.ts";
import { insertPerson, validName } from "../members/register.ts";
import {
  decryptPersonalBytes,
  decryptPersonalRecord,
  encryptPersonal,
  encryptPersonalRecord,
  lookupHash,
} from "../secrets.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { auditStaffRead } from "./audit.service.ts";
import type { ServiceDeps } from "./deps.ts";

export type DependantInput = {
  name: unknown;
  residentId: unknown;
  relation: Relation;
  mobile?: string | undefined;
  consentVersion: string;
};

type RequestRow = {
  request_id: number;
  member_id: number;
  relation: Relation;
  state: string;
  personal_cipher: Buffer;
  name_masked: string;
  mobile_masked: string | null;
  consent_version: string;
  document_type: string | null;
  document_sha256: string | null;
  refusal: string | null;
  dependant_id: number | null;
  created_at: Date;
};

const REQUEST_COLUMNS = `request_id, member_id, relation, state, personal_cipher, name_masked, mobile_masked,
  consent_version, document_type, document_sha256, refusal, dependant_id, created_at`;

/** What the guardian sees of a request: masked, and nothing about whether the ID is registered. */
export const requestView = (r: RequestRow) => ({
  requestId: r.request_id,
  memberId: r.member_id,
  relation: r.relation,
  state: r.state,
  name: r.name_masked,
  mobile: r.mobile_masked,
  document: r.document_sha256 ? { sha256: r.document_sha256, contentType: r.document_type } : null,
  refusal: r.refusal,
  dependantId: r.dependant_id,
  createdAt: r.created_at.toISOString(),
});

const todayOf = (deps: ServiceDeps): CivilDate => civilDateOfInstant(deps.clock.now());
const codeHash = (deps: ServiceDeps, mobile: string, requestId: number, code: string) =>
  lookupHash(deps.secrets, "mobile", `${mobile}:dependant-request:${requestId}:${code}`);

/**
 * Each request is an identity lookup: limited per minute (the shared limiter) and per day (counted in
 * this table under a per-member lock, so concurrent requests cannot pass the cap together).
 */
async function limitLookups(deps: ServiceDeps, tx: Tx, guardianId: number): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('dependant_requests'), $1::int)", [guardianId]);
  const { rows } = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM dependant_requests WHERE member_id = $1 AND created_at > $2::timestamptz - interval '1 day'",
    [guardianId, new Date(deps.clock.now())],
  );
  if ((rows[0]?.n ?? 0) >= limits.dependantRequestsPerDayMax)
    fail("rate_limited", `at most ${limits.dependantRequestsPerDayMax} dependant enrolments a day`);
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
  const adult = input.relation !== "child";
  let mobile: string | null = null;
  if (adult) {
    const m = parseMobile(input.mobile);
    if (!m.ok)
      return fail(
        m.error.code,
        `${m.error.message}: an adult confirms by a code to their own mobile`,
        "mobile",
      );
    mobile = m.value;
  } else if (input.mobile !== undefined)
    fail("validation", "a child is confirmed by a document, not a mobile", "mobile");
  await rateLimit(deps, `dependant:${guardian.memberId}`, limits.dependantRequestsPerMinute);
  return withTransaction(deps.pool, async (tx) => {
    await limitLookups(deps, tx, guardian.memberId);
    const held = await tx.query<{ n: number }>(
      // a request whose code has expired or died no longer holds a place
      `SELECT (SELECT count(*) FROM members WHERE guardian_id = $1) + (SELECT count(*) FROM dependant_requests
         WHERE member_id = $1 AND (state IN ('awaiting_document', 'awaiting_review') OR (state = 'awaiting_code'
           AND code_expires_at > $2 AND code_attempts < $3)))::int AS n`,
      [guardian.memberId, new Date(deps.clock.now()), limits.dependantCodeAttemptsMax],
    );
    if (Number(held.rows[0]?.n ?? 0) >= limits.dependantsPerMemberMax)
      fail("conflict", `at most ${limits.dependantsPerMemberMax} dependants`);
    const now = deps.clock.now();
    const { rows } = await tx.query<RequestRow>(
      `INSERT INTO dependant_requests (member_id, relation, state, id_lookup, personal_cipher, name_masked, mobile_masked,
         birth_date, sex, consent_version, code_hash, code_expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${REQUEST_COLUMNS}`,
      [
        guardian.memberId,
        input.relation,
        adult ? "awaiting_code" : "awaiting_document",
        lookupHash(deps.secrets, "resident_id", id.value.id),
        encryptPersonalRecord(deps.secrets, { residentId: id.value.id, name, mobile }),
        maskName(name),
        mobile ? maskMobile(mobile) : null,
        id.value.birthDate,
        id.value.sex,
        input.consentVersion,
        adult ? Buffer.alloc(32) : null, // replaced below, once the request id is known
        adult ? new Date(now + limits.otpValidSeconds * 1000) : null,
        new Date(now),
      ],
    );
    const r = rows[0]!;
    if (mobile) await sendCode(deps, tx, r.request_id, mobile, guardian.name, new Date(now));
    return requestView(r);
  });
}

async function sendCode(deps: ServiceDeps, tx: Tx, requestId: number, mobile: string, by: string, at: Date) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await tx.query("UPDATE dependant_requests SET code_hash = $2 WHERE request_id = $1", [
    requestId,
    codeHash(deps, mobile, requestId, code),
  ]);
  await deps.sms.send(
    tx,
    mobile,
    `【互助】${by} 申请将您登记为家庭成员。同意请告知验证码 ${code}（${limits.otpValidSeconds / 60} 分钟内有效）；不同意请忽略。`,
    at,
  );
}

async function lockRequest(
  tx: Tx,
  guardianId: number,
  requestId: number,
  state: string,
): Promise<RequestRow> {
  const { rows } = await tx.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE request_id = $1 AND member_id = $2 FOR UPDATE`,
    [requestId, guardianId],
  );
  const r = rows[0] ?? fail("not_found", `no dependant request ${requestId}`);
  if (r.state !== state) fail("request_wrong_state", `the request is ${r.state}`);
  return r;
}

/**
 * The adult's code, relayed by the guardian. Every try counts, in its own statement that commits
 * whatever follows, and the code dies after the limit; the comparison is constant-time.
 */
export async function confirmDependant(
  deps: ServiceDeps,
  guardianId: number,
  requestId: number,
  code: string,
) {
  const { rows } = await deps.pool.query<{ code_hash: Buffer; personal_cipher: Buffer }>(
    `UPDATE dependant_requests SET code_attempts = code_attempts + 1
     WHERE request_id = $1 AND member_id = $2 AND state = 'awaiting_code' AND code_attempts < $3 AND code_expires_at > $4
     RETURNING code_hash, personal_cipher`,
    [requestId, guardianId, limits.dependantCodeAttemptsMax, new Date(deps.clock.now())],
  );
  const r = rows[0] ?? fail("invalid_code", "no valid code for this request; start a new one", "code");
  const mobile = decryptPersonalRecord(deps.secrets, r.personal_cipher).mobile!;
  if (!timingSafeEqual(r.code_hash, codeHash(deps, mobile, requestId, code)))
    fail("invalid_code", "the code is wrong", "code");
  return settle(deps, guardianId, requestId, "awaiting_code");
}

/** Enrols the person of a confirmed request, or refuses it when the ID is registered (the person has proven it). */
async function settle(
  deps: ServiceDeps,
  guardianId: number,
  requestId: number,
  from: string,
  reviewerId?: number,
) {
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const r = await lockRequest(tx, guardianId, requestId, from);
    const person = decryptPersonalRecord(deps.secrets, r.personal_cipher);
    const at = new Date(deps.clock.now());
    const dup = await tx.query("SELECT 1 FROM members WHERE id_lookup = $1", [
      lookupHash(deps.secrets, "resident_id", person.residentId),
    ]);
    if (dup.rows.length > 0) {
      await tx.query(
        "UPDATE dependant_requests SET state = 'refused', refusal = 'duplicate_person', reviewer_id = $2, decided_at = $3 WHERE request_id = $1",
        [requestId, reviewerId ?? null, at],
      );
      return { ok: false as const };
    }
    const row = await insertPerson(deps, tx, {
      name: person.name,
      residentId: person.residentId,
      kind: "dependant",
      guardianId,
      relation: r.relation,
    });
    await tx.query(
      "INSERT INTO consents (member_id, given_by, text_version, given_at) VALUES ($1, $2, $3, $4)",
      [row.memberId, guardianId, r.consent_version, at],
    );
    await tx.query(
      "UPDATE dependant_requests SET state = 'enrolled', dependant_id = $2, reviewer_id = $3, decided_at = $4 WHERE request_id = $1",
      [requestId, row.memberId, reviewerId ?? null, at],
    );
    return { ok: true as const, member: row };
  });
  if (!outcome.ok) return fail("duplicate_person", "this resident ID already has an account", "residentId");
  return outcome.member;
}

/** A minor's guardianship document (birth certificate, household register), stored encrypted in the row. */
export async function attachGuardianshipDocument(
  deps: ServiceDeps,
  guardianId: number,
  requestId: number,
  doc: { contentType: string; sha256: string; bytes: Buffer },
) {
  return withTransaction(deps.pool, async (tx) => {
    await lockRequest(tx, guardianId, requestId, "awaiting_document");
    const { rows } = await tx.query<RequestRow>(
      `UPDATE dependant_requests SET state = 'awaiting_review', document_cipher = $2, document_type = $3, document_sha256 = $4
       WHERE request_id = $1 RETURNING ${REQUEST_COLUMNS}`,
      [requestId, encryptPersonal(deps.secrets, doc.bytes), doc.contentType, doc.sha256],
    );
    return requestView(rows[0]!);
  });
}

export async function listRequests(q: Queryable, guardianId: number) {
  const { rows } = await q.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE member_id = $1 ORDER BY request_id`,
    [guardianId],
  );
  return rows.map(requestView);
}

/**
 * The reviewers' queue: what the task needs to compare with the document — relation, the child's age,
 * sex and last 4 ID characters, the guardian's age — never a birth date beside ID digits.
 */
export async function reviewQueue(deps: ServiceDeps) {
  const { rows } = await deps.pool.query<{
    request_id: number;
    member_id: number;
    relation: string;
    name_masked: string;
    child_age: number;
    sex: string;
    guardian_age: number;
    guardian_name: string;
    personal_cipher: Buffer;
    document_type: string;
    document_sha256: string;
  }>(
    `SELECT r.request_id, r.member_id, r.relation, r.name_masked, extract(year FROM age($1::date, r.birth_date))::int AS child_age,
       r.sex, extract(year FROM age($1::date, m.birth_date))::int AS guardian_age, m.name_masked AS guardian_name,
       r.personal_cipher, r.document_type, r.document_sha256
     FROM dependant_requests r JOIN members m USING (member_id) WHERE r.state = 'awaiting_review' ORDER BY r.request_id`,
    [todayOf(deps)],
  );
  return {
    items: rows.map((r) => ({
      requestId: r.request_id,
      relation: r.relation,
      person: {
        name: r.name_masked,
        residentId: `${"*".repeat(14)}${decryptPersonalRecord(deps.secrets, r.personal_cipher).residentId.slice(-4)}`,
        ageYears: r.child_age,
        sex: r.sex,
      },
      guardian: { memberId: r.member_id, name: r.guardian_name, ageYears: r.guardian_age },
      document: { sha256: r.document_sha256, contentType: r.document_type },
    })),
  };
}

async function pendingReview(q: Queryable, requestId: number) {
  const { rows } = await q.query<{ member_id: number; document_cipher: Buffer; document_type: string }>(
    "SELECT member_id, document_cipher, document_type FROM dependant_requests WHERE request_id = $1 AND state = 'awaiting_review'",
    [requestId],
  );
  return rows[0] ?? fail("not_found", `no dependant request ${requestId} awaiting review`);
}

/** The document itself: a staff read of personal data in plain, so it is written to the audit trail. */
export async function readGuardianshipDocument(deps: ServiceDeps, reviewer: Principal, requestId: number) {
  const r = await pendingReview(deps.pool, requestId);
  await auditStaffRead(deps, deps.pool, reviewer, "guardianship_document", {
    requestId,
    member: r.member_id,
  });
  return { contentType: r.document_type, bytes: decryptPersonalBytes(deps.secrets, r.document_cipher) };
}

/** The reviewer accepts (the dependant is enrolled) or refuses (with a reason the guardian sees). */
export async function decideRequest(
  deps: ServiceDeps,
  reviewer: Principal,
  requestId: number,
  decision: { accept: boolean; reason: string },
) {
  const r = await pendingReview(deps.pool, requestId);
  if (decision.accept) {
    await settle(deps, r.member_id, requestId, "awaiting_review", reviewer.id).catch((e: unknown) => {
      // a duplicate is recorded as the refusal; the reviewer reads it in the answer
      if (!(e instanceof ProblemError && e.problem.code === "duplicate_person")) throw e;
    });
  } else {
    await deps.pool.query(
      "UPDATE dependant_requests SET state = 'refused', refusal = $2, reviewer_id = $3, decided_at = $4 WHERE request_id = $1 AND state = 'awaiting_review'",
      [requestId, decision.reason, reviewer.id, new Date(deps.clock.now())],
    );
  }
  const { rows } = await deps.pool.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM dependant_requests WHERE request_id = $1`,
    [requestId],
  );
  return requestView(rows[0]!);
}
