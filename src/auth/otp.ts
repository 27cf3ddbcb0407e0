import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { parseMobile } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { lookupHash } from "../secrets.ts";
import { clearThrottle, forgiveAttempt, type ThrottleKey, throttle } from "./throttle.ts";

const rules = limits.authThrottle;

// Keyed: a dump of otp_codes does not give the codes away by trying all 10⁶ of them.
const codeHash = (deps: ServiceDeps, lookup: Buffer, code: string): Buffer =>
  createHmac("sha256", deps.secrets.lookupKey)
    .update(`otp:${lookup.toString("hex")}:${code}`)
    .digest();

const mobileKey = (lookup: Buffer) => lookup.toString("hex");

/** The throttles a check of a code for this number from this address counts against. */
export const codeCheckKeys = (lookup: Buffer, ip: string): ThrottleKey[] => [
  { key: `code-check:${mobileKey(lookup)}:${ip}`, rule: rules.codeCheckPerMobileAddress },
  { key: `code-check:${ip}`, rule: rules.codeCheckPerAddress },
];

/** Sends a one-time code to a mobile number through the SMS port (throttled per number and address). */
export async function requestOtp(deps: ServiceDeps, mobileInput: unknown, ip: string): Promise<void> {
  const mobile = parseMobile(mobileInput);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  const lookup = lookupHash(deps.secrets, "mobile", mobile.value);
  await throttle(deps, [
    { key: `code-request:${mobileKey(lookup)}:${ip}`, rule: rules.codeRequestPerMobileAddress },
    { key: `code-request:${ip}`, rule: rules.codeRequestPerAddress },
  ]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = deps.clock.now();
  await deps.pool.query("INSERT INTO otp_codes (mobile_lookup, code_hash, expires_at) VALUES ($1, $2, $3)", [
    lookup,
    codeHash(deps, lookup, code),
    new Date(now + limits.otpValidSeconds * 1000),
  ]);
  await deps.sms.send(
    deps.pool,
    mobile.value,
    `【互助】验证码 ${code}，${limits.otpValidSeconds / 60} 分钟内有效。`,
    new Date(now),
  );
}

/**
 * Checks a code against the newest live code of a number and consumes it if right. Every check is
 * counted in its own committed statement, with the cap in the same UPDATE, so nothing that fails later
 * rolls the count back and concurrent guesses get exactly otpAttemptsMax checks; then the code is dead.
 * `_q` is kept for callers that pass their transaction: the count must not be part of it.
 */
export async function consumeOtp(
  deps: ServiceDeps,
  _q: unknown,
  mobile: string,
  code: string,
): Promise<void> {
  const lookup = lookupHash(deps.secrets, "mobile", mobile);
  const { rows } = await deps.pool.query<{ otp_id: number; code_hash: Buffer }>(
    `UPDATE otp_codes SET attempts = attempts + 1
      WHERE otp_id = (SELECT otp_id FROM otp_codes WHERE mobile_lookup = $1 AND expires_at > $2
                       ORDER BY otp_id DESC LIMIT 1)
        AND NOT used AND attempts < $3
      RETURNING otp_id, code_hash`,
    [lookup, new Date(deps.clock.now()), limits.otpAttemptsMax],
  );
  const otp = rows[0];
  if (!otp) return fail("invalid_code", "no valid code for this number; request a new one", "code");
  const given = codeHash(deps, lookup, code);
  if (!(otp.code_hash.length === given.length && timingSafeEqual(otp.code_hash, given)))
    return fail("invalid_code", "the code is wrong", "code");
  // Two right answers at once: only one consumes it.
  const used = await deps.pool.query("UPDATE otp_codes SET used = true WHERE otp_id = $1 AND NOT used", [
    otp.otp_id,
  ]);
  if (used.rowCount !== 1) fail("invalid_code", "this code was already used; request a new one", "code");
}

/**
 * A code check by a caller at an address: throttled per number and address (a stranger elsewhere does
 * not slow the owner down), counted, consumed. A success forgets the owner's throttle and gives back
 * the address's attempt, so many people signing in behind one address do not slow each other.
 */
export async function proveMobile(
  deps: ServiceDeps,
  mobile: string,
  code: string,
  ip: string,
): Promise<Buffer> {
  const lookup = lookupHash(deps.secrets, "mobile", mobile);
  await throttle(deps, codeCheckKeys(lookup, ip));
  await consumeOtp(deps, undefined, mobile, code);
  const [pair, address] = codeCheckKeys(lookup, ip);
  await clearThrottle(deps, pair!.key);
  await forgiveAttempt(deps, address!.key);
  return lookup;
}
