import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { carriesActiveContent, DOCUMENT_TYPES, documentTypes } from "../documents/content-check.ts";
import { type ClaimDuties, type ClaimDuty, claimDutyRefusal, type Principal } from "../domain/access.ts";
import { addDays, ageOn, type CivilDate, civilDate } from "../domain/calendar.ts";
import {
  addWorkingDays,
  appealDueOn,
  type ClaimAction,
  type ClaimState,
  type Complexity,
  checkAppealWindow,
  checkObjectionWindow,
  checkReportDeadline,
  documentsDueOn,
  isAppealable,
  nextState,
  publicityEndsOn,
  reviewDueOn,
} from "../domain/claim.ts";
import { ageBand, residentIdShown, staffAudience } from "../domain/disclosure.ts";
import type { Sex } from "../domain/identity.ts";
import { candidatesDigest, candidatesText, drawJurors, jurySeed, tallyJury } from "../domain/jury.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen, formatYuan } from "../domain/money.ts";
import { type ClaimDecision, type ClaimReason, decideClaim } from "../domain/plan/decision.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { decryptPersonal, decryptPersonalBytes, encryptPersonal, memberMobile } from "../secrets.ts";
import { copyOutLines, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { appendLogEntry, latestHead } from "../store/log.repository.ts";
import { auditStaffRead } from "./audit.service.ts";
import { endParticipation, todayOf } from "./enrolment.service.ts";
import { memberFor } from "./members.service.ts";
import { broadcast } from "./notifications.service.ts";
import { loadStoredPlan } from "./plans.service.ts";

/** Who moved a claim: a member, a staff member, the scheduler, or the jury's tally. */
type Actor = { kind: "member" | "staff" | "system" | "jury"; id: number | null };
const actorOf = (p: Principal): Actor => ({ kind: p.kind, id: p.id });
const SYSTEM: Actor = { kind: "system", id: null };

type ClaimRow = {
  claim_id: number;
  participation_id: number;
  member_id: number;
  plan_id: string;
  event: string;
  diagnosed_on: string;
  reported_on: string;
  after_death: boolean;
  rule_version: string;
  state: ClaimState;
  description_cipher: Buffer | null;
  documents_due_on: string;
  complexity: Complexity | null;
  review_started_on: string | null;
  review_due_on: string | null;
  reviewer_id: number | null;
  investigator_id: number | null;
  decision: StoredDecision | null;
  benefit_fen: number | null;
  decided_on: string | null;
  appeal_due_on: string | null;
  appealed: boolean;
  published_on: string | null;
  publicity_ends_on: string | null;
  explanation_requested: boolean;
  case_id: number | null;
  deposit_fen: number;
  deposit_status: "none" | "held" | "refunded" | "forfeited";
};

/** What is kept of a decision (also what the applicant and the public read). */
/** Re-exported until C points the routes at `documents/content-check.ts`. */
export { documentContentOk, documentExtension, documentTypes } from "../documents/content-check.ts";

export type StoredDecision = {
  approved: boolean;
  reason: string | null;
  explanation: string;
  benefitFen: number | null;
  scheduleFen: number | null;
  phaseInBp: number | null;
  ruleVersion: string | null;
  by: "reviewer" | "jury";
};

export type Findings = {
  diagnosisProven: boolean;
  preExisting: boolean;
  falseClaim: boolean;
};

const COLUMNS = `claim_id, participation_id, member_id, plan_id, event, diagnosed_on::text, reported_on::text, after_death,
  rule_version::text, state, description_cipher, documents_due_on::text, complexity, review_started_on::text,
  review_due_on::text, reviewer_id, investigator_id, decision, benefit_fen, decided_on::text, appeal_due_on::text,
  appealed, published_on::text, publicity_ends_on::text, explanation_requested, case_id, deposit_fen, deposit_status`;

async function lockClaim(tx: Tx, claimId: number): Promise<ClaimRow> {
  const { rows } = await tx.query<ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE claim_id = $1 FOR UPDATE`, [
    claimId,
  ]);
  return rows[0] ?? fail("not_found", `no claim ${claimId}`);
}

async function rulesOf(q: Queryable, c: Pick<ClaimRow, "plan_id" | "diagnosed_on">): Promise<Rules> {
  const plan = await loadStoredPlan(q, c.plan_id);
  return (
    ruleVersionOn(plan, civilDate(c.diagnosed_on))?.rules ??
    fail("conflict", `the plan had no rules in force on ${c.diagnosed_on}`)
  );
}

/** Who has held which duty on a claim: the input of the separation-of-duties policy. */
async function dutiesOf(q: Queryable, c: ClaimRow): Promise<ClaimDuties> {
  const { rows } = await q.query<{ investigators: number[]; agents: number[]; recorder: number | null }>(
    `SELECT ARRAY(SELECT investigator_id::int FROM claim_findings WHERE claim_id = $1) AS investigators,
       ARRAY(SELECT DISTINCT actor_id::int FROM claim_transitions WHERE claim_id = $1 AND actor_kind = 'staff'
             AND action IN ('report', 'upload', 'submit', 'withdraw', 'appeal', 'explain')) AS agents,
       (SELECT death_recorded_by::int FROM members WHERE member_id = $2) AS recorder`,
    [c.claim_id, c.member_id],
  );
  const r = rows[0]!;
  return {
    reviewerId: c.reviewer_id,
    investigatorIds: c.investigator_id === null ? r.investigators : [c.investigator_id, ...r.investigators],
    heirAgentIds: r.agents,
    afterDeath: c.after_death,
    deathRecordedBy: r.recorder,
  };
}

/** Refuses (403 separation_of_duties) a duty the policy does not allow this staff member on this claim. */
async function requireDuty(q: Queryable, staffId: number, duty: ClaimDuty, c: ClaimRow): Promise<void> {
  const refusal = claimDutyRefusal(staffId, duty, await dutiesOf(q, c));
  if (refusal) fail("separation_of_duties", refusal);
}

/**
 * Moves a claim by the state machine and records who, when, why and under which rule version, in the
 * caller's transaction. `set` updates further columns in the same statement.
 */
async function move(
  deps: ServiceDeps,
  tx: Tx,
  c: ClaimRow,
  action: ClaimAction,
  actor: Actor,
  reason: string,
  set: Record<string, unknown> = {},
  note?: string,
): Promise<ClaimState> {
  const to = nextState(c.state, action);
  if (!to.ok) return fail(to.error.code, to.error.message);
  const cols = Object.keys(set);
  await tx.query(
    `UPDATE claims SET state = $2${cols.map((k, i) => `, ${k} = $${i + 3}`).join("")} WHERE claim_id = $1`,
    [c.claim_id, to.value, ...cols.map((k) => set[k])],
  );
  await tx.query(
    `INSERT INTO claim_transitions (claim_id, from_state, to_state, action, actor_kind, actor_id, reason, rule_version, on_date, at, note_cipher)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.claim_id,
      c.state,
      to.value,
      action,
      actor.kind,
      actor.id,
      reason,
      c.rule_version,
      todayOf(deps),
      new Date(deps.clock.now()),
      note ? encryptPersonal(deps.secrets, note) : null,
    ],
  );
  // the caller's row now reflects every column the move set
  Object.assign(
    c,
    (await tx.query<ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE claim_id = $1`, [c.claim_id])).rows[0],
  );
  return to.value;
}

async function pseudonymOf(q: Queryable, memberId: number): Promise<string> {
  const { rows } = await q.query<{ pseudonym: string }>(
    "SELECT pseudonym FROM members WHERE member_id = $1",
    [memberId],
  );
  return rows[0]!.pseudonym;
}

// ---------------------------------------------------------------------------------------------------
// Report, documents, submission

export type ReportInput = {
  participationId: number;
  event: string;
  diagnosedOn: CivilDate;
  afterDeath: boolean;
  description?: string;
};

/**
 * Reports a claim for oneself or a dependant (or, by the operator, for an heir after a death). The
 * report deadline is checked by the rule version in force on the diagnosis date; a review deposit the
 * plan requires is moved from the prepaid balance into the deposit account.
 */
export async function reportClaim(deps: ServiceDeps, principal: Principal, input: ReportInput) {
  const today = todayOf(deps);
  const { rows } = await deps.pool.query<{
    member_id: number;
    plan_id: string;
    status: string;
    recorder: number | null;
  }>(
    `SELECT p.member_id, p.plan_id, p.status, m.death_recorded_by::int AS recorder
     FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1`,
    [input.participationId],
  );
  const p = rows[0] ?? fail("not_found", `no participation ${input.participationId}`, "participationId");
  if (principal.kind === "member") {
    await memberFor(deps.pool, principal, p.member_id, false).catch(() =>
      fail("not_found", `no participation ${input.participationId}`, "participationId"),
    );
  } else {
    const refusal = claimDutyRefusal(principal.id, "act_for_heir", {
      reviewerId: null,
      investigatorIds: [],
      heirAgentIds: [],
      afterDeath: input.afterDeath,
      deathRecordedBy: p.recorder,
    });
    if (refusal)
      fail(p.recorder === null && input.afterDeath ? "not_deceased" : "separation_of_duties", refusal);
  }
  if (input.afterDeath && p.recorder === null)
    fail("not_deceased", "a claim after a death needs the member's death recorded first", "afterDeath");
  const rules = await rulesOf(deps.pool, { plan_id: p.plan_id, diagnosed_on: input.diagnosedOn });
  if (!rules.eventClasses.some((e) => e.id === input.event))
    fail("validation", `the plan covers no event "${input.event}"`, "event");
  const deadline = checkReportDeadline(rules, { ...input, reportedOn: today });
  if (!deadline.ok) return fail(deadline.error.code, deadline.error.message, deadline.error.field);
  const version = ruleVersionOn(await loadStoredPlan(deps.pool, p.plan_id), input.diagnosedOn)!;
  const depositFen = rules.claims.reviewDeposit ?? 0;
  return withTransaction(deps.pool, async (tx) => {
    const open = await tx.query(
      `SELECT 1 FROM claims WHERE participation_id = $1 AND event = $2
         AND state NOT IN ('rejected', 'withdrawn', 'lapsed', 'paid')`,
      [input.participationId, input.event],
    );
    if (open.rowCount)
      fail("claim_duplicate", "this illness already has an open claim on this participation");
    const ins = await tx.query<{ claim_id: number }>(
      `INSERT INTO claims (participation_id, member_id, plan_id, event, diagnosed_on, reported_on, after_death,
         rule_version, state, description_cipher, documents_due_on, deposit_fen, deposit_status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'reported', $9, $10, $11, $12, $13) RETURNING claim_id`,
      [
        input.participationId,
        p.member_id,
        p.plan_id,
        input.event,
        input.diagnosedOn,
        today,
        input.afterDeath,
        version.effective,
        input.description ? encryptPersonal(deps.secrets, input.description) : null,
        documentsDueOn(rules, today),
        depositFen,
        depositFen > 0 ? "held" : "none",
        new Date(deps.clock.now()),
      ],
    );
    const claimId = ins.rows[0]!.claim_id;
    await tx.query(
      `INSERT INTO claim_transitions (claim_id, from_state, to_state, action, actor_kind, actor_id, reason, rule_version, on_date, at)
       VALUES ($1, NULL, 'reported', 'report', $2, $3, $4, $5, $6, $7)`,
      [
        claimId,
        principal.kind,
        principal.id,
        `reported ${input.afterDeath ? "after a death " : ""}on ${today}, diagnosed on ${input.diagnosedOn} (deadline ${deadline.value.deadline})`,
        version.effective,
        today,
        new Date(deps.clock.now()),
      ],
    );
    if (depositFen > 0) {
      const heldFen = -(await balanceOf(tx, accounts.memberBalance(p.member_id)));
      if (heldFen < depositFen)
        fail(
          "insufficient_balance",
          `the plan asks a review deposit of ${depositFen} fen; the balance holds ${heldFen} fen — top up first`,
        );
      await postTransaction(tx, {
        key: `claim:${claimId}:deposit`,
        kind: "review_deposit",
        planId: p.plan_id,
        memo: `review deposit for claim ${claimId}`,
        at: new Date(deps.clock.now()),
        postings: transfer(
          accounts.memberDeposit(p.member_id),
          accounts.memberBalance(p.member_id),
          fen(depositFen),
        ),
      });
    }
    return claimView(deps, tx, await lockClaim(tx, claimId), principal);
  });
}

const documentPath = (deps: ServiceDeps, sha: string) =>
  join(deps.dataDir, "documents", sha.slice(0, 2), sha);

/**
 * Stores a document content-addressed by the SHA-256 of its bytes, encrypted at rest (medical papers
 * are personal data). The same file uploaded twice is stored once.
 */
export async function uploadDocument(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  doc: { contentType: string; kind: string; bytes: Buffer },
) {
  const check = DOCUMENT_TYPES[doc.contentType];
  if (!check)
    fail(
      "document_type",
      `documents are ${documentTypes.join(", ")}; not ${doc.contentType}`,
      "content-type",
    );
  if (doc.bytes.length === 0) fail("validation", "the document is empty", "body");
  if (doc.bytes.length > limits.documentBytesMax)
    fail("document_too_large", `a document is at most ${limits.documentBytesMax} bytes`, "body");
  if (!check!(doc.bytes))
    fail("document_type", `the file's content is not ${doc.contentType}`, "content-type");
  if (carriesActiveContent(doc.contentType, doc.bytes))
    fail(
      "document_active_content",
      "the file carries HTML, script or PDF actions; upload a plain scan",
      "body",
    );
  const sha = createHash("sha256").update(doc.bytes).digest("hex");
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps, principal, c);
    const count = await tx.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM claim_documents WHERE claim_id = $1",
      [claimId],
    );
    if (count.rows[0]!.n >= limits.documentsPerClaimMax)
      fail("conflict", `a claim holds at most ${limits.documentsPerClaimMax} documents`);
    // refuse before anything is written (the file too)
    const allowed = nextState(c.state, "upload");
    if (!allowed.ok) fail(allowed.error.code, allowed.error.message);
    const path = documentPath(deps, sha);
    if (!existsSync(path)) {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(`${path}.tmp`, encryptPersonal(deps.secrets, doc.bytes));
      renameSync(`${path}.tmp`, path);
    }
    const ins = await tx.query(
      `INSERT INTO claim_documents (claim_id, sha256, content_type, size_bytes, kind, uploaded_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        claimId,
        sha,
        doc.contentType,
        doc.bytes.length,
        doc.kind,
        `${principal.kind}:${principal.id}`,
        new Date(deps.clock.now()),
      ],
    );
    if (ins.rowCount)
      await move(deps, tx, c, "upload", actorOf(principal), `document ${doc.kind} ${sha.slice(0, 12)}`);
    return { sha256: sha, contentType: doc.contentType, sizeBytes: doc.bytes.length, kind: doc.kind };
  });
}

/** A document, only for the applicant (or their guardian), the assigned reviewer and investigator. */
export async function readDocument(deps: ServiceDeps, principal: Principal, claimId: number, sha: string) {
  const c = await loadClaim(deps.pool, claimId);
  if (!(await mayReadDocuments(deps, principal, c)))
    fail("not_found", `no document ${sha} on claim ${claimId}`);
  const { rows } = await deps.pool.query<{ content_type: string }>(
    "SELECT content_type FROM claim_documents WHERE claim_id = $1 AND sha256 = $2",
    [claimId, sha],
  );
  const row = rows[0] ?? fail("not_found", `no document ${sha} on claim ${claimId}`);
  await auditStaffRead(deps, deps.pool, principal, "claim_document", { claimId, sha256: sha });
  const bytes = decryptPersonalBytes(deps.secrets, readFileSync(documentPath(deps, sha)));
  if (createHash("sha256").update(bytes).digest("hex") !== sha)
    throw new Error(`document ${sha} does not match its address`);
  return { contentType: row.content_type, bytes };
}

async function mayReadDocuments(deps: ServiceDeps, principal: Principal, c: ClaimRow): Promise<boolean> {
  if (principal.kind === "staff") return c.reviewer_id === principal.id || c.investigator_id === principal.id;
  return memberFor(deps.pool, principal, c.member_id, false).then(
    () => true,
    () => false,
  );
}

async function asApplicant(deps: ServiceDeps, principal: Principal, c: ClaimRow): Promise<void> {
  // an operator acts for an heir after a recorded death (heirs need not hold an account), by the policy
  if (principal.kind === "staff") {
    if (!principal.roles.includes("operator")) fail("forbidden", "only the applicant may do this");
    return requireDuty(deps.pool, principal.id, "act_for_heir", c);
  }
  await memberFor(deps.pool, principal, c.member_id, false).catch(() =>
    fail("not_found", `no claim ${c.claim_id}`),
  );
}

/**
 * An operator records a member's death (the date on the death certificate); an after-death claim is
 * accepted only then, and another operator acts for the heir (claimDutyRefusal).
 */
export async function recordDeath(
  deps: ServiceDeps,
  principal: Principal,
  memberId: number,
  diedOn: CivilDate,
) {
  if (diedOn > todayOf(deps)) fail("validation", "the date of death is after today", "diedOn");
  const { rows } = await deps.pool.query<{ died_on: string | null }>(
    `UPDATE members SET died_on = coalesce(died_on, $2), death_recorded_by = coalesce(death_recorded_by, $3)
     WHERE member_id = $1 RETURNING died_on::text`,
    [memberId, diedOn, principal.id],
  );
  const m = rows[0] ?? fail("not_found", `no member ${memberId}`);
  if (m.died_on !== diedOn) fail("conflict", `the member's death is recorded on ${m.died_on}`, "diedOn");
  return { memberId, diedOn };
}

