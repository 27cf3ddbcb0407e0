import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { from as copyFrom } from "pg-copy-streams";
import { ageOn, type CivilDate, parseCivilDate } from "../domain/calendar.ts";
import { maskMobile, maskName, maskResidentId, parseMobile, parseResidentId } from "../domain/identity.ts";
import type { Plan } from "../domain/plan/document.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkAgeAtJoining } from "../domain/plan/eligibility.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import { encryptPersonal, lookupHash, pseudonymOf, type Secrets } from "../secrets.ts";
import type { Db } from "../store/db.ts";
import { loadStoredPlan } from "./plans.service.ts";

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
};

type Row = Record<(typeof IMPORT_COLUMNS)[number], string>;

const esc = (v: string) =>
  v.replace(/[\\\t\n\r]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\\\"));
const hex = (b: Buffer) => `\\\\x${b.toString("hex")}`;

/**
 * Bulk-loads members with their enrolments from CSV in one streaming pass: each row is validated
 * (checksum, duplicate person or mobile in the file, missing field, unknown plan or tier, age limits on
 * the join date), encrypted and streamed by COPY into a staging table; duplicates against the database
 * are found with one join. If any row is bad, the transaction rolls back — nothing is imported — and
 * every bad row is reported with its line number. Otherwise two set-based INSERT … SELECT finish it.
 */
export async function importMembers(
  pool: Db,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { maxProblems = 1000, checkpoint } = options;
  const problems: RowProblem[] = [];
  const plans = new Map<string, Plan | null>();
  for (const r of (await pool.query<{ plan_id: string }>("SELECT plan_id FROM plans")).rows)
    plans.set(r.plan_id, await loadStoredPlan(pool, r.plan_id));
  const seen = new Map<string, number>();
  const seenMobile = new Map<string, number>();
  let count = 0;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE import_rows (
      line int, id_lookup bytea, id_cipher bytea, id_masked text, name_cipher bytea, name_masked text,
      mobile_lookup bytea, mobile_cipher bytea, mobile_masked text, birth_date date, sex text,
      plan_id text, tier text, joined_on date, covered_from date, rule_version date) ON COMMIT DROP`);
    let line = 1;
    const bad = (field: string, message: string) => {
      if (problems.length < maxProblems) problems.push({ line, field, message });
    };
    async function* copyLines(): AsyncGenerator<string> {
      const csv = createReadStream(path).pipe(
        parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }),
      );
      let batch: string[] = [];
      for await (const r of csv as AsyncIterable<Row>) {
        line++;
        count++;
        if (count === 1) {
          const missing = IMPORT_COLUMNS.filter((c) => c !== "joined_on" && c !== "tier" && !(c in r));
          if (missing.length) {
            line = 1;
            bad(missing.join(", "), "missing column");
            return;
          }
        }
        const before = problems.length;
        for (const c of ["name", "mobile", "resident_id", "plan_id"] as const) if (!r[c]) bad(c, "missing");
        const id = parseResidentId(r.resident_id, today);
        if (r.resident_id && !id.ok) bad("resident_id", id.error.message);
        if (r.mobile && !parseMobile(r.mobile).ok) bad("mobile", "not a mobile number");
        const joined = r.joined_on
          ? parseCivilDate(r.joined_on, "joined_on")
          : ({ ok: true, value: today } as const);
        if (!joined.ok) bad("joined_on", joined.error.message);
        if (id.ok) {
          const first = seen.get(id.value.id);
          if (first !== undefined) bad("resident_id", `the same person as line ${first}`);
          else seen.set(id.value.id, line);
        }
        if (r.mobile) {
          const first = seenMobile.get(r.mobile);
          if (first !== undefined) bad("mobile", `the same mobile number as line ${first}`);
          else seenMobile.set(r.mobile, line);
        }
        const plan = r.plan_id ? plans.get(r.plan_id) : undefined;
        if (r.plan_id && !plan) bad("plan_id", `no plan "${r.plan_id}"`);
        const version = plan && joined.ok ? ruleVersionOn(plan, joined.value) : undefined;
        if (plan && joined.ok && !version)
          bad("joined_on", `the plan had no rules in force on ${joined.value}`);
        if (version && id.ok && joined.ok) {
          const rules = version.rules;
          if (r.tier && !rules.tiers.some((t) => t.id === r.tier))
            bad("tier", `no tier "${r.tier}" in ${r.plan_id}`);
          const age = checkAgeAtJoining(rules, id.value.birthDate, joined.value);
          if (!age.ok) bad("resident_id", `age limit: ${age.error.message}`);
        }
        // Once a row is bad nothing will be imported: stop encrypting, but keep staging the lookups so
        // duplicates against the database are reported for every row too.
        if (problems.length > 0 || problems.length !== before || !id.ok || !joined.ok || !version) {
          if (id.ok) {
            const mobile = r.mobile ? hex(lookupHash(secrets, "mobile", r.mobile)) : "\\N";
            batch.push(
              `${line}\t${hex(lookupHash(secrets, "resident_id", id.value.id))}\t\\N\t\\N\t\\N\t\\N\t${mobile}${"\t\\N".repeat(9)}\n`,
            );
          }
          continue;
        }
        const rules = version.rules;
        const age = ageOn(id.value.birthDate, joined.value);
        let earliest = Number.POSITIVE_INFINITY;
        for (const e of rules.eventClasses) earliest = Math.min(earliest, waitingDaysFor(rules, age, e.id));
        batch.push(
          `${line}\t${hex(lookupHash(secrets, "resident_id", id.value.id))}\t${hex(encryptPersonal(secrets, id.value.id))}\t${maskResidentId(id.value.id)}\t${hex(encryptPersonal(secrets, r.name))}\t${esc(maskName(r.name))}\t${hex(lookupHash(secrets, "mobile", r.mobile))}\t${hex(encryptPersonal(secrets, r.mobile))}\t${maskMobile(r.mobile)}\t${id.value.birthDate}\t${id.value.sex}\t${r.plan_id}\t${r.tier || rules.tiers[0]!.id}\t${joined.value}\t${coveredFrom(joined.value, earliest)}\t${version.effective}\n`,
        );
        if (batch.length >= 2000) {
          yield batch.join("");
          batch = [];
        }
      }
      if (batch.length > 0) yield batch.join("");
    }
    await pipeline(Readable.from(copyLines()), client.query(copyFrom("COPY import_rows FROM STDIN")));
    checkpoint?.("parse+validate+encrypt+copy");
    if (count > 0) {
      // Duplicates against the database: one join over the staged lookups.
      // (two index joins, not one join on an OR, which no index can serve)
      const dups = await client.query<{ line: number; which: string }>(
        `SELECT line, which FROM (
           SELECT i.line, 'resident_id' AS which FROM import_rows i JOIN members m ON m.id_lookup = i.id_lookup
           UNION ALL
           SELECT i.line, 'mobile' FROM import_rows i JOIN members m ON m.mobile_lookup = i.mobile_lookup
         ) d ORDER BY line LIMIT $1`,
        [maxProblems],
      );
      for (const d of dups.rows) {
        problems.push({
          line: d.line,
          field: d.which,
          message:
            d.which === "resident_id"
              ? "this person already has an account"
              : "this mobile number belongs to another member",
        });
      }
    }
    checkpoint?.("duplicates-in-db");
    if (problems.length > 0) {
      await client.query("ROLLBACK");
      return { ok: false, rows: count, problems: problems.sort((a, b) => a.line - b.line) };
    }
    // Reserve a block of member ids (the lock keeps concurrent registrations out of it), so the
    // pseudonyms — keyed hashes of the id — are computed here and inserted with the rows.
    await client.query("LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE");
    const reserved = await client.query<{ last: number }>(
      "SELECT setval('members_member_id_seq', nextval('members_member_id_seq') + $1 - 1) AS last",
      [count],
    );
    const first = Number(reserved.rows[0]!.last) - count + 1;
    const lines = await client.query<{ line: number }>("SELECT line FROM import_rows ORDER BY line");
    await client.query(
      "CREATE TEMP TABLE import_ids (line int PRIMARY KEY, member_id bigint, pseudonym text) ON COMMIT DROP",
    );
    async function* idLines(): AsyncGenerator<string> {
      let chunk: string[] = [];
      for (let k = 0; k < lines.rows.length; k++) {
        const id = first + k;
        chunk.push(`${lines.rows[k]!.line}\t${id}\t${pseudonymOf(secrets, id)}\n`);
        if (chunk.length >= 5000) {
          yield chunk.join("");
          chunk = [];
        }
      }
      if (chunk.length) yield chunk.join("");
    }
    await pipeline(Readable.from(idLines()), client.query(copyFrom("COPY import_ids FROM STDIN")));
    checkpoint?.("pseudonyms");
    await client.query(`INSERT INTO members (member_id, kind, id_lookup, id_cipher, id_masked, name_cipher, name_masked,
        mobile_lookup, mobile_cipher, mobile_masked, birth_date, sex, pseudonym)
      SELECT n.member_id, 'member', i.id_lookup, i.id_cipher, i.id_masked, i.name_cipher, i.name_masked, i.mobile_lookup, i.mobile_cipher,
        i.mobile_masked, i.birth_date, i.sex, n.pseudonym FROM import_rows i JOIN import_ids n USING (line)`);
    checkpoint?.("insert-members");
    await client.query(`INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
      SELECT n.member_id, i.plan_id, i.tier, i.joined_on, i.covered_from, i.rule_version, 'active' FROM import_rows i JOIN import_ids n USING (line)`);
    checkpoint?.("insert-participations");
    await client.query("COMMIT");
    checkpoint?.("commit");
    return { ok: true, members: count, participations: count };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
