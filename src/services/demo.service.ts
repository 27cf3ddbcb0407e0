import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { residentIdCheckChar } from "../domain/identity.ts";
import type { Role } from "../http/policy.ts";
import { encryptPersonalRecord, lookupHash, pseudonymOf } from "../secrets.ts";
import { withTransaction } from "../store/db.ts";
import type { ServiceDeps } from "./deps.ts";
import { installPresets } from "./plans.service.ts";
import { createStaff } from "./staff.service.ts";

export type DemoLogin = { username: string; password: string; roles: Role[] };

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
 * mode 0600, so they can be shown again) with a TOTP second factor (its current code from
 * `huzhu staff totp <username>` in development), and a few demo members who sign in by OTP.
 */
export async function ensureDemoData(
  deps: ServiceDeps,
): Promise<{ logins: DemoLogin[]; members: string[]; created: boolean }> {
  const file = join(deps.dataDir, "demo-logins.json");
  const members = ["13800138000", "13800138001", "13800138002"];
  if (existsSync(file)) return { logins: JSON.parse(readFileSync(file, "utf8")), members, created: false };
  await installPresets(deps.pool);
  const logins: DemoLogin[] = [];
  for (const [username, roles] of STAFF) {
    const password = randomBytes(12).toString("base64url");
    await createStaff(deps, username, password, roles);
    logins.push({ username, password, roles });
  }
  const people = [
    { name: "张伟", mobile: members[0]!, id: demoId("1988-03-15", 11) },
    { name: "王芳", mobile: members[1]!, id: demoId("1975-11-02", 22) },
    { name: "李娜", mobile: members[2]!, id: demoId("1992-07-30", 34) },
  ];
  await withTransaction(deps.pool, async (tx) => {
    for (const p of people) {
      const { rows } = await tx.query<{ member_id: number }>(
        `INSERT INTO members (kind, id_lookup, personal_cipher, id_masked, name_masked, mobile_lookup, mobile_masked, birth_date, sex, pseudonym)
         VALUES ('member', $1, $2, $3, $4, $5, $6, $7, $8, 'pending') RETURNING member_id`,
        [
          lookupHash(deps.secrets, "resident_id", p.id),
          encryptPersonalRecord(deps.secrets, { residentId: p.id, name: p.name, mobile: p.mobile }),
          `${p.id.slice(0, 4)}**********${p.id.slice(-4)}`,
          `${p.name[0]}*`,
          lookupHash(deps.secrets, "mobile", p.mobile),
          `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`,
          `${p.id.slice(6, 10)}-${p.id.slice(10, 12)}-${p.id.slice(12, 14)}`,
          Number(p.id[16]) % 2 === 1 ? "male" : "female",
        ],
      );
      await tx.query("UPDATE members SET pseudonym = $2 WHERE member_id = $1", [
        rows[0]!.member_id,
        pseudonymOf(deps.secrets, rows[0]!.member_id),
      ]);
    }
  });
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return { logins, members, created: true };
}