/** The applicant hands in the documents: the review starts, with its time limit by complexity. */
export async function submitClaim(deps: ServiceDeps, principal: Principal, claimId: number) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps, principal, c);
    if (c.state === "reported") fail("documents_missing", "upload at least one document before submitting");
    const today = todayOf(deps);
    if (today > c.documents_due_on)
      fail("claim_deadline_passed", `documents were due by ${c.documents_due_on}; the claim lapses`);
    const rules = await rulesOf(tx, c);
    await move(deps, tx, c, "submit", actorOf(principal), "documents submitted", {
      review_started_on: today,
      complexity: "clear",
      review_due_on: reviewDueOn(rules, today, "clear"),
    });
    return claimView(deps, tx, c, principal);
  });
}

// ---------------------------------------------------------------------------------------------------
// Review, investigation, decision

async function staffHasRole(q: Queryable, staffId: number, role: string): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM staff WHERE staff_id = $1 AND $2 = ANY (roles)", [
    staffId,
    role,
  ]);
  return rows.length > 0;
}

/** The operator assigns the reviewer (and sets the complexity, which sets the review deadline). */
export async function assignClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  a: { reviewerId?: number; complexity?: Complexity },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    if (a.reviewerId !== undefined && !(await staffHasRole(tx, a.reviewerId, "reviewer")))
      fail("validation", `staff ${a.reviewerId} is not a reviewer`, "reviewerId");
    if (a.reviewerId !== undefined) await requireDuty(tx, a.reviewerId, "review", c);
    const rules = await rulesOf(tx, c);
    const set: Record<string, unknown> = {};
    if (a.reviewerId !== undefined) set.reviewer_id = a.reviewerId;
    if (a.complexity) {
      set.complexity = a.complexity;
      set.review_due_on = reviewDueOn(rules, civilDate(c.review_started_on ?? todayOf(deps)), a.complexity);
    }
    await move(
      deps,
      tx,
      c,
      "assign",
      actorOf(principal),
      [a.reviewerId !== undefined && `reviewer ${a.reviewerId}`, a.complexity && `complexity ${a.complexity}`]
        .filter(Boolean)
        .join(", ") || "assignment unchanged",
      set,
    );
    return claimView(deps, tx, await lockClaim(tx, claimId), principal);
  });
}

