import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { from as copyFrom } from "pg-copy-streams";
import { ageOn, type CivilDate, parseCivilDate } from "../domain/calendar.ts";
import {
  maskMobile,
  maskName,
  maskResidentId,
  parseMobile,
  parseResidentId,
  type ResidentIdFacts,
} from "../domain/identity.ts";
import type { Plan, RuleVersion } from "../domain/plan/document.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkAgeAtJoining } from "../domain/plan/eligibility.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import { lookupHash, type Secrets } from "../secrets.ts";
import { copyText, type Db, type Tx } from "../store/db.ts";
import {
  type CryptoChunk,
  defaultImportThreads,
  ImportCryptoPool,
  MEMBER_COPY_COLUMNS,
} from "./import-crypto-pool.ts";
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
  /** Worker threads for the encryption (default: the machine's cores, at most 4). */
  readonly threads?: number;
  /** Rows per worker chunk. */
  readonly chunkRows?: number;
};

type Row = Record<(typeof IMPORT_COLUMNS)[number], string>;
type GoodRow = { row: Row; id: ResidentIdFacts; joined: CivilDate; version: RuleVersion };

const hex = (b: Buffer) => `\\\\x${b.toString("hex")}`;

/** Aborts the fast pass: the file has a problem, so the reporting pass runs instead. */
class BadFile extends Error {
  constructor() {
    super("the import file has a bad row");
  }
}

/** The CSV's records as rows keyed by column, with their line numbers (the header is line 1). */
async function* csvRows(path: string): AsyncGenerator<{ line: number; row: Row } | { header: string[] }> {
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
function rowChecker(plans: Map<string, Plan | null>, today: CivilDate) {
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
    }
    const facts = id.ok ? id.value : undefined;
    if (!fine || !facts || !joined.ok || !version) return facts ? { id: facts } : {};
    return { id: facts, good: { row: r, id: facts, joined: joined.value, version } };
  };
}

const missingColumns = (header: string[]) =>
  IMPORT_COLUMNS.filter((c) => c !== "joined_on" && c !== "tier" && !header.includes(c));

/**
 * Bulk-loads members with their enrolments from CSV. If any row is bad nothing is imported and every
 * bad row is reported with its line number.
 *
 * The fast pass assumes the file is good: rows are parsed and validated here, encrypted and hashed on
 * worker threads in chunks (kept in file order), and COPYed straight into members — the unique indexes
 * on the lookup hashes are the duplicate check against the database — then the enrolments into
 * participations, in one transaction. Member ids are taken from the sequence under a lock held for the
 * transaction, so the pseudonyms (keyed hashes of the id) are computed with the rows. At the first bad
 * row, or a unique violation, it rolls back and a reporting pass reads the file again to list every
 * problem (see reportProblems): a bad file costs up to two passes, a good one one.
 */
export async function importMembers(
  pool: Db,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const plans = new Map<string, Plan | null>();
  for (const r of (await pool.query<{ plan_id: string }>("SELECT plan_id FROM plans")).rows)
    plans.set(r.plan_id, await loadStoredPlan(pool, r.plan_id));
  const client = await pool.connect();
  try {
    const fast = await fastPass(client, secrets, path, today, plans, options);
    if (fast.ok) return fast;
    options.checkpoint?.("fast-pass-aborted");
    const report = await reportProblems(client, secrets, path, today, plans, options.maxProblems ?? 1000);
    options.checkpoint?.("report-pass");
    // A unique violation the reporting pass cannot explain (a pseudonym collision) is not the file's fault.
    if (report.problems.length === 0 && fast.cause) throw fast.cause;
    return report;
  } finally {
    client.release();
  }
}

