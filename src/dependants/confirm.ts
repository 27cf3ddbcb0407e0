import type { ServiceDeps } from "../deps.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { insertPerson } from "../members/register.ts";
import { residentIdRegistered } from "../members/view.ts";
import { decryptPersonalRecord, lookupHashes, lookupMatches } from "../secrets.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { type DependantRequest, dependantRepository } from "./dependants.repository.ts";
import { codeHashInput } from "./request.ts";

/** The guardian's request, locked, in the state the step needs. */
export async function lockRequest(
  tx: Tx,
  guardianId: number,
  requestId: number,
  state: string,
): Promise<DependantRequest> {
  const r =
    (await dependantRepository.lockOfGuardian(tx, guardianId, requestId)) ??
    fail("not_found", `no dependant request ${requestId}`);
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
  const r =
    (await dependantRepository.countCodeTry(deps.pool, {
      guardianId,
      requestId,
      attemptsMax: limits.dependantCodeAttemptsMax,
      at: new Date(deps.clock.now()),
    })) ?? fail("invalid_code", "no valid code for this request; start a new one", "code");
  const mobile = decryptPersonalRecord(deps.secrets, r.personalCipher).mobile!;
  // under any live lookup-key version: the code may have been sent before a rotation began
  if (!lookupMatches(deps.secrets, "mobile", codeHashInput(mobile, requestId, code), r.codeHash))
    fail("invalid_code", "the code is wrong", "code");
  return settleRequest(deps, guardianId, requestId, "awaiting_code");
}

/** Enrols the person of a confirmed request, or refuses it when the ID is registered (the person has proven it). */
export async function settleRequest(
  deps: ServiceDeps,
  guardianId: number,
  requestId: number,
  from: string,
  reviewerId?: number,
) {
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const r = await lockRequest(tx, guardianId, requestId, from);
    const person = decryptPersonalRecord(deps.secrets, r.personalCipher);
    const at = new Date(deps.clock.now());
    if (await residentIdRegistered(tx, lookupHashes(deps.secrets, "resident_id", person.residentId))) {
      await dependantRepository.refuseDuplicate(tx, requestId, reviewerId ?? null, at);
      return { ok: false as const };
    }
    const member = await insertPerson(deps, tx, {
      name: person.name,
      residentId: person.residentId,
      kind: "dependant",
      guardianId,
      relation: r.relation,
    });
    await dependantRepository.insertConsent(tx, {
      memberId: member.memberId,
      givenBy: guardianId,
      textVersion: r.consentVersion,
      at,
    });
    await dependantRepository.markEnrolled(tx, requestId, {
      dependantId: member.memberId,
      reviewerId: reviewerId ?? null,
      at,
    });
    return { ok: true as const, member };
  });
  if (!outcome.ok) return fail("duplicate_person", "this resident ID already has an account", "residentId");
  return outcome.member;
}