function asAssigned(principal: Principal, c: ClaimRow, who: "reviewer" | "investigator"): void {
  const id = who === "reviewer" ? c.reviewer_id : c.investigator_id;
  if (id !== principal.id) fail("not_assigned", `you are not the ${who} assigned to claim ${c.claim_id}`);
}

/** The reviewer sends the case to an investigator. */
export async function startInvestigation(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  i: { investigatorId: number; reason: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "reviewer");
    if (!(await staffHasRole(tx, i.investigatorId, "investigator")))
      fail("validation", `staff ${i.investigatorId} is not an investigator`, "investigatorId");
    await requireDuty(tx, principal.id, "review", c);
    await requireDuty(tx, i.investigatorId, "investigate", c);
    await move(deps, tx, c, "investigate", actorOf(principal), i.reason, {
      investigator_id: i.investigatorId,
    });
    return claimView(deps, tx, c, principal);
  });
}

/** The investigator's findings and the expert's opinion (encrypted: they describe a person's health). */
export async function recordFindings(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  f: Findings & { findings: string; expertOpinion?: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "investigator");
    await requireDuty(tx, principal.id, "investigate", c);
    await move(deps, tx, c, "record_findings", actorOf(principal), "findings recorded");
    await tx.query(
      `INSERT INTO claim_findings (claim_id, investigator_id, findings_cipher, opinion_cipher, diagnosis_proven, pre_existing, false_claim, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        claimId,
        principal.id,
        encryptPersonal(deps.secrets, f.findings),
        f.expertOpinion ? encryptPersonal(deps.secrets, f.expertOpinion) : null,
        f.diagnosisProven,
        f.preExisting,
        f.falseClaim,
        new Date(deps.clock.now()),
      ],
    );
    return claimView(deps, tx, c, principal);
  });
}

/** Everything decideClaim needs, read from the record as it stood on the diagnosis date. */
async function decisionFacts(q: Queryable, c: ClaimRow, preExisting: boolean) {
  const { rows } = await q.query<{
    birth_date: string;
    joined_on: string;
    tier: string;
    status: string;
    suspended_on: string | null;
    ended_on: string | null;
  }>(
    `SELECT m.birth_date::text, p.joined_on::text, p.tier, p.status, p.suspended_on::text, p.ended_on::text
     FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1`,
    [c.participation_id],
  );
  const p = rows[0]!;
  const own = await q.query<{ s: string }>(
    `SELECT coalesce(sum(s.share_fen), 0)::text AS s FROM cycle_shares s JOIN cycles y USING (cycle_id)
     WHERE s.member_id = $1 AND y.plan_id = $2 AND s.status = 'collected'`,
    [c.member_id, c.plan_id],
  );
  const members = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM participations WHERE plan_id = $1 AND status = 'active'",
    [c.plan_id],
  );
  const standing =
    p.ended_on !== null && p.ended_on <= c.diagnosed_on
      ? "ended"
      : p.status === "suspended" && p.suspended_on !== null && p.suspended_on <= c.diagnosed_on
        ? "suspended"
        : "active";
  return {
    event: c.event,
    diagnosedOn: civilDate(c.diagnosed_on),
    reportedOn: civilDate(c.reported_on),
    afterDeath: c.after_death,
    preExisting,
    birthDate: civilDate(p.birth_date),
    joinedOn: civilDate(p.joined_on),
    tier: p.tier,
    standing,
    ownContributionsFen: fen(Number(own.rows[0]!.s)),
    effectiveMembers: members.rows[0]!.n,
  } as const;
}

const stored = (d: ClaimDecision, by: StoredDecision["by"]): StoredDecision => ({
  approved: d.approved,
  reason: d.approved ? null : d.reason,
  explanation: d.explanation,
  benefitFen: d.approved ? d.benefitFen : null,
  scheduleFen: d.approved ? d.scheduleFen : null,
  phaseInBp: d.approved ? d.phaseInBp : null,
  ruleVersion: d.ruleVersion,
  by,
});

/** The decision by the rules and the findings (findings first: a false claim or an unproven diagnosis). */
function judge(rulesDecision: ClaimDecision, f: Findings, note: string): ClaimDecision {
  const refuse = (reason: ClaimReason, explanation: string, ends: boolean): ClaimDecision => ({
    approved: false,
    ruleVersion: rulesDecision.ruleVersion,
    reason,
    explanation: note ? `${explanation} (${note})` : explanation,
    endsParticipation: ends,
  });
  if (f.falseClaim) return refuse("false_claim", "the claim was found false; the deposit is forfeited", true);
  if (!f.diagnosisProven) return refuse("not_proven", "the documents do not prove the diagnosis", false);
  return rulesDecision;
}

/**
 * The reviewer decides. The rule version in force on the diagnosis date, the waiting period, the age
 * band, the phase-in and the tier give the benefit or a refusal with a reason code; the findings can
 * refuse (not proven, false claim, pre-existing). A refusal that ends the participation (waiting period,
 * pre-existing, false claim) ends it in this transaction. The deposit is settled here.
 */
export async function decide(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  input: Partial<Findings> & { note: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    asAssigned(principal, c, "reviewer");
    await requireDuty(tx, principal.id, "review", c);
    const latest = await tx.query<
      Findings & { diagnosis_proven: boolean; pre_existing: boolean; false_claim: boolean }
    >(
      "SELECT diagnosis_proven, pre_existing, false_claim FROM claim_findings WHERE claim_id = $1 ORDER BY finding_id DESC LIMIT 1",
      [claimId],
    );
    const found = latest.rows[0];
    const f: Findings = {
      diagnosisProven: input.diagnosisProven ?? found?.diagnosis_proven ?? true,
      preExisting: input.preExisting ?? found?.pre_existing ?? false,
      falseClaim: input.falseClaim ?? found?.false_claim ?? false,
    };
    const plan = await loadStoredPlan(tx, c.plan_id);
    const d = judge(decideClaim(plan, await decisionFacts(tx, c, f.preExisting)), f, input.note);
    await applyDecision(deps, tx, c, d, actorOf(principal), "reviewer");
    await tx.query("UPDATE claim_objections SET resolved = true WHERE claim_id = $1 AND NOT resolved", [
      claimId,
    ]);
    return claimView(deps, tx, c, principal);
  });
}

async function applyDecision(
  deps: ServiceDeps,
  tx: Tx,
  c: ClaimRow,
  d: ClaimDecision,
  actor: Actor,
  by: StoredDecision["by"],
): Promise<void> {
  const today = todayOf(deps);
  const rules = await rulesOf(tx, c);
  const pseudonym = await pseudonymOf(tx, c.member_id);
  const decision = stored(d, by);
  if (d.approved) {
    await move(deps, tx, c, by === "jury" ? "overturn" : "approve", actor, d.explanation, {
      decision: JSON.stringify(decision),
      benefit_fen: d.benefitFen,
      decided_on: today,
      published_on: today,
      publicity_ends_on: publicityEndsOn(rules, today),
      explanation_requested: false,
    });
  } else {
    await move(deps, tx, c, by === "jury" ? "uphold" : "reject", actor, `${d.reason}: ${d.explanation}`, {
      decision: JSON.stringify(decision),
      benefit_fen: null,
      decided_on: today,
      appeal_due_on: appealDueOn(rules, today),
    });
    if (d.endsParticipation) await endParticipation(deps, tx, c.participation_id, `claim_${d.reason}`, today);
  }
  await settleDeposit(deps, tx, c, !d.approved && d.reason === "false_claim" ? "forfeit" : "refund");
  if (d.approved) {
    await broadcast(
      deps,
      tx,
      c.plan_id,
      "announcement",
      `互助公示：${c.event}`,
      `案例 #${c.claim_id} 公示至 ${addDays(publicityEndsOn(rules, today), -1)}，拟互助 ${formatYuan(d.benefitFen)} 元；如有异议请在公示期内提出。`,
    );
  }
  await appendLogEntry(tx, "claim_decision", {
    stage: by === "jury" ? "jury_result" : "decision",
    claim: c.claim_id,
    plan: c.plan_id,
    member: pseudonym,
    event: c.event,
    diagnosedOn: c.diagnosed_on,
    ruleVersion: c.rule_version,
    decision: d.approved ? "approved" : "rejected",
    reason: d.approved ? null : d.reason,
    benefitFen: d.approved ? d.benefitFen : 0,
    on: today,
  });
}

