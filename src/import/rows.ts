import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { type CivilDate, parseCivilDate } from "../domain/calendar.ts";
import { parseMobile, parseResidentId, type ResidentIdFacts } from "../domain/identity.ts";
import { fen } from "../domain/money.ts";
import type { Plan, RuleVersion } from "../domain/plan/document.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkAgeAtJoining } from "../domain/plan/eligibility.ts";
import { depositFeeFen, firstDepositMet } from "../domain/plan/fees.ts";
import { limits } from "../limits.ts";

export const IMPORT_COLUMNS = [
  "name",
  "mobile",
  "resident_id",
  "plan_id",
  "tier",
  "joined_on",
  "invitation_code",
  "deposit_fen",
] as const;
/** Columns a file may leave out: the default tier, today, no invitation code, no deposit. */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set([
  "tier",
  "joined_on",
  "invitation_code",
  "deposit_fen",
]);

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
  /** The application clock's instant of the import, for the join events (default: the start of today). */
  readonly at?: Date;
  /**
   * Where the file's deposits were received (a prepaid plan's first deposit, `deposit_fen`): the old
   * system's custodian account, a bank transfer's reference. Each deposit is booked as an offline receipt
   * under this name, in the ledger's memo and the log; a file with deposits and no source is refused.
   */
  readonly depositSource?: string;
};

export type Row = Record<(typeof IMPORT_COLUMNS)[number], string>;
export type GoodRow = {
  row: Row;
  id: ResidentIdFacts;
  joined: CivilDate;
  version: RuleVersion;
  /** The first deposit received offline, fen (0: none). */
  depositFen: number;
};

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
      row: {
        name: at(0),
        mobile: at(1),
        resident_id: at(2),
        plan_id: at(3),
        tier: at(4),
        joined_on: at(5),
        invitation_code: at(6),
        deposit_fen: at(7),
      },
    };
  }
}

/**
 * The invitation codes a file may use, per plan that requires one: loaded once before the passes
 * (`importRepository.invitationCodes`). The hook where the API's own invitation check belongs when it
 * can run set-based: today a code is accepted when it is the plan's and no earlier line used it.
 */
export type ImportInvitations = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The enrolment rules the API applies at a join (enrolment/join.ts), on the row's join date: age, sex,
 * tier, invitation code (the first deposit: checkDeposit). The health
 * declaration is not asked: the file carries no answers; migrated members declared to the old system.
 */
function checkEnrolment(
  r: Row,
  rules: RuleVersion["rules"],
  birth: ResidentIdFacts,
  joined: CivilDate,
  codes: { invitations: ImportInvitations; used: Set<string> },
  problem: (field: string, message: string) => void,
): void {
  if (r.tier && !rules.tiers.some((t) => t.id === r.tier))
    problem("tier", `no tier "${r.tier}" in ${r.plan_id}`);
  const age = checkAgeAtJoining(rules, birth.birthDate, joined);
  if (!age.ok) problem("resident_id", `age limit: ${age.error.message}`);
  const sexes = rules.eligibility.sexes;
  if (sexes && !sexes.includes(birth.sex))
    problem("resident_id", `the plan is for ${sexes.join(", ")} members`);
  if (rules.eligibility.invitationRequired) {
    const code = r.invitation_code;
    const key = `${r.plan_id}\u0000${code}`;
    if (!code) problem("invitation_code", `${r.plan_id} needs an invitation code`);
    else if (!codes.invitations.get(r.plan_id)?.has(code) || codes.used.has(key))
      problem("invitation_code", "the invitation code is not valid for this plan");
    else codes.used.add(key);
  }
  // A premium-pool plan's member needs a group and the year's premium: only the join does both.
  if (rules.funding.mode === "premiumPool")
    problem("plan_id", `${r.plan_id} has premium pools: members join through the API`);
}

/** A named source: printable text, no control characters (it goes into the ledger's memo and the log). */
export const depositSourceProblem = (s: string | undefined): string | undefined =>
  s === undefined || s.trim() === ""
    ? "a file with deposits needs their source named (--deposit-source)"
    : s.length > limits.importDepositSourceCharsMax || /\p{Cc}/u.test(s)
      ? `the deposit source is at most ${limits.importDepositSourceCharsMax} printable characters`
      : undefined;

/**
 * The row's first deposit, by the API's rules (payments/top-up.ts, enrolment/join.ts): only into a
 * prepaid plan, 1 fen to the top-up limit, and at least the plan's first deposit after its deposit fee
 * (`firstDepositMet`); a prepaid plan that asks one refuses a row without it. Its source is the file's.
 */
function checkDeposit(
  r: Row,
  rules: RuleVersion["rules"],
  depositSource: string | undefined,
  problem: (field: string, message: string) => void,
): number {
  const f = rules.funding;
  const text = r.deposit_fen;
  if (!text) {
    if (f.mode === "prepaid" && f.initialDeposit > 0)
      problem("deposit_fen", `${r.plan_id} needs a first deposit of ${f.initialDeposit} fen`);
    return 0;
  }
  const amount = /^\d{1,12}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > limits.topUpFenMax) {
    problem("deposit_fen", `a deposit is a whole number of fen, 1 to ${limits.topUpFenMax}`);
    return 0;
  }
  if (f.mode !== "prepaid") {
    problem("deposit_fen", `${r.plan_id} takes no deposit (${f.mode})`);
    return 0;
  }
  if (!firstDepositMet(rules, fen(amount - depositFeeFen(rules, fen(amount)))))
    problem("deposit_fen", `${r.plan_id}'s first deposit is at least ${f.initialDeposit} fen`);
  const bad = depositSourceProblem(depositSource);
  if (bad) problem("deposit_fen", bad);
  return amount;
}

/** A row's join date: today when empty, never after today (a join is a fact, not a plan). */
function joinDate(r: Row, today: CivilDate, problem: (field: string, message: string) => void) {
  const joined = r.joined_on
    ? parseCivilDate(r.joined_on, "joined_on")
    : ({ ok: true, value: today } as const);
  if (!joined.ok) problem("joined_on", joined.error.message);
  else if (joined.value > today) {
    problem("joined_on", `${joined.value} is after today (${today})`);
    return undefined;
  }
  return joined.ok ? joined.value : undefined;
}

/** Row checks shared by both passes; the first row wins a duplicate, as in file order. */
export function rowChecker(
  plans: Map<string, Plan | null>,
  today: CivilDate,
  invitations: ImportInvitations,
  depositSource?: string,
) {
  const seen = new Map<string, number>();
  const seenMobile = new Map<string, number>();
  const codes = { invitations, used: new Set<string>() };
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
    const joined = joinDate(r, today, problem);
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
    const version = plan && joined ? ruleVersionOn(plan, joined) : undefined;
    if (plan && joined && !version) problem("joined_on", `the plan had no rules in force on ${joined}`);
    if (version && id.ok && joined) checkEnrolment(r, version.rules, id.value, joined, codes, problem);
    const depositFen = version ? checkDeposit(r, version.rules, depositSource, problem) : 0;
    const facts = id.ok ? id.value : undefined;
    if (!fine || !facts || !joined || !version) return facts ? { id: facts } : {};
    return { id: facts, good: { row: r, id: facts, joined, version, depositFen } };
  };
}

export const missingColumns = (header: string[]) =>
  IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && !header.includes(c));
