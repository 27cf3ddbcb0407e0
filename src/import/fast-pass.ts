import { ageOn, type CivilDate } from "../domain/calendar.ts";
import { maskMobile, maskName, maskResidentId } from "../domain/identity.ts";
import type { Plan } from "../domain/plan/document.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import type { Secrets } from "../secrets.ts";
import { copyText, type Tx } from "../store/db.ts";
import {
  type CryptoChunk,
  defaultImportThreads,
  ImportCryptoPool,
  MEMBER_COPY_COLUMNS,
} from "./crypto-pool.ts";
import { type ImportedDeposit, recordImportedDeposits } from "./deposits.ts";
import { importRepository } from "./import.repository.ts";
import {
  csvRows,
  type GoodRow,
  type ImportInvitations,
  type ImportOptions,
  missingColumns,
  rowChecker,
} from "./rows.ts";

/** Aborts the fast pass: the file has a problem, so the reporting pass runs instead. */
class BadFile extends Error {
  constructor() {
    super("the import file has a bad row");
  }
}
const failed = (): never => {
  throw new BadFile();
};

/** What the fast pass carries between its phases: the ids taken, the rows counted, the enrolments. */
type FastPass = {
  readonly client: Tx;
  readonly secrets: Secrets;
  readonly path: string;
  readonly options: ImportOptions;
  readonly firstId: number;
  count: number;
  crypto?: ImportCryptoPool;
  readonly enrolments: string[];
  readonly deposits: ImportedDeposit[];
};

/** A good row's chunk columns (encrypted by the workers) and its enrolment line. */
function addRow(f: FastPass, chunk: CryptoChunk, good: GoodRow): string {
  const { row, id, joined, version } = good;
  const rules = version.rules;
  const age = ageOn(id.birthDate, joined);
  let earliest = Number.POSITIVE_INFINITY;
  for (const e of rules.eventClasses) earliest = Math.min(earliest, waitingDaysFor(rules, age, e.id));
  const memberId = f.firstId + f.count;
  f.count++;
  if (good.depositFen > 0)
    f.deposits.push({ memberId, planId: row.plan_id, depositFen: good.depositFen, rules });
  chunk.ids.push(id.id);
  chunk.names.push(row.name);
  chunk.mobiles.push(row.mobile);
  chunk.tails.push(
    `${maskResidentId(id.id)}\t${copyText(maskName(row.name))}\t${maskMobile(row.mobile)}\t${id.birthDate}\t${id.sex}`,
  );
  const code = rules.eligibility.invitationRequired ? copyText(row.invitation_code) : "\\N";
  return `${memberId}\t${row.plan_id}\t${row.tier || rules.tiers[0]!.id}\t${joined}\t${coveredFrom(joined, earliest)}\t${version.effective}\tactive\t${code}\n`;
}

/** The members COPY text in file order, chunks encrypted on worker threads with a few in flight. */
async function* memberLines(f: FastPass, check: ReturnType<typeof rowChecker>): AsyncGenerator<string> {
  // Chunks in flight, oldest first: the COPY takes them in file order.
  const inFlight: Promise<string>[] = [];
  const depth = 2 * (f.options.threads ?? defaultImportThreads()) + 1;
  const chunkRows = f.options.chunkRows ?? 5000;
  let chunk: CryptoChunk = { firstMemberId: f.firstId, ids: [], names: [], mobiles: [], tails: [] };
  let part: string[] = [];
  const send = () => {
    f.crypto ??= new ImportCryptoPool(f.secrets, f.options.threads);
    inFlight.push(f.crypto.encrypt(chunk));
    f.enrolments.push(part.join(""));
    chunk = { firstMemberId: f.firstId + f.count, ids: [], names: [], mobiles: [], tails: [] };
    part = [];
  };
  for await (const rec of csvRows(f.path)) {
    if ("header" in rec) {
      if (missingColumns(rec.header).length > 0) failed();
      continue;
    }
    const { good } = check(rec.line, rec.row, failed);
    part.push(addRow(f, chunk, good ?? failed()));
    if (chunk.ids.length >= chunkRows) {
      send();
      if (inFlight.length >= depth) yield await inFlight.shift()!;
    }
  }
  if (chunk.ids.length > 0) send();
  while (inFlight.length > 0) yield await inFlight.shift()!;
}

/**
 * The enrolments, COPYed. Each one's foreign keys (its member, its plan) would be checked by a trigger
 * per row — 8.8 s of a million-row import, measured. Both hold by construction: the members were just
 * copied with these ids and the plans were read before. Where the role may (a superuser: the embedded
 * server), the triggers are skipped for this COPY and for the joins' events and log entries written
 * from it (recordImportedJoins), as pg_restore does, and one set-based query checks the same thing
 * after; elsewhere the triggers check it.
 */
async function copyEnrolments(f: FastPass, at: Date): Promise<void> {
  const skipTriggers = f.count > 0 && (await importRepository.isSuperuser(f.client));
  if (skipTriggers) await importRepository.setReplicationRole(f.client, "replica");
  await importRepository.copyParticipations(f.client, f.enrolments);
  // The joins' events reference the enrolments just copied: their triggers are skipped alike.
  if (f.count > 0)
    await importRepository.recordImportedJoins(f.client, f.firstId, f.firstId + f.count - 1, at);
  if (!skipTriggers) return;
  await importRepository.setReplicationRole(f.client, "origin");
  const orphans = await importRepository.orphanEnrolments(f.client, f.firstId, f.firstId + f.count - 1);
  if (orphans > 0)
    throw new Error(`invariant violated: ${orphans} imported enrolments without their member or plan`);
}

/**
 * The pass that assumes the file is good: members and enrolments COPYed in one transaction, member ids
 * taken under a lock so pseudonyms are computed with the rows. A bad row or a unique violation (a
 * duplicate against the database) rolls back and answers not ok, so the reporting pass runs.
 */
export async function fastPass(
  client: Tx,
  secrets: Secrets,
  path: string,
  today: CivilDate,
  plans: Map<string, Plan | null>,
  invitations: ImportInvitations,
  options: ImportOptions,
): Promise<{ ok: true; members: number; participations: number } | { ok: false; cause?: unknown }> {
  const { checkpoint } = options;
  let f: FastPass | undefined;
  try {
    await importRepository.begin(client);
    const firstId = await importRepository.lockMemberIds(client);
    f = { client, secrets, path, options, firstId, count: 0, enrolments: [], deposits: [] };
    await importRepository.copyMembers(
      client,
      MEMBER_COPY_COLUMNS,
      memberLines(f, rowChecker(plans, today, invitations, options.depositSource)),
    );
    checkpoint?.("parse+validate+encrypt+copy-members");
    const at = options.at ?? new Date(`${today}T00:00:00Z`);
    await copyEnrolments(f, at);
    checkpoint?.("copy-participations+log-joins");
    // a row's deposit is checked with its source (rows.ts): none without one
    if (f.deposits.length > 0) await recordImportedDeposits(client, f.deposits, options.depositSource!, at);
    if (f.count > 0) await importRepository.advanceMemberIds(client, f.firstId + f.count - 1);
    await importRepository.commit(client);
    checkpoint?.("commit");
    return { ok: true, members: f.count, participations: f.count };
  } catch (e) {
    await importRepository.rollback(client);
    if (e instanceof BadFile) return { ok: false };
    if ((e as { code?: string }).code === "23505") return { ok: false, cause: e };
    throw e;
  } finally {
    await f?.crypto?.close();
  }
}
