import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { type AuthorisationRow, mandateRepository } from "./mandates.repository.ts";
import type { MandateResult } from "./port.ts";

export type AuthorisationView = {
  memberId: number;
  status: "none" | "signed" | "revoked" | "expired";
  expiresAt: string | null;
};

/** A recorded authorisation's status on a day: a signed one past its expiry is expired. */
const statusOn = (row: AuthorisationRow, nowMs: number): AuthorisationRow["status"] =>
  row.status === "signed" && row.expiresAt.getTime() <= nowMs ? "expired" : row.status;

const view = (memberId: number, row: AuthorisationRow | undefined, nowMs: number): AuthorisationView =>
  row
    ? { memberId, status: statusOn(row, nowMs), expiresAt: row.expiresAt.toISOString() }
    : { memberId, status: "none", expiresAt: null };

/** Without any record the join stands as consent; once recorded, only a signed, unexpired one consents. */
export const consentsToDebit = (row: AuthorisationRow | undefined, nowMs: number): boolean =>
  !row || statusOn(row, nowMs) === "signed";

const refused = (r: MandateResult) =>
  r.status === "failed" ? fail("payment_failed", `the provider refused: ${r.reason}`) : r;

/**
 * Signs the member's debit authorisation (代扣签约) with the provider. Without any record the member's
 * join stands as consent (as before issue 17); once signed, revoked or expired, the record decides.
 */
export async function signAuthorisation(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  const nowMs = deps.clock.now();
  const r = refused(
    await deps.payments.signDebitAuthorisation({ key: `mandate:${memberId}:${nowMs}`, memberId }),
  );
  await mandateRepository.store(deps.pool, memberId, {
    status: r.status,
    agreementRef: r.agreementRef,
    signedAt: new Date(nowMs),
    expiresAt: new Date(r.expiresAtMs),
    revokedAt: null,
  });
  return view(memberId, await mandateRepository.byMember(deps.pool, memberId), nowMs);
}

/** Revokes it with the provider: the member's next share is then treated as an unconfirmed one. */
export async function revokeAuthorisation(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  const row = await mandateRepository.byMember(deps.pool, memberId);
  if (row?.status !== "signed") return fail("authorisation_not_signed", "there is no signed authorisation");
  refused(await deps.payments.revokeDebitAuthorisation(row.agreementRef));
  await mandateRepository.revoke(deps.pool, memberId, new Date(deps.clock.now()));
  return view(memberId, await mandateRepository.byMember(deps.pool, memberId), deps.clock.now());
}

export async function authorisationOf(deps: ServiceDeps, principal: Principal, memberId: number) {
  await memberFor(deps.pool, principal, memberId, false);
  return view(memberId, await mandateRepository.byMember(deps.pool, memberId), deps.clock.now());
}

/**
 * At a post-paid collection: the due shares of members whose authorisation was revoked or expired
 * become unconfirmed, so the plan's rule for an unconfirmed share decides them (cycles/collect.ts).
 */
export async function unconfirmWithoutAuthorisation(deps: ServiceDeps, cycleId: number): Promise<number> {
  return mandateRepository.unconfirmWithoutAuthorisation(deps.pool, cycleId, new Date(deps.clock.now()));
}
