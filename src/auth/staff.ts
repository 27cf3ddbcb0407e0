import { Secret, TOTP } from "otpauth";
import type { ServiceDeps } from "../deps.ts";
import type { Role } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { decryptPersonal, encryptPersonal } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { authRepository, type StaffAccount } from "./auth.repository.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { endAllSessions, issueToken } from "./session.ts";
import { clearThrottle, forgiveAttempt, throttle } from "./throttle.ts";

const totpOf = (username: string, secretBase32: string) =>
  new TOTP({ issuer: "huzhu", label: username, secret: Secret.fromBase32(secretBase32) });

/** A fresh TOTP secret, stored encrypted; its otpauth URI (for an authenticator app) is shown once. */
async function enrolTotp(
  deps: ServiceDeps,
  q: Queryable,
  staffId: number,
  username: string,
): Promise<string> {
  const secret = new Secret({ size: 20 });
  await authRepository.setTotp(q, staffId, encryptPersonal(deps.secrets, secret.base32));
  return totpOf(username, secret.base32).toString();
}

/** A staff account with a password and a second factor; the otpauth URI is given only here. */
export async function createStaff(
  deps: ServiceDeps,
  username: string,
  password: string,
  roles: readonly Role[],
): Promise<{ staffId: number; totpUri: string }> {
  const hash = await hashPassword(password);
  const staffId = await authRepository.insertStaff(deps.pool, { username, passwordHash: hash, roles });
  if (staffId === undefined) return fail("conflict", `a staff account "${username}" exists`, "username");
  return { staffId, totpUri: await enrolTotp(deps, deps.pool, staffId, username) };
}

/** Accepts a TOTP code once: its time step must be later than the last one accepted. */
async function acceptTotp(
  deps: ServiceDeps,
  staff: StaffAccount,
  username: string,
  code: string | undefined,
) {
  if (!staff.totpCipher || code === undefined) return false;
  const totp = totpOf(username, decryptPersonal(deps.secrets, staff.totpCipher));
  // an authenticator app keeps the real time, not the development clock's
  const timestamp = deps.clock.realNow?.() ?? deps.clock.now();
  const delta = totp.validate({ token: code, timestamp, window: limits.totpWindowSteps });
  if (delta === null) return false;
  const step = totp.counter({ timestamp }) + delta;
  return authRepository.advanceTotpStep(deps.pool, staff.staffId, step);
}

const staffKeys = (username: string, ip: string) => [
  { key: `staff:${username}:${ip}`, rule: limits.authThrottle.staffPerUserAddress },
  { key: `staff:${ip}`, rule: limits.authThrottle.staffPerAddress },
];

/** Password and TOTP code; throttled per account and address, so a stranger cannot lock staff out. */
export async function staffLogin(
  deps: ServiceDeps,
  input: { username: string; password: string; totp?: string | undefined },
  ip: string,
) {
  await throttle(deps, staffKeys(input.username, ip));
  const staff = await authRepository.staffByUsername(deps.pool, input.username);
  // Verify even for an unknown user, so timing does not reveal which usernames exist.
  const okPassword = await verifyPassword(
    input.password,
    staff?.passwordHash ?? "scrypt$16384$8$1$AAAA$AAAA",
  );
  if (!staff || !okPassword || !(await acceptTotp(deps, staff, input.username, input.totp)))
    return fail("invalid_credentials", "wrong username, password or second-factor code");
  const [pair, address] = staffKeys(input.username, ip);
  await clearThrottle(deps, pair!.key);
  await forgiveAttempt(deps, address!.key); // colleagues behind one address do not slow each other
  if (staff.disabledAt) return fail("account_disabled", "this staff account is disabled");
  return {
    ...(await issueToken(deps, deps.pool, "staff", staff.staffId)),
    roles: staff.roles,
  };
}

/** An admin disables (every session ends at once) or re-enables a staff account; not their own. */
export async function setStaffDisabled(
  deps: ServiceDeps,
  adminId: number,
  staffId: number,
  disabled: boolean,
): Promise<{ staffId: number; username: string; roles: Role[]; disabled: boolean }> {
  if (staffId === adminId)
    fail("conflict", "an admin cannot disable or re-enable their own account", "staffId");
  const account = await authRepository.setStaffDisabled(
    deps.pool,
    staffId,
    disabled,
    new Date(deps.clock.now()),
  );
  if (!account) return fail("not_found", `no staff account ${staffId}`);
  if (disabled) await endAllSessions(deps.pool, "staff", staffId);
  return { staffId, username: account.username, roles: account.roles, disabled };
}

/** A new second factor for an existing account (the demo's accounts from before second factors). */
export async function enrolTotpFor(deps: ServiceDeps, username: string): Promise<string> {
  const staff = await authRepository.staffByUsername(deps.pool, username);
  if (!staff) return fail("not_found", `no staff account "${username}"`, "username");
  return enrolTotp(deps, deps.pool, staff.staffId, username);
}
