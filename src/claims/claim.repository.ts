import type { StoredDecision } from "../domain/claim/decision.ts";
import type { ClaimState, Complexity } from "../domain/claim/state.ts";
import { SHARE_STATUS } from "../domain/cycle/share-status.ts";
import type { Sex } from "../domain/identity.ts";
import type { Queryable, Tx } from "../store/db.ts";

/**
 * Every statement on the claims tables (claims, claim_transitions, claim_documents, claim_findings,
 * claim_objections, claim_explanations; a jury's in jury.repository.ts), and the few reads of members,
 * participations, staff and cycles a claim needs. Rows come back camelCase from the SQL aliases: the
 * mapping is done once, here. `Tx` marks what must run in the caller's transaction (locks, writes).
 */

/** A claim as stored. Dates are civil dates as text ("YYYY-MM-DD"). */
export type Claim = {
  claimId: number;
  participationId: number;
  memberId: number;
  planId: string;
  event: string;
  diagnosedOn: string;
  reportedOn: string;
  afterDeath: boolean;
  ruleVersion: string;
  state: ClaimState;
  descriptionCipher: Buffer | null;
  documentsDueOn: string;
  complexity: Complexity | null;
  reviewStartedOn: string | null;
  reviewDueOn: string | null;
  reviewerId: number | null;
  investigatorId: number | null;
  decision: StoredDecision | null;
  benefitFen: number | null;
  decidedOn: string | null;
  appealDueOn: string | null;
  appealed: boolean;
  publishedOn: string | null;
  publicityEndsOn: string | null;
  explanationRequested: boolean;
  caseId: number | null;
  depositFen: number;
  depositStatus: "none" | "held" | "refunded" | "forfeited";
};

/** The columns a state move may set beside the state (their SQL names). */
export type ClaimColumn =
  | "complexity"
  | "review_started_on"
  | "review_due_on"
  | "reviewer_id"
  | "investigator_id"
  | "decision"
  | "benefit_fen"
  | "decided_on"
  | "appeal_due_on"
  | "appealed"
  | "published_on"
  | "publicity_ends_on"
  | "explanation_requested"
  | "case_id";

const COLUMNS = `claim_id AS "claimId", participation_id AS "participationId", member_id AS "memberId",
  plan_id AS "planId", event, diagnosed_on::text AS "diagnosedOn", reported_on::text AS "reportedOn",
  after_death AS "afterDeath", rule_version::text AS "ruleVersion", state, description_cipher AS "descriptionCipher",
  documents_due_on::text AS "documentsDueOn", complexity, review_started_on::text AS "reviewStartedOn",
  review_due_on::text AS "reviewDueOn", reviewer_id AS "reviewerId", investigator_id AS "investigatorId", decision,
  benefit_fen AS "benefitFen", decided_on::text AS "decidedOn", appeal_due_on::text AS "appealDueOn", appealed,
  published_on::text AS "publishedOn", publicity_ends_on::text AS "publicityEndsOn",
  explanation_requested AS "explanationRequested", case_id AS "caseId", deposit_fen AS "depositFen",
  deposit_status AS "depositStatus"`;

export type TransitionEntry = {
  claimId: number;
  from: ClaimState | null;
  to: ClaimState;
  action: string;
  actorKind: string;
  actorId: number | null;
  /** the English sentence, rendered from the code and parameters beside it */
  reason: string;
  reasonCode: string;
  reasonParams: Record<string, unknown>;
  ruleVersion: string;
  on: string;
  at: Date;
  noteCipher: Buffer | null;
};

/** What a report inserts: the claim's own facts as reported, with its deposit. */
export type NewClaim = Pick<
  Claim,
  | "participationId"
  | "memberId"
  | "planId"
  | "event"
  | "diagnosedOn"
  | "reportedOn"
  | "afterDeath"
  | "ruleVersion"
  | "descriptionCipher"
  | "documentsDueOn"
> & { depositFen: number; depositStatus: "none" | "held"; createdAt: Date };

/** The claim ids a selection returns, in its order. */
export const ids = async (q: Queryable, sql: string, params: unknown[]) =>
  (await q.query<{ claimId: number }>(sql, params)).rows.map((r) => r.claimId);

// --- claims and their transitions ----------------------------------------------------------------

