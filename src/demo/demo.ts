import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TOTP, URI } from "otpauth";
import { createStaff, enrolTotpFor } from "../auth/staff.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Role } from "../domain/access.ts";
import { residentIdCheckChar } from "../domain/identity.ts";
import { installPresets } from "../plans/presets.ts";
import type { DemoPerson } from "./demo-api.ts";
import { type AppBuilder, buildDemoHistory, type DemoHistory } from "./history.ts";

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

/** The demo's people: eight adults (the first a guardian) and a child; fictitious IDs. */
const ADULTS: DemoPerson[] = [
  { name: "张伟", mobile: "13800138000", residentId: demoId("1988-03-15", 11) },
  { name: "王芳", mobile: "13800138001", residentId: demoId("1975-11-02", 22) },
  { name: "李娜", mobile: "13800138002", residentId: demoId("1992-07-30", 34) },
  { name: "刘洋", mobile: "13800138003", residentId: demoId("1985-01-20", 45) },
  { name: "陈静", mobile: "13800138004", residentId: demoId("1990-09-09", 56) },
  { name: "杨磊", mobile: "13800138005", residentId: demoId("1983-04-04", 67) },
  { name: "赵敏", mobile: "13800138006", residentId: demoId("1995-12-12", 78) },
  { name: "黄强", mobile: "13800138007", residentId: demoId("1979-06-06", 89) },
];
const CHILD = { name: "张小雨", residentId: demoId("2018-08-08", 92) };

/**
 * On first start: every preset plan, staff accounts with random passwords (kept in the data dir,
 * mode 0600, so they can be shown again) with a TOTP second factor (its otpauth URI kept beside the
 * password; its current code from `huzhu staff totp <username>`), and demo members who sign in by OTP,
 * with a lived history (src/demo/history.ts): plans joined, a child enrolled, past cycles, a paid
 * claim, a claim under appeal, an open proposal. A history that stops (a bug) is logged; the server
 * still starts.
 */
export async function ensureDemoData(
  deps: ServiceDeps,
  buildApp: AppBuilder,
): Promise<{ logins: DemoLogin[]; members: string[]; created: boolean; history?: DemoHistory }> {
  const file = join(deps.dataDir, "demo-logins.json");
  const members = ADULTS.map((p) => p.mobile);
  if (existsSync(file)) return { logins: await withSecondFactors(deps, file), members, created: false };
  await installPresets(deps.pool);
  const logins: DemoLogin[] = [];
  for (const [username, roles] of STAFF) {
    const password = randomBytes(12).toString("base64url");
    const { totpUri } = await createStaff(deps, username, password, roles);
    logins.push({ username, password, roles, totpUri });
  }
  // written first: a second start never builds the history again, whatever happened to it
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  const history = await buildDemoHistory(deps, buildApp, logins, { adults: ADULTS, child: CHILD }).catch(
    (e) => {
      deps.logger.error({ err: String(e) }, "the demo history stopped");
      return undefined;
    },
  );
  return { logins, members, created: true, ...(history ? { history } : {}) };
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
