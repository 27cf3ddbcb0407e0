import { createHash, randomBytes, randomInt } from "node:crypto";
import { parseMobile } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import type { Principal, Role } from "../http/policy.ts";
import { limits } from "../limits.ts";
import { lookupHash } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import type { ServiceDeps } from "./deps.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** Counts an attempt in a bucket and refuses past the per-minute limit (shared by every process). */
export async function rateLimit(
  deps: ServiceDeps,
  bucket: string,
  perMinute: number = limits.loginAttemptsPerMinute,
): Promise<void> {
  const now = new Date(deps.clock.now());
  const { rows } = await deps.pool.query<{ n: number }>(
    `WITH ins AS (INSERT INTO login_attempts (bucket, at) VALUES ($1, $2))
     SELECT count(*)::int AS n FROM login_attempts WHERE bucket = $1 AND at > $2::timestamptz - interval '1 minute'`,
    [bucket, now],
  );
  if ((rows[0]?.n ?? 0) >= perMinute) fail("rate_limited", "too many sign-in attempts; wait a minute");
}

async function issueToken(
  deps: ServiceDeps,
  q: Queryable,
  kind: "member" | "staff",
  id: number,
  roles: readonly Role[],
) {
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(deps.clock.now() + limits.sessionHours * 3_600_000);
  await q.query(
    "INSERT INTO sessions (token_hash, principal_kind, principal_id, roles, expires_at) VALUES ($1, $2, $3, $4, $5)",
    [sha256(token), kind, id, roles, expires],
  );
  return { token, expiresAt: expires.toISOString() };
}

export async function authenticate(deps: ServiceDeps, token: string): Promise<Principal | undefined> {
  const { rows } = await deps.pool.query<{
    principal_kind: "member" | "staff";
    principal_id: number;
    roles: Role[];
  }>("SELECT principal_kind, principal_id, roles FROM sessions WHERE token_hash = $1 AND expires_at > $2", [
    sha256(token),
    new Date(deps.clock.now()),
  ]);
  const r = rows[0];
  return r ? { kind: r.principal_kind, id: r.principal_id, roles: r.roles } : undefined;
}

export async function createStaff(
  deps: ServiceDeps,
  username: string,
  password: string,
  roles: readonly Role[],
): Promise<number> {
  const hash = await hashPassword(password);
  const { rows } = await deps.pool.query<{ staff_id: number }>(
    "INSERT INTO staff (username, password_hash, roles) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING staff_id",
    [username, hash, roles],
  );
  if (!rows[0]) fail("conflict", `a staff account "${username}" exists`, "username");
  return rows[0]!.staff_id;
}

export async function staffLogin(deps: ServiceDeps, username: string, password: string, ip: string) {
  await rateLimit(deps, `staff:${username}`);
  await rateLimit(deps, `ip:${ip}`, limits.loginAttemptsPerIpPerMinute);
  const { rows } = await deps.pool.query<{ staff_id: number; password_hash: string; roles: Role[] }>(
    "SELECT staff_id, password_hash, roles FROM staff WHERE username = $1",
    [username],
  );
  const staff = rows[0];
  // Verify even for an unknown user, so timing does not reveal which usernames exist.
  const okPassword = await verifyPassword(password, staff?.password_hash ?? "scrypt$16384$8$1$AAAA$AAAA");
  if (!staff || !okPassword) fail("invalid_credentials", "wrong username or password");
  return {
    ...(await issueToken(deps, deps.pool, "staff", staff!.staff_id, staff!.roles)),
    roles: staff!.roles,
  };
}

/** Sends a one-time code to a mobile number through the SMS port. */
export async function requestOtp(deps: ServiceDeps, mobileInput: unknown, ip: string): Promise<void> {
  const mobile = parseMobile(mobileInput);
  if (!mobile.ok) fail(mobile.error.code, mobile.error.message, "mobile");
  const m = mobile.ok ? mobile.value : "";
  const lookup = lookupHash(deps.secrets, "mobile", m);
  await rateLimit(deps, `otp:${lookup.toString("hex")}`);
  await rateLimit(deps, `ip:${ip}`, limits.loginAttemptsPerIpPerMinute);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = deps.clock.now();
  await deps.pool.query("INSERT INTO otp_codes (mobile_lookup, code_hash, expires_at) VALUES ($1, $2, $3)", [
    lookup,
    sha256(`${lookup.toString("hex")}:${code}`),
    new Date(now + limits.otpValidSeconds * 1000),
  ]);
  await deps.sms.send(
    deps.pool,
    m,
    `【互助】验证码 ${code}，${limits.otpValidSeconds / 60} 分钟内有效。`,
    new Date(now),
  );
}

/** Consumes a valid one-time code for a mobile number; refuses a wrong, used or expired one. */
export async function consumeOtp(
  deps: ServiceDeps,
  q: Queryable,
  mobile: string,
  code: string,
): Promise<void> {
  const lookup = lookupHash(deps.secrets, "mobile", mobile);
  const { rows } = await q.query<{ otp_id: number; code_hash: Buffer; attempts: number }>(
    `SELECT otp_id, code_hash, attempts FROM otp_codes
     WHERE mobile_lookup = $1 AND NOT used AND expires_at > $2 ORDER BY otp_id DESC LIMIT 1 FOR UPDATE`,
    [lookup, new Date(deps.clock.now())],
  );
  const otp = rows[0];
  if (!otp || otp.attempts >= limits.otpAttemptsMax)
    fail("invalid_code", "no valid code for this number; request a new one", "code");
  const match = otp!.code_hash.equals(sha256(`${lookup.toString("hex")}:${code}`));
  await q.query("UPDATE otp_codes SET attempts = attempts + 1, used = used OR $2 WHERE otp_id = $1", [
    otp!.otp_id,
    match,
  ]);
  if (!match) fail("invalid_code", "the code is wrong", "code");
}

export async function memberLogin(deps: ServiceDeps, mobileInput: unknown, code: string) {
  const mobile = parseMobile(mobileInput);
  if (!mobile.ok) return fail(mobile.error.code, mobile.error.message, "mobile");
  await consumeOtp(deps, deps.pool, mobile.value, code);
  const { rows } = await deps.pool.query<{ member_id: number }>(
    "SELECT member_id FROM members WHERE mobile_lookup = $1",
    [lookupHash(deps.secrets, "mobile", mobile.value)],
  );
  if (!rows[0]) return fail("not_found", "no member with this mobile number; register first", "mobile");
  return {
    ...(await issueToken(deps, deps.pool, "member", rows[0].member_id, ["member"])),
    memberId: rows[0].member_id,
  };
}

export { issueToken };