/** Refunds the review deposit to the balance, or forfeits it to the plan's pool on a false claim. */
async function settleDeposit(
  deps: ServiceDeps,
  tx: Tx,
  c: ClaimRow,
  how: "refund" | "forfeit",
): Promise<void> {
  if (c.deposit_status !== "held") return;
  const amount = fen(c.deposit_fen);
  await postTransaction(tx, {
    key: `claim:${c.claim_id}:deposit:${how}`,
    kind: how === "refund" ? "review_deposit_refund" : "review_deposit_forfeit",
    planId: c.plan_id,
    memo: `review deposit of claim ${c.claim_id} ${how === "refund" ? "refunded" : "forfeited"}`,
    at: new Date(deps.clock.now()),
    postings:
      how === "refund"
        ? transfer(accounts.memberBalance(c.member_id), accounts.memberDeposit(c.member_id), amount)
        : transfer(accounts.pool(c.plan_id), accounts.memberDeposit(c.member_id), amount),
  });
  const status = how === "refund" ? "refunded" : "forfeited";
  await tx.query("UPDATE claims SET deposit_status = $2 WHERE claim_id = $1", [c.claim_id, status]);
  c.deposit_status = status;
}

// ---------------------------------------------------------------------------------------------------
// Appeal and jury

/**
 * A refused applicant appeals: the jurors are drawn from the plan's adult members (not the applicant's
 * family) by a seed anyone can recompute — the latest signed log head and the claim id — over a
 * published, sorted candidate list. The vote is open for the plan's window.
 */