/** The claim, locked FOR UPDATE until the end of the transaction. */
async function lock(tx: Tx, claimId: number): Promise<Claim | undefined> {
  const { rows } = await tx.query<Claim>(`SELECT ${COLUMNS} FROM claims WHERE claim_id = $1 FOR UPDATE`, [
    claimId,
  ]);
  return rows[0];
}

async function load(q: Queryable, claimId: number): Promise<Claim | undefined> {
  const { rows } = await q.query<Claim>(`SELECT ${COLUMNS} FROM claims WHERE claim_id = $1`, [claimId]);
  return rows[0];
}

async function setState(
  tx: Tx,
  claimId: number,
  state: ClaimState,
  set: Partial<Record<ClaimColumn, unknown>>,
): Promise<void> {
  const cols = Object.keys(set) as ClaimColumn[];
  await tx.query(
    `UPDATE claims SET state = $2${cols.map((k, i) => `, ${k} = $${i + 3}`).join("")} WHERE claim_id = $1`,
    [claimId, state, ...cols.map((k) => set[k])],
  );
}

async function insertTransition(tx: Tx, t: TransitionEntry): Promise<void> {
  await tx.query(
    `INSERT INTO claim_transitions (claim_id, from_state, to_state, action, actor_kind, actor_id, reason, rule_version, on_date, at, note_cipher, reason_code, reason_params)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      t.claimId,
      t.from,
      t.to,
      t.action,
      t.actorKind,
      t.actorId,
      t.reason,
      t.ruleVersion,
      t.on,
      t.at,
      t.noteCipher,
      t.reasonCode,
      t.reasonParams,
    ],
  );
}

async function setDepositStatus(tx: Tx, claimId: number, status: "refunded" | "forfeited"): Promise<void> {
  await tx.query("UPDATE claims SET deposit_status = $2 WHERE claim_id = $1", [claimId, status]);
}

/** Who has held a duty on the claim: the input of the separation-of-duties policy. */
async function duties(q: Queryable, claimId: number, memberId: number) {
  return q.query<{ investigators: number[]; agents: number[]; recorder: number | null }>(
    `SELECT ARRAY(SELECT investigator_id::int FROM claim_findings WHERE claim_id = $1) AS investigators,
       ARRAY(SELECT DISTINCT actor_id::int FROM claim_transitions WHERE claim_id = $1 AND actor_kind = 'staff'
             AND action IN ('report', 'upload', 'submit', 'withdraw', 'appeal', 'explain')) AS agents,
       (SELECT death_recorded_by::int FROM members WHERE member_id = $2) AS recorder`,
    [claimId, memberId],
  );
}

// --- report ----------------------------------------------------------------------------------------

async function participationToReport(q: Queryable, participationId: number) {
  const { rows } = await q.query<{
    memberId: number;
    planId: string;
    status: string;
    recorder: number | null;
  }>(
    `SELECT p.member_id AS "memberId", p.plan_id AS "planId", p.status, m.death_recorded_by::int AS recorder
     FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1`,
    [participationId],
  );
  return rows[0];
}

async function hasOpenClaim(tx: Tx, participationId: number, event: string): Promise<boolean> {
  const open = await tx.query(
    `SELECT 1 FROM claims WHERE participation_id = $1 AND event = $2
       AND state NOT IN ('rejected', 'withdrawn', 'lapsed', 'paid')`,
    [participationId, event],
  );
  return (open.rowCount ?? 0) > 0;
}

async function insertClaim(tx: Tx, c: NewClaim) {
  return tx.query<{ claimId: number }>(
    `INSERT INTO claims (participation_id, member_id, plan_id, event, diagnosed_on, reported_on, after_death,
       rule_version, state, description_cipher, documents_due_on, deposit_fen, deposit_status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'reported', $9, $10, $11, $12, $13) RETURNING claim_id AS "claimId"`,
    [
      c.participationId,
      c.memberId,
      c.planId,
      c.event,
      c.diagnosedOn,
      c.reportedOn,
      c.afterDeath,
      c.ruleVersion,
      c.descriptionCipher,
      c.documentsDueOn,
      c.depositFen,
      c.depositStatus,
      c.createdAt,
    ],
  );
}

/** The first transition of a claim (from no state), with the caller's reason. */
async function insertReported(
  tx: Tx,
  t: Pick<
    TransitionEntry,
    | "claimId"
    | "actorKind"
    | "actorId"
    | "reason"
    | "reasonCode"
    | "reasonParams"
    | "ruleVersion"
    | "on"
    | "at"
  >,
): Promise<void> {
  await tx.query(
    `INSERT INTO claim_transitions (claim_id, from_state, to_state, action, actor_kind, actor_id, reason, rule_version, on_date, at, reason_code, reason_params)
     VALUES ($1, NULL, 'reported', 'report', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [t.claimId, t.actorKind, t.actorId, t.reason, t.ruleVersion, t.on, t.at, t.reasonCode, t.reasonParams],
  );
}

/** Records a death once: the first date and recorder stay; the stored date is returned. */
async function recordDeath(q: Queryable, memberId: number, diedOn: string, recordedBy: number) {
  const { rows } = await q.query<{ diedOn: string | null }>(
    `UPDATE members SET died_on = coalesce(died_on, $2), death_recorded_by = coalesce(death_recorded_by, $3)
     WHERE member_id = $1 RETURNING died_on::text AS "diedOn"`,
    [memberId, diedOn, recordedBy],
  );
  return rows[0];
}

// --- documents -------------------------------------------------------------------------------------

async function documentCount(tx: Tx, claimId: number) {
  return tx.query<{ n: number }>("SELECT count(*)::int AS n FROM claim_documents WHERE claim_id = $1", [
    claimId,
  ]);
}

/** Stores a document's metadata; false when the claim already holds the same file. */
async function insertDocument(
  tx: Tx,
  d: {
    claimId: number;
    sha256: string;
    contentType: string;
    sizeBytes: number;
    kind: string;
    uploadedBy: string;
    at: Date;
  },
): Promise<boolean> {
  const ins = await tx.query(
    `INSERT INTO claim_documents (claim_id, sha256, content_type, size_bytes, kind, uploaded_by, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [d.claimId, d.sha256, d.contentType, d.sizeBytes, d.kind, d.uploadedBy, d.at],
  );
  return (ins.rowCount ?? 0) > 0;
}

async function documentContentType(q: Queryable, claimId: number, sha256: string) {
  const { rows } = await q.query<{ contentType: string }>(
    'SELECT content_type AS "contentType" FROM claim_documents WHERE claim_id = $1 AND sha256 = $2',
    [claimId, sha256],
  );
  return rows[0]?.contentType;
}

async function documents(q: Queryable, claimId: number) {
  const { rows } = await q.query<{ sha256: string; contentType: string; sizeBytes: number; kind: string }>(
    `SELECT sha256, content_type AS "contentType", size_bytes AS "sizeBytes", kind FROM claim_documents
     WHERE claim_id = $1 ORDER BY at, sha256`,
    [claimId],
  );
  return rows;
}

// --- review and findings ---------------------------------------------------------------------------

async function staffHasRole(q: Queryable, staffId: number, role: string): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM staff WHERE staff_id = $1 AND $2 = ANY (roles)", [
    staffId,
    role,
  ]);
  return rows.length > 0;
}

/** An investigator's findings as stored (the texts encrypted). */
type FindingsRow = {
  findingsCipher: Buffer;
  opinionCipher: Buffer | null;
  diagnosisProven: boolean;
  preExisting: boolean;
  falseClaim: boolean;
  at: Date;
};

async function insertFindings(
  tx: Tx,
  f: FindingsRow & { claimId: number; investigatorId: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO claim_findings (claim_id, investigator_id, findings_cipher, opinion_cipher, diagnosis_proven, pre_existing, false_claim, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      f.claimId,
      f.investigatorId,
      f.findingsCipher,
      f.opinionCipher,
      f.diagnosisProven,
      f.preExisting,
      f.falseClaim,
      f.at,
    ],
  );
}

async function latestFindings(q: Queryable, claimId: number) {
  const { rows } = await q.query<{ diagnosisProven: boolean; preExisting: boolean; falseClaim: boolean }>(
    `SELECT diagnosis_proven AS "diagnosisProven", pre_existing AS "preExisting", false_claim AS "falseClaim"
     FROM claim_findings WHERE claim_id = $1 ORDER BY finding_id DESC LIMIT 1`,
    [claimId],
  );
  return rows[0];
}

async function findings(q: Queryable, claimId: number) {
  const { rows } = await q.query<FindingsRow>(
    `SELECT findings_cipher AS "findingsCipher", opinion_cipher AS "opinionCipher",
       diagnosis_proven AS "diagnosisProven", pre_existing AS "preExisting", false_claim AS "falseClaim", at
     FROM claim_findings WHERE claim_id = $1 ORDER BY finding_id`,
    [claimId],
  );
  return rows;
}

// --- the facts of a decision -----------------------------------------------------------------------

async function participationFacts(q: Queryable, participationId: number) {
  return q.query<{
    birthDate: string;
    joinedOn: string;
    tier: string;
    status: string;
    suspendedOn: string | null;
    endedOn: string | null;
  }>(
    `SELECT m.birth_date::text AS "birthDate", p.joined_on::text AS "joinedOn", p.tier, p.status,
       p.suspended_on::text AS "suspendedOn", p.ended_on::text AS "endedOn"
     FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1`,
    [participationId],
  );
}

/** What the member paid into the plan's cycles: the sum of their collected shares. */
async function collectedSharesFen(q: Queryable, memberId: number, planId: string) {
  return q.query<{ s: string }>(
    `SELECT coalesce(sum(s.share_fen), 0)::text AS s FROM cycle_shares s JOIN cycles y USING (cycle_id)
     WHERE s.member_id = $1 AND y.plan_id = $2 AND s.status = '${SHARE_STATUS.collected}'`,
    [memberId, planId],
  );
}

async function activeMembers(q: Queryable, planId: string) {
  return q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM participations WHERE plan_id = $1 AND status = 'active'",
    [planId],
  );
}

async function resolveObjections(tx: Tx, claimId: number): Promise<void> {
  await tx.query("UPDATE claim_objections SET resolved = true WHERE claim_id = $1 AND NOT resolved", [
    claimId,
  ]);
}

// --- objections and explanations -------------------------------------------------------------------

async function insertObjection(tx: Tx, claimId: number, memberId: number, groundsCipher: Buffer, at: Date) {
  await tx.query(
    "INSERT INTO claim_objections (claim_id, member_id, grounds_cipher, at) VALUES ($1, $2, $3, $4)",
    [claimId, memberId, groundsCipher, at],
  );
}

async function insertExplanation(tx: Tx, claimId: number, textCipher: Buffer, at: Date) {
  await tx.query("INSERT INTO claim_explanations (claim_id, text_cipher, at) VALUES ($1, $2, $3)", [
    claimId,
    textCipher,
    at,
  ]);
}

/** The applicant's contact, and their guardian's (a dependant is reached through the guardian). */
async function contactOf(tx: Tx, memberId: number) {
  const { rows } = await tx.query<{
    personal_cipher: Buffer | null;
    mobile_cipher: Buffer | null;
    g_personal_cipher: Buffer | null;
    g_mobile_cipher: Buffer | null;
  }>(
    `SELECT m.personal_cipher, m.mobile_cipher, g.personal_cipher AS g_personal_cipher, g.mobile_cipher AS g_mobile_cipher
     FROM members m LEFT JOIN members g ON g.member_id = m.guardian_id WHERE m.member_id = $1`,
    [memberId],
  );
  return rows[0];
}

// --- the sweeps' selections ------------------------------------------------------------------------

const lapsingIds = (q: Queryable, today: string) =>
  ids(
    q,
    `SELECT claim_id AS "claimId" FROM claims WHERE state IN ('reported', 'documents') AND documents_due_on < $1
     ORDER BY claim_id`,
    [today],
  );
const publicityEndedIds = (q: Queryable, today: string) =>
  ids(
    q,
    `SELECT claim_id AS "claimId" FROM claims WHERE state = 'announcement' AND publicity_ends_on <= $1
     ORDER BY claim_id`,
    [today],
  );
const paidCaseIds = (q: Queryable) =>
  ids(
    q,
    `SELECT c.claim_id AS "claimId" FROM claims c JOIN cycle_cases k ON k.case_id = c.case_id
     WHERE c.state = 'sharing' AND k.paid ORDER BY c.claim_id`,
    [],
  );

/** The cycle that took a case, once one has. */
async function caseCycle(q: Queryable, caseId: number) {
  const { rows } = await q.query<{ cycleId: number; collectOn: string }>(
    `SELECT y.cycle_id AS "cycleId", y.collect_on::text AS "collectOn"
     FROM cycle_cases k JOIN cycles y USING (cycle_id) WHERE k.case_id = $1`,
    [caseId],
  );
  return rows[0];
}

// --- reading ---------------------------------------------------------------------------------------

async function applicant(q: Queryable, memberId: number) {
  return q.query<{ nameMasked: string; idMasked: string; birthDate: string; sex: Sex }>(
    `SELECT name_masked AS "nameMasked", id_masked AS "idMasked", birth_date::text AS "birthDate", sex
     FROM members WHERE member_id = $1`,
    [memberId],
  );
}

async function transitions(q: Queryable, claimId: number) {
  const { rows } = await q.query<{
    fromState: string | null;
    toState: string;
    action: string;
    actorKind: string;
    actorId: number | null;
    reason: string;
    reasonCode: string | null;
    reasonParams: Record<string, unknown> | null;
    ruleVersion: string;
    onDate: string;
    at: Date;
    noteCipher: Buffer | null;
  }>(
    `SELECT from_state AS "fromState", to_state AS "toState", action, actor_kind AS "actorKind", actor_id AS "actorId",
       reason, reason_code AS "reasonCode", reason_params AS "reasonParams", rule_version::text AS "ruleVersion", on_date::text AS "onDate", at, note_cipher AS "noteCipher"
     FROM claim_transitions WHERE claim_id = $1 ORDER BY transition_id`,
    [claimId],
  );
  return rows;
}

export type ClaimFilter = {
  memberId?: number;
  state?: string;
  planId?: string;
  after: number;
  limit: number;
};

/** A page of claims by id after a cursor; a member's filter reaches their own and their dependants'. */
async function list(q: Queryable, f: ClaimFilter): Promise<Claim[]> {
  const params: unknown[] = [f.after, f.limit];
  const where = ["claim_id > $1"];
  if (f.memberId !== undefined) {
    params.push(f.memberId);
    where.push(
      `member_id IN (SELECT member_id FROM members WHERE member_id = $${params.length} OR guardian_id = $${params.length})`,
    );
  }
  if (f.state) {
    params.push(f.state);
    where.push(`state = $${params.length}`);
  }
  if (f.planId) {
    params.push(f.planId);
    where.push(`plan_id = $${params.length}`);
  }
  const { rows } = await q.query<Claim>(
    `SELECT ${COLUMNS} FROM claims WHERE ${where.join(" AND ")} ORDER BY claim_id LIMIT $2`,
    params,
  );
  return rows;
}

/**
 * A page of the plan's cases in their publicity period, in publication order, after the claim
 * `afterClaimId` (the cursor: the last one seen, placed by its own publication day).
 */
async function announcements(q: Queryable, planId: string, afterClaimId: number | null, limit: number) {
  const { rows } = await q.query<{
    claimId: number;
    nameMasked: string;
    birthDate: string;
    event: string;
    diagnosedOn: string;
    benefitFen: number;
    publishedOn: string;
    publicityEndsOn: string;
    decision: StoredDecision;
  }>(
    `SELECT c.claim_id AS "claimId", m.name_masked AS "nameMasked", m.birth_date::text AS "birthDate", c.event,
       c.diagnosed_on::text AS "diagnosedOn", c.benefit_fen AS "benefitFen", c.published_on::text AS "publishedOn",
       c.publicity_ends_on::text AS "publicityEndsOn", c.decision
     FROM claims c JOIN members m USING (member_id)
     WHERE c.plan_id = $1 AND c.state = 'announcement'
       AND ($2::bigint IS NULL
            OR (c.published_on, c.claim_id) > ((SELECT a.published_on FROM claims a WHERE a.claim_id = $2), $2))
     ORDER BY c.published_on, c.claim_id LIMIT $3`,
    [planId, afterClaimId, limit],
  );
  return rows;
}

export const claimRepository = Object.freeze({
  lock,
  load,
  setState,
  insertTransition,
  setDepositStatus,
  duties,
  participationToReport,
  hasOpenClaim,
  insertClaim,
  insertReported,
  recordDeath,
  documentCount,
  insertDocument,
  documentContentType,
  documents,
  staffHasRole,
  insertFindings,
  latestFindings,
  findings,
  participationFacts,
  collectedSharesFen,
  activeMembers,
  resolveObjections,
  insertObjection,
  insertExplanation,
  contactOf,
  lapsingIds,
  publicityEndedIds,
  paidCaseIds,
  caseCycle,
  applicant,
  transitions,
  list,
  announcements,
});