async function fastPass(
  client: Tx,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  plans: Map<string, Plan | null>,
  options: ImportOptions,
): Promise<{ ok: true; members: number; participations: number } | { ok: false; cause?: unknown }> {
  const { checkpoint, chunkRows = 5000 } = options;
  const check = rowChecker(plans, today);
  const failed = () => {
    throw new BadFile();
  };
  let crypto: ImportCryptoPool | undefined;
  let count = 0;
  const enrolments: string[] = [];
  try {
    await client.query("BEGIN");
    // The lock keeps concurrent registrations (which draw ids from the sequence) out until commit, so
    // the ids from `first` on are ours; the sequence moves past them just before commit.
    await client.query("LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE");
    const seqRow = await client.query<{ last_value: number; is_called: boolean }>(
      "SELECT last_value, is_called FROM members_member_id_seq",
    );
    const first = Number(seqRow.rows[0]!.last_value) + (seqRow.rows[0]!.is_called ? 1 : 0);
    async function* memberLines(): AsyncGenerator<string> {
      // Chunks in flight, oldest first: the COPY takes them in file order.
      const inFlight: Promise<string>[] = [];
      const depth = 2 * (options.threads ?? defaultImportThreads()) + 1;
      let chunk: CryptoChunk = { firstMemberId: first, ids: [], names: [], mobiles: [], tails: [] };
      let part: string[] = [];
      const send = () => {
        crypto ??= new ImportCryptoPool(secrets, options.threads);
        inFlight.push(crypto.encrypt(chunk));
        enrolments.push(part.join(""));
        chunk = { firstMemberId: first + count, ids: [], names: [], mobiles: [], tails: [] };
        part = [];
      };
      for await (const rec of csvRows(path)) {
        if ("header" in rec) {
          if (missingColumns(rec.header).length > 0) failed();
          continue;
        }
        const { good } = check(rec.line, rec.row, failed);
        if (!good) failed();
        const { row, id, joined, version } = good!;
        const rules = version.rules;
        const age = ageOn(id.birthDate, joined);
        let earliest = Number.POSITIVE_INFINITY;
        for (const e of rules.eventClasses) earliest = Math.min(earliest, waitingDaysFor(rules, age, e.id));
        const memberId = first + count;
        count++;
        chunk.ids.push(id.id);
        chunk.names.push(row.name);
        chunk.mobiles.push(row.mobile);
        chunk.tails.push(
          `${maskResidentId(id.id)}\t${copyText(maskName(row.name))}\t${maskMobile(row.mobile)}\t${id.birthDate}\t${id.sex}`,
        );
        part.push(
          `${memberId}\t${row.plan_id}\t${row.tier || rules.tiers[0]!.id}\t${joined}\t${coveredFrom(joined, earliest)}\t${version.effective}\tactive\n`,
        );
        if (chunk.ids.length >= chunkRows) {
          send();
          if (inFlight.length >= depth) yield await inFlight.shift()!;
        }
      }
      if (chunk.ids.length > 0) send();
      while (inFlight.length > 0) yield await inFlight.shift()!;
    }
    await pipeline(
      Readable.from(memberLines()),
      client.query(copyFrom(`COPY members (${MEMBER_COPY_COLUMNS}) FROM STDIN`)),
    );
    checkpoint?.("parse+validate+encrypt+copy-members");
    // Each enrolment's foreign keys (its member, its plan) would be checked by a trigger per row — 8.8 s
    // of a million-row import, measured. Both hold by construction: the members were just copied with
    // these ids and the plans were read above. Where the role may (a superuser: the embedded server),
    // the triggers are skipped for this COPY, as pg_restore does, and one set-based query checks the
    // same thing after; elsewhere the triggers check it.
    const skipTriggers =
      count > 0 && (await client.query("SELECT current_setting('is_superuser') = 'on' AS su")).rows[0].su;
    if (skipTriggers) await client.query("SET LOCAL session_replication_role = replica");
    await pipeline(
      Readable.from(enrolments),
      client.query(
        copyFrom(
          "COPY participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) FROM STDIN",
        ),
      ),
    );
    if (skipTriggers) {
      await client.query("SET LOCAL session_replication_role = origin");
      const orphans = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM participations p
         WHERE p.member_id BETWEEN $1 AND $2 AND p.status <> 'ended'
           AND (NOT EXISTS (SELECT 1 FROM members m WHERE m.member_id = p.member_id)
             OR NOT EXISTS (SELECT 1 FROM plans pl WHERE pl.plan_id = p.plan_id))`,
        [first, first + count - 1],
      );
      if (orphans.rows[0]!.n > 0)
        throw new Error(
          `invariant violated: ${orphans.rows[0]!.n} imported enrolments without their member or plan`,
        );
    }
    checkpoint?.("copy-participations");
    if (count > 0) await client.query("SELECT setval('members_member_id_seq', $1)", [first + count - 1]);
    await client.query("COMMIT");
    checkpoint?.("commit");
    return { ok: true, members: count, participations: count };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    if (e instanceof BadFile) return { ok: false };
    if ((e as { code?: string }).code === "23505") return { ok: false, cause: e };
    throw e;
  } finally {
    await crypto?.close();
  }
}

/**
 * The reporting pass over a bad file: every row is checked, nothing is encrypted, and the lookup hashes
 * of the rows with a valid ID are staged so one join finds the duplicates against the database.
 */
async function reportProblems(
  client: Tx,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  plans: Map<string, Plan | null>,
  maxProblems: number,
): Promise<{ ok: false; problems: RowProblem[]; rows: number }> {
  const problems: RowProblem[] = [];
  const check = rowChecker(plans, today);
  let count = 0;
  try {
    await client.query("BEGIN");
    await client.query(
      "CREATE TEMP TABLE import_lookups (line int, id_lookup bytea, mobile_lookup bytea) ON COMMIT DROP",
    );
    async function* lookupLines(): AsyncGenerator<string> {
      let batch: string[] = [];
      for await (const rec of csvRows(path)) {
        if ("header" in rec) {
          const missing = missingColumns(rec.header);
          if (missing.length > 0) {
            problems.push({ line: 1, field: missing.join(", "), message: "missing column" });
            return;
          }
          continue;
        }
        count++;
        const { line, row } = rec;
        const { id } = check(line, row, (field, message) => {
          if (problems.length < maxProblems) problems.push({ line, field, message });
        });
        if (!id) continue;
        const mobile = row.mobile ? hex(lookupHash(secrets, "mobile", row.mobile)) : "\\N";
        batch.push(`${line}\t${hex(lookupHash(secrets, "resident_id", id.id))}\t${mobile}\n`);
        if (batch.length >= 2000) {
          yield batch.join("");
          batch = [];
        }
      }
      if (batch.length > 0) yield batch.join("");
    }
    await pipeline(Readable.from(lookupLines()), client.query(copyFrom("COPY import_lookups FROM STDIN")));
    // Two index joins, not one join on an OR, which no index can serve.
    const dups = await client.query<{ line: number; which: string }>(
      `SELECT line, which FROM (
         SELECT i.line, 'resident_id' AS which FROM import_lookups i JOIN members m ON m.id_lookup = i.id_lookup
         UNION ALL
         SELECT i.line, 'mobile' FROM import_lookups i JOIN members m ON m.mobile_lookup = i.mobile_lookup
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
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
  return { ok: false, rows: count, problems: problems.sort((a, b) => a.line - b.line) };
}