export async function appeal(deps: ServiceDeps, principal: Principal, claimId: number) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps, principal, c);
    const rules = await rulesOf(tx, c);
    const jury = rules.claims.jury ?? fail("no_jury", "this plan has no jury to appeal to");
    if (c.state !== "rejected") {
      const r = nextState(c.state, "appeal");
      if (!r.ok) fail(r.error.code, r.error.message);
    }
    if (c.appealed) fail("not_appealable", "the jury has already decided this claim");
    const reason = c.decision?.reason ?? "";
    if (!isAppealable(reason))
      fail(
        "not_appealable",
        `a refusal for "${reason}" follows from the rules themselves and is not for a jury`,
      );
    const window = checkAppealWindow(civilDate(c.appeal_due_on!), todayOf(deps));
    if (!window.ok) fail(window.error.code, window.error.message);
    const head =
      (await latestHead(tx)) ?? fail("conflict", "the log has no signed head yet; try again in a moment");
    const seed = jurySeed({ claimId, logSize: head.size, logRootHex: head.rootHash });
    const candidates = await juryCandidates(tx, c, todayOf(deps));
    const digest = candidatesDigest(candidates.pseudonyms);
    const picked = drawJurors(seed, candidates.pseudonyms.length, jury.jurors);
    const dir = join(deps.dataDir, "juries");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${digest}.txt`);
    if (!existsSync(file)) {
      // written in chunks: the whole list as one string would not fit at a hundred million names
      const fd = openSync(`${file}.tmp`, "w");
      for (let i = 0; i < candidates.pseudonyms.length; i += 65_536)
        writeSync(fd, candidatesText(candidates.pseudonyms.slice(i, i + 65_536)));
      closeSync(fd);
      renameSync(`${file}.tmp`, file);
    }
    const now = deps.clock.now();
    await tx.query(
      `INSERT INTO juries (claim_id, seed, log_size, log_root, candidates_count, candidates_digest, juror_count,
         overturn_above_bp, quorum, drawn_at, closes_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        claimId,
        seed,
        head.size,
        head.rootHash,
        candidates.pseudonyms.length,
        digest,
        picked.length,
        jury.overturnAbovePercent,
        jury.quorum,
        new Date(now),
        new Date(now + jury.windowHours * 3_600_000),
      ],
    );
    await tx.query(
      `INSERT INTO jurors (claim_id, draw_order, member_id, pseudonym)
       SELECT $1, o, m, p FROM unnest($2::int[], $3::bigint[], $4::text[]) AS u(o, m, p)`,
      [
        claimId,
        picked.map((_, i) => i),
        picked.map((i) => candidates.memberIds[i]!),
        picked.map((i) => candidates.pseudonyms[i]!),
      ],
    );
    await move(
      deps,
      tx,
      c,
      "appeal",
      actorOf(principal),
      `appeal of "${reason}"; ${picked.length} jurors drawn`,
      {
        appealed: true,
      },
    );
    await appendLogEntry(tx, "claim_decision", {
      stage: "jury_drawn",
      claim: claimId,
      plan: c.plan_id,
      seed,
      logSize: head.size,
      logRoot: head.rootHash,
      candidates: candidates.pseudonyms.length,
      candidatesDigest: digest,
      jurors: picked.length,
      closesAtMs: now + jury.windowHours * 3_600_000,
    });
    return claimView(deps, tx, c, principal);
  });
}

/**
 * Adult members with an active participation in the plan, not the applicant's household, in byte
 * order of their pseudonyms. COPY, not rows, and sorted by the server in byte order with the memory for
 * it: ten million candidates in about 20 s here, half of sorting the lines in JavaScript.
 */
async function juryCandidates(tx: Tx, c: ClaimRow, today: CivilDate) {
  const lit = (v: string | number) => tx.escapeLiteral(String(v));
  await tx.query(`SET LOCAL work_mem = '${limits.juryWorkMemMiB}MB'`);
  const lines: string[] = [];
  await copyOutLines(
    tx,
    `WITH applicant AS (SELECT coalesce(guardian_id, member_id) AS household FROM members WHERE member_id = ${lit(c.member_id)})
     SELECT m.pseudonym, m.member_id FROM participations p JOIN members m USING (member_id), applicant a
     WHERE p.plan_id = ${lit(c.plan_id)} AND p.status = 'active' AND m.kind = 'member'
       AND m.birth_date <= (${lit(today)}::date - interval '18 years')
       AND m.member_id <> a.household AND m.guardian_id IS DISTINCT FROM a.household
     ORDER BY m.pseudonym COLLATE "C"`,
    (line) => lines.push(line),
  );
  const pseudonyms = new Array<string>(lines.length);
  const memberIds = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const tab = lines[i]!.indexOf("\t");
    pseudonyms[i] = lines[i]!.slice(0, tab);
    memberIds[i] = Number(lines[i]!.slice(tab + 1));
  }
  return { pseudonyms, memberIds };
}

/**
 * A juror's vote, once, inside the window. A second vote by the same juror changes nothing and returns
 * the first. Each ballot goes to the transparency log under the juror's pseudonym; when every juror has
 * voted the jury is tallied at once.
 */
