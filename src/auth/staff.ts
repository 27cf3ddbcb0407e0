import { Secret, TOTP } from "otpauth";
import type { ServiceDeps } from "../deps.ts";
import type { Role } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { decryptPersonal, encryptPersonal } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
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
  await q.query("UPDATE staff SET totp_cipher = $2, totp_last_step = NULL WHERE staff_id = $1", [
    staffId,
    encryptPersonal(deps.secrets, secret.base32),
  ]);
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
  const { rows } = await deps.pool.query<{ staff_id: number }>(
    "INSERT INTO staff (username, password_hash, roles) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING staff_id",
    [username, hash, roles],
  );
  if (!rows[0]) return fail("conflict", `a staff account "${username}" exists`, "username");
  const staffId = Number(rows[0].staff_id);
  return { staffId, totpUri: await enrolTotp(deps, deps.pool, staffId, username) };
}

type StaffRow = {
  staff_id: number;
  password_hash: string;
  roles: Role[];
  totp_cipher: Buffer | null;
  disabled_at: Date | null;
};

/** Accepts a TOTP code once: its time step must be later than the last one accepted. */
async function acceptTotp(deps: ServiceDeps, staff: StaffRow, username: string, code: string | undefined) {
  if (!staff.totp_cipher || code === undefined) return false;
  const totp = totpOf(username, decryptPersonal(deps.secrets, staff.totp_cipher));
  // an authenticator app keeps the real time, not the development clock's
  const timestamp = deps.clock.realNow?.() ?? deps.clock.now();
  const delta = totp.validate({ token: code, timestamp, window: limits.totpWindowSteps });
  if (delta === null) return false;
  const step = totp.counter({ timestamp }) + delta;
  const r = await deps.pool.query(
    "UPDATE staff SET totp_last_step = $2 WHERE staff_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
    [staff.staff_id, step],
  );
  return r.rowCount === 1;
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
  const { rows } = await deps.pool.query<StaffRow>(
    "SELECT staff_id, password_hash, roles, totp_cipher, disabled_at FROM staff WHERE username = $1",
    [input.username],
  );
  const staff = rows[0];
  // Verify even for an unknown user, so timing does not reveal which usernames exist.
  const okPassword = await verifyPassword(
    input.password,
    staff?.password_hash ?? "scrypt$16384$8$1$AAAA$AAAA",
  );
  if (!staff || !okPassword || !(await acceptTotp(deps, staff, input.username, input.totp)))
    return fail("invalid_credentials", "wrong username, password or second-factor code");
  const [pair, address] = staffKeys(input.username, ip);
  await clearThrottle(deps, pair!.key);
  await forgiveAttempt(deps, address!.key); // colleagues behind one address do not slow each other
  if (staff.disabled_at) return fail("account_disabled", "this staff account is disabled");
  return {
    ...(await issueToken(deps, deps.pool, "staff", Number(staff.staff_id))),
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
  const { rows } = await deps.pool.query<{ username: string; roles: Role[] }>(
    "UPDATE staff SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, $3) END WHERE staff_id = $1 RETURNING username, roles",
    [staffId, disabled, new Date(deps.clock.now())],
  );
  if (!rows[0]) return fail("not_found", `no staff account ${staffId}`);
  if (disabled) await endAllSessions(deps.pool, "staff", staffId);
  return { staffId, username: rows[0].username, roles: rows[0].roles, disabled };
}

/** A new second factor for an existing account (the demo's accounts from before second factors). */
export async function enrolTotpFor(deps: ServiceDeps, username: string): Promise<string> {
  const { rows } = await deps.pool.query<{ staff_id: number }>(
    "SELECT staff_id FROM staff WHERE username = $1",
    [username],
  );
  if (!rows[0]) return fail("not_found", `no staff account "${username}"`, "username");
  return enrolTotp(deps, deps.pool, Number(rows[0].staff_id), username);
}
