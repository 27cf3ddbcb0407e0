import { timingSafeEqual } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { parseResidentId } from "../domain/identity.ts";
import { mobileDormant, sameName } from "../domain/mobile.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import {
  decryptPersonal,
  decryptPersonalRecord,
  encryptPersonalRecord,
  lookupHash,
  type PersonalRecord,
} from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { endAllSessions } from "./session.ts";

/** What the sign-in paths read of an account: enough to check a real name and a number's age. */
export type AccountRow = {
  member_id: number;
  last_used: Date;
  id_lookup: Buffer;
  personal_cipher: Buffer | null;
  id_cipher: Buffer | null;
  name_cipher: Buffer | null;
  mobile_cipher: Buffer | null;
};

const ACCOUNT = `member_id, COALESCE(mobile_used_at, created_at) AS last_used, id_lookup, personal_cipher,
  id_cipher, name_cipher, mobile_cipher`;

export async function accountByMobile(
  q: Queryable,
  lookup: Buffer,
  lock = false,
): Promise<AccountRow | undefined> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT} FROM members WHERE mobile_lookup = $1 AND kind = 'member'${lock ? " FOR UPDATE" : ""}`,
    [lookup],
  );
  return rows[0];
}

export async function accountByResidentId(q: Queryable, idLookup: Buffer): Promise<AccountRow | undefined> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT} FROM members WHERE id_lookup = $1 AND kind = 'member' FOR UPDATE`,
    [idLookup],
  );
  return rows[0];
}

/** The account's personal record, from either storage (see migration 060). */
export function recordOf(deps: ServiceDeps, row: AccountRow): PersonalRecord {
  if (row.personal_cipher) return decryptPersonalRecord(deps.secrets, row.personal_cipher);
  return {
    residentId: decryptPersonal(deps.secrets, row.id_cipher!),
    name: decryptPersonal(deps.secrets, row.name_cipher!),
    mobile: row.mobile_cipher ? decryptPersonal(deps.secrets, row.mobile_cipher) : null,
  };
}

export const isDormant = (deps: ServiceDeps, row: AccountRow): boolean =>
  mobileDormant(row.last_used.getTime(), deps.clock.now(), limits.mobileDormantDays);

/** The real-name check: the account's own name and resident ID (compared by keyed hash). */
export function realNameMatches(
  deps: ServiceDeps,
  row: AccountRow,
  name: string,
  residentId: string,
): boolean {
  const id = parseResidentId(residentId, civilDateOfInstant(deps.clock.now()));
  if (!id.ok) return false;
  const given = lookupHash(deps.secrets, "resident_id", id.value.id);
  return timingSafeEqual(given, row.id_lookup) && sameName(recordOf(deps, row).name, name);
}

/** Points an account at a number (or none), re-encrypting its record; its sessions end. */
export async function setAccountMobile(
  deps: ServiceDeps,
  q: Queryable,
  row: AccountRow,
  mobile: { value: string; lookup: Buffer; masked: string } | null,
): Promise<void> {
  const record = { ...recordOf(deps, row), mobile: mobile?.value ?? null };
  await q.query(
    `UPDATE members SET mobile_lookup = $2, mobile_masked = $3, personal_cipher = $4, mobile_cipher = NULL,
                        mobile_used_at = $5
      WHERE member_id = $1`,
    [
      row.member_id,
      mobile?.lookup ?? null,
      mobile?.masked ?? null,
      encryptPersonalRecord(deps.secrets, record),
      mobile ? new Date(deps.clock.now()) : null,
    ],
  );
  await endAllSessions(q, "member", row.member_id);
}

/**
 * Frees a number its caller has just proved: an account that has not used it for
 * limits.mobileDormantDays lets it go (the number was recycled; that account's owner moves to their new
 * number with a real-name check); an account using it keeps it (409).
 */
export async function releaseDormantNumber(
  deps: ServiceDeps,
  q: Queryable,
  lookup: Buffer,
  exceptMemberId?: number,
): Promise<void> {
  const holder = await accountByMobile(q, lookup, true);
  if (!holder || holder.member_id === exceptMemberId) return;
  if (!isDormant(deps, holder)) fail("conflict", "this mobile number belongs to another member", "mobile");
  await setAccountMobile(deps, q, holder, null);
}
