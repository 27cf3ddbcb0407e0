import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { parseMobile } from "../domain/identity.ts";
import { fail, ProblemError } from "../errors.ts";
import { limits } from "../limits.ts";
import { lookupHash } from "../secrets.ts";
import { authRepository, type OtpChallenge } from "./auth.repository.ts";
import { clearThrottle, forgiveAttempt, type ThrottleKey, throttle } from "./throttle.ts";

const rules = limits.authThrottle;

// Keyed: a dump of otp_codes does not give the codes away by trying all 10⁶ of them.
const codeHash = (deps: ServiceDeps, lookup: Buffer, code: string): Buffer =>
  createHmac("sha256", deps.secrets.lookupKey)
    .update(`otp:${lookup.toString("hex")}:${code}`)
    .digest();

// A challenge id is a bearer secret of its request: only its keyed hash is stored.
const challengeHash = (deps: ServiceDeps, challengeId: string): Buffer =>
  createHmac("sha256", deps.secrets.lookupKey).update(`otp-challenge:${challengeId}`).digest();

/** A challenge of this number as the statements match it: live now, with tries left. */
const liveChallenge = (deps: ServiceDeps, lookup: Buffer, challengeId: string): OtpChallenge => ({
  challengeHash: challengeHash(deps, challengeId),
  lookup,
  now: new Date(deps.clock.now()),
  attemptsMax: limits.otpAttemptsMax,
});

const mobileKey = (lookup: Buffer) => lookup.toString("hex");

/** The throttles a check of a code for this number from this address counts against. */
export const codeCheckKeys = (lookup: Buffer, ip: string): ThrottleKey[] => [
  { key: `code-check:${mobileKey(lookup)}:${ip}`, rule: rules.codeCheckPerMobileAddress },
  { key: `code-check:${ip}`, rule: rules.codeCheckPerAddress },
];

/**
 * Sends a one-time code to a mobile number through the SMS port (throttled per number and address) and
 * answers the requester alone an unguessable challenge id: the code is checked only with it, so
 * whatever a stranger tries or requests for the same number leaves this code alone.
 */
export async function requestOtp(
  deps: ServiceDeps,
  mobileInput: unknown,
  ip: string,
): Promise<{ challengeId: string }> {
  const mobile = parseMobile(mobileInput);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  const lookup = lookupHash(deps.secrets, "mobile", mobile.value);
  await throttle(deps, [
    { key: `code-request:${mobileKey(lookup)}:${ip}`, rule: rules.codeRequestPerMobileAddress },
    { key: `code-request:${ip}`, rule: rules.codeRequestPerAddress },
  ]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const challengeId = randomBytes(limits.otpChallengeBytes).toString("base64url");
  const now = deps.clock.now();
  await authRepository.insertOtp(deps.pool, {
    lookup,
    challengeHash: challengeHash(deps, challengeId),
    codeHash: codeHash(deps, lookup, code),
    expiresAt: new Date(now + limits.otpValidSeconds * 1000),
  });
  await deps.sms.send(
    deps.pool,
    mobile.value,
    `【互助】验证码 ${code}，${limits.otpValidSeconds / 60} 分钟内有效。`,
    new Date(now),
  );
  return { challengeId };
}

/** What proves a number: the challenge its code request answered, and the code sent to it. */
export type OtpProof = { readonly challengeId: string; readonly code: string };

/**
 * Checks a code against its own challenge (for this number, live) and consumes it if right. Every check
 * is counted in its own committed statement, with the cap in the same UPDATE, so nothing that fails
 * later rolls the count back and concurrent guesses get exactly otpAttemptsMax checks; then the code is
 * dead. Only the challenge's holder can count against it: other codes of the number are untouched.
 */
export async function consumeOtp(deps: ServiceDeps, mobile: string, proof: OtpProof): Promise<void> {
  const lookup = lookupHash(deps.secrets, "mobile", mobile);
  const otp = await authRepository.countOtpCheck(deps.pool, liveChallenge(deps, lookup, proof.challengeId));
  const code = proof.code;
  if (!otp)
    return fail("invalid_code", "no valid code for this challenge and number; request a new one", "code");
  const given = codeHash(deps, lookup, code);
  if (!(otp.codeHash.length === given.length && timingSafeEqual(otp.codeHash, given)))
    return fail("invalid_code", "the code is wrong", "code");
  // Two right answers at once: only one consumes it.
  if (!(await authRepository.useOtp(deps.pool, otp.otpId)))
    fail("invalid_code", "this code was already used; request a new one", "code");
}

/** Whether a challenge is open for this number: live, unused, with tries left. */
async function challengeOpen(deps: ServiceDeps, lookup: Buffer, challengeId: string): Promise<boolean> {
  return authRepository.otpOpen(deps.pool, liveChallenge(deps, lookup, challengeId));
}

/**
 * A code check by a caller at an address: throttled per number and address (a stranger elsewhere does
 * not slow the owner down), counted, consumed. A check of an open challenge is never held back: its own
 * cap of otpAttemptsMax bounds guessing, and so a stranger behind the same address (a carrier's shared
 * NAT) who runs the address's allowance down cannot delay the owner's sign-in; unknown or dead
 * challenges wait. A success forgets the owner's throttle and gives back the address's attempt, so many
 * people signing in behind one address do not slow each other.
 */
export async function proveMobile(
  deps: ServiceDeps,
  mobile: string,
  proof: OtpProof,
  ip: string,
): Promise<Buffer> {
  const lookup = lookupHash(deps.secrets, "mobile", mobile);
  try {
    await throttle(deps, codeCheckKeys(lookup, ip));
  } catch (e) {
    const waiting = e instanceof ProblemError && e.problem.code === "rate_limited";
    if (!(waiting && (await challengeOpen(deps, lookup, proof.challengeId)))) throw e;
  }
  await consumeOtp(deps, mobile, proof);
  const [pair, address] = codeCheckKeys(lookup, ip);
  await clearThrottle(deps, pair!.key);
  await forgiveAttempt(deps, address!.key);
  return lookup;
}