export async function voteJury(deps: ServiceDeps, principal: Principal, claimId: number, inFavour: boolean) {
  if (principal.kind !== "member") fail("not_a_juror", "only drawn jurors vote");
  return withTransaction(deps.pool, async (tx) => {
    const jury = await tx.query<{ closes_at: Date; outcome: string | null }>(
      "SELECT closes_at, outcome FROM juries WHERE claim_id = $1 FOR UPDATE",
      [claimId],
    );
    const j = jury.rows[0] ?? fail("not_found", `claim ${claimId} has no jury`);
    const juror = await tx.query<{ pseudonym: string }>(
      "SELECT pseudonym FROM jurors WHERE claim_id = $1 AND member_id = $2",
      [claimId, principal.id],
    );
    const me = juror.rows[0] ?? fail("not_a_juror", `you were not drawn for the jury of claim ${claimId}`);
    const previous = await tx.query<{ in_favour: boolean; at: Date }>(
      "SELECT in_favour, at FROM jury_votes WHERE claim_id = $1 AND member_id = $2",
      [claimId, principal.id],
    );
    if (previous.rows[0])
      return {
        claimId,
        inFavour: previous.rows[0].in_favour,
        at: previous.rows[0].at.toISOString(),
        alreadyVoted: true,
      };
    const now = deps.clock.now();
    if (j.outcome !== null || now >= j.closes_at.getTime())
      fail("jury_closed", `the jury's vote closed at ${j.closes_at.toISOString()}`);
    await tx.query("INSERT INTO jury_votes (claim_id, member_id, in_favour, at) VALUES ($1, $2, $3, $4)", [
      claimId,
      principal.id,
      inFavour,
      new Date(now),
    ]);
    await appendLogEntry(tx, "ballot", { claim: claimId, juror: me.pseudonym, inFavour });
    const counts = await tx.query<{ voted: number; drawn: number }>(
      `SELECT (SELECT count(*)::int FROM jury_votes WHERE claim_id = $1) AS voted,
              (SELECT count(*)::int FROM jurors WHERE claim_id = $1) AS drawn`,
      [claimId],
    );
    if (counts.rows[0]!.voted === counts.rows[0]!.drawn) await closeJury(deps, tx, claimId);
    return { claimId, inFavour, at: new Date(now).toISOString(), alreadyVoted: false };
  });
}

/**
 * Tallies a jury: below the quorum, or at or under the threshold, the refusal stands; above it the
 * refusal is overturned and the claim is decided again by the rules with the contested findings set
 * aside (a refusal the rules themselves give still stands).
 */
async function closeJury(deps: ServiceDeps, tx: Tx, claimId: number) {
  const { rows } = await tx.query<{
    overturn_above_bp: number;
    quorum: number;
    in_favour: number;
    against: number;
  }>(
    `SELECT j.overturn_above_bp, j.quorum,
       (SELECT count(*) FILTER (WHERE in_favour)::int FROM jury_votes v WHERE v.claim_id = j.claim_id) AS in_favour,
       (SELECT count(*) FILTER (WHERE NOT in_favour)::int FROM jury_votes v WHERE v.claim_id = j.claim_id) AS against
     FROM juries j WHERE j.claim_id = $1`,
    [claimId],
  );
  const r = rows[0]!;
  const t = tallyJury(
    { inFavour: r.in_favour, against: r.against },
    { overturnAboveBp: r.overturn_above_bp, quorum: r.quorum },
  );
  await tx.query(
    "UPDATE juries SET outcome = $2, in_favour = $3, against = $4, tallied_at = $5 WHERE claim_id = $1",
    [claimId, t.outcome, t.inFavour, t.against, new Date(deps.clock.now())],
  );
  const c = await lockClaim(tx, claimId);
  const jury: Actor = { kind: "jury", id: null };
  if (t.outcome === "overturned") {
    const plan = await loadStoredPlan(tx, c.plan_id);
    const d = decideClaim(plan, await decisionFacts(tx, c, false));
    const explained: ClaimDecision = { ...d, explanation: `${t.explanation}; ${d.explanation}` };
    await applyDecision(deps, tx, c, explained, jury, "jury");
  } else {
    await move(deps, tx, c, "uphold", jury, t.explanation);
    await appendLogEntry(tx, "claim_decision", {
      stage: "jury_result",
      claim: claimId,
      plan: c.plan_id,
      member: await pseudonymOf(tx, c.member_id),
      decision: "rejected",
      reason: c.decision?.reason ?? null,
      jury: t.outcome,
      inFavour: t.inFavour,
      against: t.against,
      on: todayOf(deps),
    });
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Objections, explanations, withdrawal

/** Any member may object to a published case, with grounds: the case goes back to review. */
export async function objectToClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  grounds: string,
) {
  if (principal.kind !== "member") fail("forbidden", "objections come from members");
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    if (c.member_id === principal.id) fail("forbidden", "an applicant cannot object to their own claim");
    if (c.state !== "announcement") {
      const r = nextState(c.state, "object");
      if (!r.ok) fail(r.error.code, r.error.message);
    }
    const w = checkObjectionWindow(
      civilDate(c.published_on!),
      civilDate(c.publicity_ends_on!),
      todayOf(deps),
    );
    if (!w.ok) fail(w.error.code, w.error.message);
    const at = new Date(deps.clock.now());
    await tx.query(
      "INSERT INTO claim_objections (claim_id, member_id, grounds_cipher, at) VALUES ($1, $2, $3, $4)",
      [claimId, principal.id, encryptPersonal(deps.secrets, grounds), at],
    );
    await move(
      deps,
      tx,
      c,
      "object",
      actorOf(principal),
      "objection during publicity; the applicant is asked to explain",
      {
        explanation_requested: true,
      },
    );
    await notifyApplicant(
      deps,
      tx,
      c,
      `【互助】您的互助申请 #${claimId} 在公示期收到异议，已退回复核。请登录补充说明。`,
    );
    return { claimId, state: c.state, objectedOn: todayOf(deps) };
  });
}

/** An SMS to the applicant (or the guardian of a dependant); a failed send does not undo the move. */
async function notifyApplicant(deps: ServiceDeps, tx: Tx, c: ClaimRow, body: string): Promise<void> {
  const { rows } = await tx.query<{
    personal_cipher: Buffer | null;
    mobile_cipher: Buffer | null;
    g_personal_cipher: Buffer | null;
    g_mobile_cipher: Buffer | null;
  }>(
    `SELECT m.personal_cipher, m.mobile_cipher, g.personal_cipher AS g_personal_cipher, g.mobile_cipher AS g_mobile_cipher
     FROM members m LEFT JOIN members g ON g.member_id = m.guardian_id WHERE m.member_id = $1`,
    [c.member_id],
  );
  const r = rows[0];
  if (!r) return;
  const mobile =
    memberMobile(deps.secrets, r) ??
    memberMobile(deps.secrets, { personal_cipher: r.g_personal_cipher, mobile_cipher: r.g_mobile_cipher });
  if (!mobile) return;
  await deps.sms.send(tx, mobile, body, new Date(deps.clock.now()));
}

/** The applicant answers an objection. */
export async function explainClaim(deps: ServiceDeps, principal: Principal, claimId: number, text: string) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps, principal, c);
    if (!c.explanation_requested) fail("conflict", "no explanation was asked for");
    await tx.query("INSERT INTO claim_explanations (claim_id, text_cipher, at) VALUES ($1, $2, $3)", [
      claimId,
      encryptPersonal(deps.secrets, text),
      new Date(deps.clock.now()),
    ]);
    await move(deps, tx, c, "explain", actorOf(principal), "the applicant explained", {
      explanation_requested: false,
    });
    return claimView(deps, tx, c, principal);
  });
}

/** The applicant withdraws before the case is shared; a held deposit is refunded. */
export async function withdrawClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  reason: string,
) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps, principal, c);
    // the applicant's own words are kept encrypted (note), not in the transition's reason
    await move(
      deps,
      tx,
      c,
      "withdraw",
      actorOf(principal),
      "withdrawn by the applicant",
      {},
      reason || undefined,
    );
    await settleDeposit(deps, tx, c, "refund");
    return claimView(deps, tx, c, principal);
  });
}

