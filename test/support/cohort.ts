import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { civilDate } from "../../src/domain/calendar.ts";
import { importMembers } from "../../src/import/import.ts";
import { registerMember, residentId, type TestApp } from "./app.ts";

const dir = mkdtempSync(join(tmpdir(), "huzhu-cycles-"));

/** n members born on `born`, joined `joined`, in a plan, loaded through the import path. */
export async function cohort(
  t: TestApp,
  n: number,
  born: string,
  joined: string,
  plan: string,
  seq0: number,
) {
  // A prepaid plan takes no imported member since issue 17 (no first deposit): see prepaidCohort.
  if (plan === "shuidi") return prepaidCohort(t, n, born, joined, plan, seq0);
  const lines = ["name,mobile,resident_id,plan_id,tier,joined_on"];
  for (let i = 0; i < n; i++)
    lines.push(
      `会员,1${String(5e9 + seq0 + i).padStart(10, "0")},${residentId(born, seq0 + i)},${plan},,${joined}`,
    );
  const path = join(dir, `${plan}-${seq0}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const r = await importMembers(t.db.pool, t.deps.secrets, path, civilDate("2020-03-01"));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  const { rows } = await t.db.pool.query(
    "SELECT participation_id FROM participations WHERE plan_id = $1 AND joined_on = $2 ORDER BY participation_id",
    [plan, joined],
  );
  return rows.map((r) => r.participation_id as number);
}

/**
 * Members of a prepaid plan holding nothing, as these tests need (the seeding funds some of them):
 * registered, then enrolled under the version in force on `joined` as the records of a past join.
 */
export async function prepaidCohort(
  t: TestApp,
  n: number,
  born: string,
  joined: string,
  plan: string,
  seq0: number,
) {
  const parts: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = await registerMember(
      t,
      `1${String(5e9 + seq0 + i).padStart(10, "0")}`,
      residentId(born, seq0 + i),
    );
    const p = await t.db.pool.query(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
       SELECT $1, $2, 'standard', $3, $3, max(effective), 'active' FROM rule_versions WHERE plan_id = $2 AND effective <= $3
       RETURNING participation_id`,
      [m.memberId, plan, joined],
    );
    parts.push(p.rows[0].participation_id);
  }
  return parts;
}

/**
 * n members registered (mobiles `{mobile0}0`…, born 1990-01-01) and joined to a plan on 2019-01-01,
 * covered from 2019-04-01, as active participations written directly.
 */
export async function joinedMembers(t: TestApp, planId: string, n: number, mobile0: string, seq0: number) {
  const members: number[] = [];
  const parts: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = await registerMember(t, `${mobile0}${i}`, residentId("1990-01-01", seq0 + i));
    const p = await t.db.pool.query(
      "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, $2, 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
      [m.memberId, planId],
    );
    members.push(m.memberId);
    parts.push(p.rows[0].participation_id);
  }
  return { members, parts };
}

/** A plan's apportionment announced on the 7th and 21st, collected on the 14th and 28th, without caps. */
export const SEMI_MONTHLY_UNCAPPED = {
  calendar: {
    kind: "semiMonthly" as const,
    announceDays: [7, 21] as [number, number],
    collectDays: [14, 28] as [number, number],
  },
  caps: {},
};
