import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TOTP, URI } from "otpauth";
import { createStaff, enrolTotpFor } from "../auth/staff.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Role } from "../domain/access.ts";
import { residentIdCheckChar } from "../domain/identity.ts";
import { insertPerson } from "../members/register.ts";
import { installPresets } from "../plans/presets.ts";
import { withTransaction } from "../store/db.ts";

/** A demo staff login; `totpUri` is the second factor's otpauth URI (its codes: `huzhu staff totp`). */
export type DemoLogin = { username: string; password: string; roles: Role[]; totpUri?: string };

const STAFF: Array<[string, Role[]]> = [
  ["admin", ["admin"]],
  ["operator", ["operator"]],
  ["reviewer", ["reviewer"]],
  ["investigator", ["investigator"]],
  ["auditor", ["auditor"]],
];

/** A fictitious resident ID with a valid check character (region 110105, Beijing Chaoyang). */
function demoId(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/**
 * On first start: every preset plan, staff accounts with random passwords (kept in the data dir,
 * mode 0600, so they can be shown again) with a TOTP second factor (its otpauth URI kept beside the
 * password; its current code from `huzhu staff totp <username>`), and a few demo members who sign in
 * by OTP.
 */
export async function ensureDemoData(
  deps: ServiceDeps,
): Promise<{ logins: DemoLogin[]; members: string[]; created: boolean }> {
  const file = join(deps.dataDir, "demo-logins.json");
  const members = ["13800138000", "13800138001", "13800138002"];
  if (existsSync(file)) return { logins: await withSecondFactors(deps, file), members, created: false };
  await installPresets(deps.pool);
  const logins: DemoLogin[] = [];
  for (const [username, roles] of STAFF) {
    const password = randomBytes(12).toString("base64url");
    const { totpUri } = await createStaff(deps, username, password, roles);
    logins.push({ username, password, roles, totpUri });
  }
  const people = [
    { name: "张伟", mobile: members[0]!, id: demoId("1988-03-15", 11) },
    { name: "王芳", mobile: members[1]!, id: demoId("1975-11-02", 22) },
    { name: "李娜", mobile: members[2]!, id: demoId("1992-07-30", 34) },
  ];
  await withTransaction(deps.pool, async (tx) => {
    for (const p of people)
      await insertPerson(deps, tx, { name: p.name, residentId: p.id, mobile: p.mobile, kind: "member" });
  });
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return { logins, members, created: true };
}

/** The demo logins of a data dir made before second factors get one each (development only). */
async function withSecondFactors(deps: ServiceDeps, file: string): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = JSON.parse(readFileSync(file, "utf8"));
  if (deps.production || logins.every((l) => l.totpUri)) return logins;
  for (const l of logins) l.totpUri ??= await enrolTotpFor(deps, l.username);
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

/**
 * The current second-factor code of a demo staff login, from the data dir's demo file (no database:
 * it works while the server holds the embedded one); undefined for an account that is not a demo one.
 */
export function demoTotpCode(
  dataDir: string,
  username: string,
  nowMs: number,
): { code: string; validSeconds: number } | undefined {
  const file = join(dataDir, "demo-logins.json");
  if (!existsSync(file)) return undefined;
  const login = (JSON.parse(readFileSync(file, "utf8")) as DemoLogin[]).find((l) => l.username === username);
  if (!login?.totpUri) return undefined;
  const totp = URI.parse(login.totpUri) as TOTP;
  return {
    code: totp.generate({ timestamp: nowMs }),
    validSeconds: Math.ceil(totp.remaining({ timestamp: nowMs }) / 1000),
  };
}
