import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { type CivilDate, parseCivilDate } from "../domain/calendar.ts";
import { parseMobile, parseResidentId, type ResidentIdFacts } from "../domain/identity.ts";
import type { Plan, RuleVersion } from "../domain/plan/document.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkAgeAtJoining } from "../domain/plan/eligibility.ts";

export const IMPORT_COLUMNS = ["name", "mobile", "resident_id", "plan_id", "tier", "joined_on"] as const;

export type RowProblem = { line: number; field: string; message: string };
export type ImportResult =
  | { ok: true; members: number; participations: number }
  | { ok: false; problems: RowProblem[]; rows: number };

export type ImportOptions = {
  /** How many problems to report at most (the rest are counted in no list). */
  readonly maxProblems?: number;
  /** Called between phases, for the benchmark's time split. */
  readonly checkpoint?: (phase: string) => void;
  /** Worker threads for the encryption (default: the machine's cores, at most 4). */
  readonly threads?: number;
  /** Rows per worker chunk. */
  readonly chunkRows?: number;
};

export type Row = Record<(typeof IMPORT_COLUMNS)[number], string>;
export type GoodRow = { row: Row; id: ResidentIdFacts; joined: CivilDate; version: RuleVersion };

/** The CSV's records as rows keyed by column, with their line numbers (the header is line 1). */
export async function* csvRows(
  path: string,
): AsyncGenerator<{ line: number; row: Row } | { header: string[] }> {
  // Arrays, not objects: the column lookup is done once for the header instead of per row.
  const csv = createReadStream(path).pipe(
    parse({ skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }),
  );
  let index: number[] | undefined;
  let line = 1;
  for await (const fields of csv as AsyncIterable<string[]>) {
    if (!index) {
      index = IMPORT_COLUMNS.map((c) => fields.indexOf(c));
      yield { header: fields };
      continue;
    }
    line++;
    const at = (k: number) => (index![k]! >= 0 ? (fields[index![k]!] ?? "") : "");
    yield {
      line,
      row: { name: at(0), mobile: at(1), resident_id: at(2), plan_id: at(3), tier: at(4), joined_on: at(5) },
    };
  }
}

/** Row checks shared by both passes; the first row wins a duplicate, as in file order. */
export function rowChecker(plans: Map<string, Plan | null>, today: CivilDate) {
  const seen = new Map<string, number>();
  const seenMobile = new Map<string, number>();
  return (
    line: number,
    r: Row,
    bad: (field: string, message: string) => void,
  ): { good?: GoodRow; id?: ResidentIdFacts } => {
    let fine = true;
    const problem = (field: string, message: string) => {
      fine = false;
      bad(field, message);
    };
    for (const c of ["name", "mobile", "resident_id", "plan_id"] as const) if (!r[c]) problem(c, "missing");
    const id = parseResidentId(r.resident_id, today);
    if (r.resident_id && !id.ok) problem("resident_id", id.error.message);
    if (r.mobile && !parseMobile(r.mobile).ok) problem("mobile", "not a mobile number");
    const joined = r.joined_on
      ? parseCivilDate(r.joined_on, "joined_on")
      : ({ ok: true, value: today } as const);
    if (!joined.ok) problem("joined_on", joined.error.message);
    if (id.ok) {
      const first = seen.get(id.value.id);
      if (first !== undefined) problem("resident_id", `the same person as line ${first}`);
      else seen.set(id.value.id, line);
    }
    if (r.mobile) {
      const first = seenMobile.get(r.mobile);
      if (first !== undefined) problem("mobile", `the same mobile number as line ${first}`);
      else seenMobile.set(r.mobile, line);
    }
    const plan = r.plan_id ? plans.get(r.plan_id) : undefined;
    if (r.plan_id && !plan) problem("plan_id", `no plan "${r.plan_id}"`);
    const version = plan && joined.ok ? ruleVersionOn(plan, joined.value) : undefined;
    if (plan && joined.ok && !version)
      problem("joined_on", `the plan had no rules in force on ${joined.value}`);
    if (version && id.ok && joined.ok) {
      const rules = version.rules;
      if (r.tier && !rules.tiers.some((t) => t.id === r.tier))
        problem("tier", `no tier "${r.tier}" in ${r.plan_id}`);
      const age = checkAgeAtJoining(rules, id.value.birthDate, joined.value);
      if (!age.ok) problem("resident_id", `age limit: ${age.error.message}`);
      // A premium-pool plan's member needs a group and the year's premium: only the join does both.
      if (rules.funding.mode === "premiumPool")
        problem("plan_id", `${r.plan_id} has premium pools: members join through the API`);
    }
    const facts = id.ok ? id.value : undefined;
    if (!fine || !facts || !joined.ok || !version) return facts ? { id: facts } : {};
    return { id: facts, good: { row: r, id: facts, joined: joined.value, version } };
  };
}

export const missingColumns = (header: string[]) =>
  IMPORT_COLUMNS.filter((c) => c !== "joined_on" && c !== "tier" && !header.includes(c));
