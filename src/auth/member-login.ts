import type { ServiceDeps } from "../deps.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { maskMobile, parseMobile, parseResidentId } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { lookupHashes } from "../secrets.ts";
import { withTransaction } from "../store/db.ts";
import { type Account, authRepository } from "./auth.repository.ts";
import {
  isDormant,
  realNameMatches,
  recordOf,
  releaseDormantNumber,
  setAccountMobile,
} from "./member-account.ts";
import { type OtpProof, proveMobile } from "./otp.ts";
import { issueToken } from "./session.ts";
import { throttle } from "./throttle.ts";

type RealName = { name?: string | undefined; residentId?: string | undefined };

/** What a caller who proved a number may still try (resident-ID guesses): keyed by that number alone. */
export const provenThrottle = (purpose: string, lookup: Buffer) => ({
  key: `${purpose}:${lookup.toString("hex")}`,
  rule: limits.authThrottle.provenPerMobile,
});

async function requireRealName(deps: ServiceDeps, account: Account, lookup: Buffer, given: RealName) {
  if (given.name === undefined || given.residentId === undefined)
    fail(
      "real_name_required",
      `this number has not signed in for over ${limits.mobileDormantDays} days and may have a new owner: ` +
        "request a new code and sign in with it, your name and your resident ID (a new owner of the number registers)",
    );
  await throttle(deps, [provenThrottle("real-name", lookup)]);
  if (!realNameMatches(deps, account, given.name!, given.residentId!))
    fail("real_name_mismatch", "the name and resident ID do not match this account");
}

/** A member signs in with a code; a number dormant for months needs the real-name check too. */
export async function memberLogin(
  deps: ServiceDeps,
  input: { mobile: unknown } & OtpProof & RealName,
  ip: string,
) {
  const mobile = parseMobile(input.mobile);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  const lookup = await proveMobile(deps, mobile.value, input, ip);
  // every live key version: a rotation may not have recomputed this account's hash yet
  const account = await authRepository.accountByMobile(
    deps.pool,
    lookupHashes(deps.secrets, "mobile", mobile.value),
  );
  if (!account) return fail("not_found", "no member with this mobile number; register first", "mobile");
  if (isDormant(deps, account)) await requireRealName(deps, account, lookup, input);
  await authRepository.markMobileUsed(deps.pool, account.memberId, new Date(deps.clock.now()));
  return {
    ...(await issueToken(deps, deps.pool, "member", account.memberId)),
    memberId: account.memberId,
  };
}

/**
 * A member moves their account to a new number: a code to the new number and the real-name check.
 * Every session of the account ends (whoever holds the old number is signed out) and the old number is
 * told; a new number still held by a dormant account is taken from it, one in use is refused (409).
 */
export async function changeMobile(
  deps: ServiceDeps,
  input: { mobile: unknown; name: string; residentId: string } & OtpProof,
  ip: string,
) {
  const mobile = parseMobile(input.mobile);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  const id = parseResidentId(input.residentId, civilDateOfInstant(deps.clock.now()));
  if (!id.ok) return fail(id.error.code, id.error.message, "residentId");
  const lookup = await proveMobile(deps, mobile.value, input, ip);
  await throttle(deps, [provenThrottle("real-name", lookup)]);
  return withTransaction(deps.pool, async (tx) => {
    const account = await authRepository.lockAccountByResidentId(
      tx,
      lookupHashes(deps.secrets, "resident_id", id.value.id),
    );
    // One answer for "no such person" and "wrong name": the check is no resident-ID oracle.
    if (!account || !realNameMatches(deps, account, input.name, input.residentId))
      return fail("real_name_mismatch", "the name and resident ID do not match an account");
    await releaseDormantNumber(
      deps,
      tx,
      lookupHashes(deps.secrets, "mobile", mobile.value),
      account.memberId,
    );
    const old = recordOf(deps, account).mobile;
    await setAccountMobile(deps, tx, account, {
      value: mobile.value,
      lookup,
      masked: maskMobile(mobile.value),
    });
    if (old && old !== mobile.value)
      await deps.sms.send(
        tx,
        old,
        `【互助】您的账户已改用手机号 ${maskMobile(mobile.value)}。如非本人操作，请立即联系平台。`,
        new Date(deps.clock.now()),
      );
    return {
      ...(await issueToken(deps, tx, "member", account.memberId)),
      memberId: account.memberId,
    };
  });
}