// ---------------------------------------------------------------------------------------------------
// The scheduler's part: lapse, close juries, end publicity, mark payments

export type AdvanceReport = { lapsed: number; juriesClosed: number; shared: number; paid: number };

/**
 * Moves every claim whose time has come, each in its own transaction: claims without documents by the
 * due day lapse; juries past their window are tallied; published cases whose publicity ended without
 * objection enter the next cycle's apportionment (ending the participation where the plan says a
 * payment does); cases paid by a cycle are marked paid. Safe to run again: each step selects by state.
 */
export async function advanceClaims(deps: ServiceDeps): Promise<AdvanceReport> {
  const today = todayOf(deps);
  const report: AdvanceReport = { lapsed: 0, juriesClosed: 0, shared: 0, paid: 0 };
  const ids = async (sql: string, params: unknown[]) =>
    (await deps.pool.query<{ claim_id: number }>(sql, params)).rows.map((r) => r.claim_id);

  for (const id of await ids(
    "SELECT claim_id FROM claims WHERE state IN ('reported', 'documents') AND documents_due_on < $1 ORDER BY claim_id",
    [today],
  )) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "reported" && c.state !== "documents") return;
      await move(deps, tx, c, "lapse", SYSTEM, `no documents submitted by ${c.documents_due_on}`);
      await settleDeposit(deps, tx, c, "refund");
      report.lapsed++;
    });
  }
  for (const id of await ids(
    "SELECT claim_id FROM juries WHERE outcome IS NULL AND closes_at <= $1 ORDER BY claim_id",
    [new Date(deps.clock.now())],
  )) {
    await withTransaction(deps.pool, async (tx) => {
      const j = await tx.query("SELECT 1 FROM juries WHERE claim_id = $1 AND outcome IS NULL FOR UPDATE", [
        id,
      ]);
      if (!j.rowCount) return;
      await closeJury(deps, tx, id);
      report.juriesClosed++;
    });
  }
  for (const id of await ids(
    "SELECT claim_id FROM claims WHERE state = 'announcement' AND publicity_ends_on <= $1 ORDER BY claim_id",
    [today],
  )) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "announcement") return;
      const rules = await rulesOf(tx, c);
      const ins = await tx.query<{ case_id: number }>(
        "INSERT INTO cycle_cases (plan_id, member_id, event, benefit_fen, decided_on) VALUES ($1, $2, $3, $4, $5) RETURNING case_id",
        [c.plan_id, c.member_id, c.event, c.benefit_fen, today],
      );
      const caseId = ins.rows[0]!.case_id;
      await move(
        deps,
        tx,
        c,
        "share",
        SYSTEM,
        `publicity ended on ${c.publicity_ends_on} without objection; case ${caseId} enters the next cycle`,
        {
          case_id: caseId,
        },
      );
      await appendLogEntry(tx, "claim_decision", {
        stage: "shared",
        claim: id,
        case: caseId,
        plan: c.plan_id,
        member: await pseudonymOf(tx, c.member_id),
        benefitFen: c.benefit_fen,
        on: today,
      });
      if (rules.claims.paymentEndsParticipation)
        await endParticipation(deps, tx, c.participation_id, "benefit_approved", today);
      report.shared++;
    });
  }
  for (const id of await ids(
    `SELECT c.claim_id FROM claims c JOIN cycle_cases k ON k.case_id = c.case_id
     WHERE c.state = 'sharing' AND k.paid ORDER BY c.claim_id`,
    [],
  )) {
    await withTransaction(deps.pool, async (tx) => {
      const c = await lockClaim(tx, id);
      if (c.state !== "sharing") return;
      const cyc = await tx.query<{ cycle_id: number; collect_on: string }>(
        "SELECT y.cycle_id, y.collect_on::text FROM cycle_cases k JOIN cycles y USING (cycle_id) WHERE k.case_id = $1",
        [c.case_id],
      );
      const y = cyc.rows[0];
      await move(
        deps,
        tx,
        c,
        "pay",
        SYSTEM,
        y ? `paid in one sum by cycle ${y.cycle_id} after collection on ${y.collect_on}` : "paid",
      );
      report.paid++;
    });
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Reading

async function loadClaim(q: Queryable, claimId: number): Promise<ClaimRow> {
  const { rows } = await q.query<ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE claim_id = $1`, [claimId]);
  return rows[0] ?? fail("not_found", `no claim ${claimId}`);
}

/**
 * The applicant as the claim's reader may see them (src/domain/disclosure.ts): the ID per audience; age at
 * diagnosis and sex for those who decide (reviewer, investigator, auditor), who need no ID digit.
 */
function applicantShown(
  m: { id_masked: string; birth_date: string; sex: Sex },
  c: ClaimRow,
  principal: Principal,
): { idMasked: string; ageAtDiagnosis?: number; sex?: Sex } {
  const audience = principal.kind === "member" ? "subject" : staffAudience(principal.roles);
  const idMasked = residentIdShown(m.id_masked, audience);
  if (audience !== "case") return { idMasked };
  return { idMasked, ageAtDiagnosis: ageOn(civilDate(m.birth_date), civilDate(c.diagnosed_on)), sex: m.sex };
}

/** A claim as its reader may see it: masked identity always; free text only for applicant and assignees. */
async function claimView(deps: ServiceDeps, q: Queryable, c: ClaimRow, principal: Principal) {
  const privy = await mayReadDocuments(deps, principal, c);
  const member = await q.query<{ name_masked: string; id_masked: string; birth_date: string; sex: Sex }>(
    "SELECT name_masked, id_masked, birth_date::text, sex FROM members WHERE member_id = $1",
    [c.member_id],
  );
  const applicant = applicantShown(member.rows[0]!, c, principal);
  const transitions = await q.query<{
    from_state: string | null;
    to_state: string;
    action: string;
    actor_kind: string;
    actor_id: number | null;
    reason: string;
    rule_version: string;
    on_date: string;
    at: Date;
    note_cipher: Buffer | null;
  }>(
    `SELECT from_state, to_state, action, actor_kind, actor_id, reason, rule_version::text, on_date::text, at, note_cipher
     FROM claim_transitions WHERE claim_id = $1 ORDER BY transition_id`,
    [c.claim_id],
  );
  const docs = privy
    ? (
        await q.query<{ sha256: string; content_type: string; size_bytes: number; kind: string }>(
          "SELECT sha256, content_type, size_bytes, kind FROM claim_documents WHERE claim_id = $1 ORDER BY at, sha256",
          [c.claim_id],
        )
      ).rows.map((d) => ({
        sha256: d.sha256,
        contentType: d.content_type,
        sizeBytes: d.size_bytes,
        kind: d.kind,
      }))
    : undefined;
  const findings = privy
    ? (
        await q.query<{
          findings_cipher: Buffer;
          opinion_cipher: Buffer | null;
          diagnosis_proven: boolean;
          pre_existing: boolean;
          false_claim: boolean;
          at: Date;
        }>("SELECT * FROM claim_findings WHERE claim_id = $1 ORDER BY finding_id", [c.claim_id])
      ).rows.map((f) => ({
        findings: decryptPersonal(deps.secrets, f.findings_cipher),
        expertOpinion: f.opinion_cipher ? decryptPersonal(deps.secrets, f.opinion_cipher) : null,
        diagnosisProven: f.diagnosis_proven,
        preExisting: f.pre_existing,
        falseClaim: f.false_claim,
        at: f.at.toISOString(),
      }))
    : undefined;
  if (privy && (c.description_cipher || (findings?.length ?? 0) > 0))
    await auditStaffRead(deps, q, principal, "claim_personal_text", { claimId: c.claim_id });
  // paid in one sum after the cycle's collection, within the plan's working days
  let payoutDueOn: string | null = null;
  if (c.case_id !== null) {
    const y = await q.query<{ collect_on: string }>(
      "SELECT y.collect_on::text FROM cycle_cases k JOIN cycles y USING (cycle_id) WHERE k.case_id = $1",
      [c.case_id],
    );
    if (y.rows[0]) {
      const rules = await rulesOf(q, c);
      payoutDueOn = addWorkingDays(civilDate(y.rows[0].collect_on), rules.claims.payoutWithinWorkingDays);
    }
  }
  return {
    claimId: c.claim_id,
    planId: c.plan_id,
    participationId: c.participation_id,
    memberId: c.member_id,
    nameMasked: member.rows[0]!.name_masked,
    ...applicant,
    event: c.event,
    diagnosedOn: c.diagnosed_on,
    reportedOn: c.reported_on,
    afterDeath: c.after_death,
    ruleVersion: c.rule_version,
    state: c.state,
    description:
      privy && c.description_cipher ? decryptPersonal(deps.secrets, c.description_cipher) : undefined,
    deadlines: {
      documentsDueOn: c.documents_due_on,
      reviewDueOn: c.review_due_on,
      appealDueOn: c.appeal_due_on,
      publicityEndsOn: c.publicity_ends_on,
      payoutDueOn,
    },
    complexity: c.complexity,
    reviewerId: c.reviewer_id,
    investigatorId: c.investigator_id,
    decision: c.decision,
    benefitFen: c.benefit_fen,
    publishedOn: c.published_on,
    appealed: c.appealed,
    explanationRequested: c.explanation_requested,
    caseId: c.case_id,
    deposit: { fen: c.deposit_fen, status: c.deposit_status },
    documents: docs,
    findings,
    transitions: transitions.rows.map((t) => ({
      from: t.from_state,
      to: t.to_state,
      action: t.action,
      actor: t.actor_id === null ? t.actor_kind : `${t.actor_kind}:${t.actor_id}`,
      reason: t.reason,
      ...(privy && t.note_cipher ? { note: decryptPersonal(deps.secrets, t.note_cipher) } : {}),
      ruleVersion: t.rule_version,
      on: t.on_date,
      at: t.at.toISOString(),
    })),
  };
}

/** One claim: the applicant (or guardian), staff who may read claims; anyone else gets 404. */
export async function getClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  staffMayRead: boolean,
) {
  const c = await loadClaim(deps.pool, claimId);
  if (principal.kind === "member") await asApplicant(deps, principal, c);
  else if (!staffMayRead) fail("not_found", `no claim ${claimId}`);
  return claimView(deps, deps.pool, c, principal);
}

/** Claims by id order after a cursor: a member's own and dependants'; staff see all (filters optional). */
export async function listClaims(
  deps: ServiceDeps,
  principal: Principal,
  f: { state?: string; planId?: string; after?: number; limit: number },
) {
  const params: unknown[] = [f.after ?? 0, f.limit + 1];
  const where = ["claim_id > $1"];
  if (principal.kind === "member") {
    params.push(principal.id);
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
  const { rows } = await deps.pool.query<ClaimRow>(
    `SELECT ${COLUMNS} FROM claims WHERE ${where.join(" AND ")} ORDER BY claim_id LIMIT $2`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const items = await Promise.all(
    page.map(async (c) => {
      const v = await claimView(deps, deps.pool, c, principal);
      return { ...v, transitions: undefined, findings: undefined };
    }),
  );
  return { items, nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.claim_id) : null };
}

/**
 * The plan's public announcements: cases in their publicity period, masked (name masked, no ID digit,
 * an age band instead of a birth date or an exact age, event, amount), with the decision's explanation — what members object to.
 */
export async function listAnnouncements(deps: ServiceDeps, planId: string) {
  const { rows } = await deps.pool.query<{
    claim_id: number;
    name_masked: string;
    birth_date: string;
    event: string;
    diagnosed_on: string;
    benefit_fen: number;
    published_on: string;
    publicity_ends_on: string;
    decision: StoredDecision;
  }>(
    `SELECT c.claim_id, m.name_masked, m.birth_date::text, c.event, c.diagnosed_on::text, c.benefit_fen,
       c.published_on::text, c.publicity_ends_on::text, c.decision
     FROM claims c JOIN members m USING (member_id)
     WHERE c.plan_id = $1 AND c.state = 'announcement' ORDER BY c.published_on, c.claim_id`,
    [planId],
  );
  return {
    items: rows.map((r) => ({
      claimId: r.claim_id,
      nameMasked: r.name_masked,
      ageBand: ageBand(ageOn(civilDate(r.birth_date), civilDate(r.diagnosed_on))),
      event: r.event,
      diagnosedOn: r.diagnosed_on,
      benefitFen: r.benefit_fen,
      publishedOn: r.published_on,
      objectionsUntil: addDays(civilDate(r.publicity_ends_on), -1),
      explanation: r.decision.explanation,
    })),
  };
}

/** The jury's public record: the draw's inputs, the jurors (pseudonyms), the tally once closed. */
export async function juryRecord(q: Queryable, claimId: number) {
  const { rows } = await q.query<{
    seed: string;
    log_size: number;
    log_root: string;
    candidates_count: number;
    candidates_digest: string;
    juror_count: number;
    overturn_above_bp: number;
    quorum: number;
    drawn_at: Date;
    closes_at: Date;
    outcome: string | null;
    in_favour: number | null;
    against: number | null;
  }>("SELECT * FROM juries WHERE claim_id = $1", [claimId]);
  const j = rows[0] ?? fail("not_found", `claim ${claimId} has no jury`);
  const jurors = await q.query<{ pseudonym: string }>(
    "SELECT pseudonym FROM jurors WHERE claim_id = $1 ORDER BY draw_order",
    [claimId],
  );
  return {
    claimId,
    seed: j.seed,
    seedInputs: { claimId, logSize: Number(j.log_size), logRootHex: j.log_root },
    candidates: { count: j.candidates_count, digest: j.candidates_digest },
    jurySize: j.juror_count,
    rule: { overturnAboveBp: j.overturn_above_bp, quorum: j.quorum },
    drawnAt: j.drawn_at.toISOString(),
    closesAt: j.closes_at.toISOString(),
    jurors: jurors.rows.map((r) => r.pseudonym),
    tally: j.outcome ? { outcome: j.outcome, inFavour: j.in_favour, against: j.against } : null,
  };
}

/** The published candidate list (pseudonyms, one per line), as the draw used it. */
export async function juryCandidatesFile(deps: ServiceDeps, claimId: number): Promise<string> {
  const j = await juryRecord(deps.pool, claimId);
  return join(deps.dataDir, "juries", `${j.candidates.digest}.txt`);
}
