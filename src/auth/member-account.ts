import type { ServiceDeps } from "../deps.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { parseResidentId } from "../domain/identity.ts";
import { mobileDormant, sameName } from "../domain/mobile.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import {
  encryptPersonalRecord,
  type Lookups,
  lookupMatches,
  type PersonalRecord,
  personalRecordOf,
} from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { type Account, authRepository } from "./auth.repository.ts";
import { endAllSessions } from "./session.ts";

/** The account's personal record, from either storage (see migration 060). */
export const recordOf = (deps: ServiceDeps, row: Account): PersonalRecord =>
  personalRecordOf(deps.secrets, row);

export const isDormant = (deps: ServiceDeps, row: Account): boolean =>
  mobileDormant(row.lastUsed.getTime(), deps.clock.now(), limits.mobileDormantDays);

/** The real-name check: the account's own name and resident ID (compared by keyed hash). */
export function realNameMatches(deps: ServiceDeps, row: Account, name: string, residentId: string): boolean {
  const id = parseResidentId(residentId, civilDateOfInstant(deps.clock.now()));
  if (!id.ok) return false;
  // the row's hash may be under any live key version while a rotation recomputes them
  return (
    lookupMatches(deps.secrets, "resident_id", id.value.id, row.idLookup) &&
    sameName(recordOf(deps, row).name, name)
  );
}

/** Points an account at a number (or none), re-encrypting its record; its sessions end. */
export async function setAccountMobile(
  deps: ServiceDeps,
  q: Queryable,
  row: Account,
  mobile: { value: string; lookup: Buffer; masked: string } | null,
): Promise<void> {
  const record = { ...recordOf(deps, row), mobile: mobile?.value ?? null };
  await authRepository.setAccountMobile(q, {
    memberId: row.memberId,
    lookup: mobile?.lookup ?? null,
    masked: mobile?.masked ?? null,
    personalCipher: encryptPersonalRecord(deps.secrets, record),
    usedAt: mobile ? new Date(deps.clock.now()) : null,
  });
  await endAllSessions(q, "member", row.memberId);
}

/**
 * Frees a number its caller has just proved: an account that has not used it for
 * limits.mobileDormantDays lets it go (the number was recycled; that account's owner moves to their new
 * number with a real-name check); an account using it keeps it (409).
 */
export async function releaseDormantNumber(
  deps: ServiceDeps,
  q: Queryable,
  lookup: Lookups,
  exceptMemberId?: number,
): Promise<void> {
  const holder = await authRepository.accountByMobile(q, lookup, true);
  if (!holder || holder.memberId === exceptMemberId) return;
  if (!isDormant(deps, holder)) fail("conflict", "this mobile number belongs to another member", "mobile");
  await setAccountMobile(deps, q, holder, null);
}
