import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { civilDate } from "../../src/domain/calendar.ts";
import { importMembers } from "../../src/import/import.ts";
import { residentId, type TestApp } from "./app.ts";

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
