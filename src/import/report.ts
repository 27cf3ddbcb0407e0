import type { CivilDate } from "../domain/calendar.ts";
import type { Plan } from "../domain/plan/document.ts";
import { lookupHash, type Secrets } from "../secrets.ts";
import type { Tx } from "../store/db.ts";
import { importRepository } from "./import.repository.ts";
import { csvRows, type ImportInvitations, missingColumns, type RowProblem, rowChecker } from "./rows.ts";

const hex = (b: Buffer) => `\\\\x${b.toString("hex")}`;

/** Every row checked into `problems`, yielding the COPY lines of the lookup hashes of rows with a valid ID. */
async function* lookupLines(
  secrets: Secrets,
  path: string,
  check: ReturnType<typeof rowChecker>,
  problems: RowProblem[],
  maxProblems: number,
  counted: { rows: number },
): AsyncGenerator<string> {
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
    counted.rows++;
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

/**
 * The reporting pass over a bad file: every row is checked, nothing is encrypted, and the lookup hashes
 * of the rows with a valid ID are staged so one join finds the duplicates against the database.
 */
export async function reportProblems(
  client: Tx,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  plans: Map<string, Plan | null>,
  invitations: ImportInvitations,
  maxProblems: number,
  depositSource?: string,
): Promise<{ ok: false; problems: RowProblem[]; rows: number }> {
  const problems: RowProblem[] = [];
  const counted = { rows: 0 };
  try {
    await importRepository.begin(client);
    const lines = lookupLines(
      secrets,
      path,
      rowChecker(plans, today, invitations, depositSource),
      problems,
      maxProblems,
      counted,
    );
    await importRepository.stageLookups(client, lines);
    for (const d of await importRepository.stagedDuplicates(client, maxProblems)) {
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
    await importRepository.rollback(client);
  }
  return { ok: false, rows: counted.rows, problems: problems.sort((a, b) => a.line - b.line) };
}
