import type { ChangeClass, VoteRule } from "../domain/governance/charter.ts";
import type { ProposalState } from "../domain/governance/proposal.ts";
import { copyOutLines, type Queryable, type Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

export type ProposalRow = {
  proposalId: number;
  planId: string;
  kind: "change" | "dissolution" | "log_key";
  title: string;
  body: string;
  changes: Record<string, unknown> | null;
  diff: string[];
  changeClass: ChangeClass;
  classReasons: string[];
  proposer: string;
  state: ProposalState;
  charterEffective: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  noticeEndsOn: string | null;
  voteRequired: boolean;
  votingClosesOn: string | null;
  voteRule: VoteRule | null;
  quorumPercent: string | null;
  eligibleCount: number | null;
  tally: Record<string, unknown> | null;
  adoptedVersion: string | null;
};

/** What publication, the tally and adoption set on a proposal besides its state (JSON already as text). */
export type ProposalUpdate = Partial<{
  charterEffective: string;
  publishedOn: string;
  effectiveOn: string;
  noticeEndsOn: string;
  voteRequired: boolean;
  votingClosesOn: string | null;
  voteRule: string;
  quorumPercent: number;
  eligibleCount: number | null;
  tally: string;
  adoptedVersion: string;
  diff: string;
  changeClass: ChangeClass;
  classReasons: string;
}>;
const UPDATE_COLUMNS: Record<keyof ProposalUpdate, string> = {
  charterEffective: "charter_effective",
  publishedOn: "published_on",
  effectiveOn: "effective_on",
  noticeEndsOn: "notice_ends_on",
  voteRequired: "vote_required",
  votingClosesOn: "voting_closes_on",
  voteRule: "vote_rule",
  quorumPercent: "quorum_percent",
  eligibleCount: "eligible_count",
  tally: "tally",
  adoptedVersion: "adopted_version",
  diff: "diff",
  changeClass: "change_class",
  classReasons: "class_reasons",
};

const COLUMNS = `proposal_id AS "proposalId", plan_id AS "planId", kind, title, body, changes, diff,
  change_class AS "changeClass", class_reasons AS "classReasons", proposer, state,
  charter_effective::text AS "charterEffective", published_on::text AS "publishedOn",
  effective_on::text AS "effectiveOn", notice_ends_on::text AS "noticeEndsOn", vote_required AS "voteRequired",
  voting_closes_on::text AS "votingClosesOn", vote_rule AS "voteRule", quorum_percent AS "quorumPercent",
  eligible_count AS "eligibleCount", tally, adopted_version::text AS "adoptedVersion"`;

/** Eligible voters: adult members with a participation in the plan that has not ended, joined by `on`. */
const ELIGIBLE = `FROM participations p JOIN members m USING (member_id)
  WHERE p.plan_id = $1 AND p.status <> 'ended' AND p.joined_on <= $2 AND m.kind = 'member'
    AND m.birth_date <= ($2::date - interval '18 years')`;

/** The count a `SELECT count(*)::int AS n …` gives. */
async function countOf(q: Queryable, sql: string, params: unknown[]): Promise<number> {
  return oneRow(await q.query<{ n: number }>(sql, params), "a count").n;
}

/** Whether a query finds a row. */
async function exists(q: Queryable, sql: string, params: unknown[]): Promise<boolean> {
  return Boolean((await q.query(sql, params)).rowCount);
}

async function charters(q: Queryable, planId: string): Promise<unknown[]> {
  const { rows } = await q.query<{ charter: unknown }>(
    "SELECT charter FROM plan_charters WHERE plan_id = $1 ORDER BY effective",
    [planId],
  );
  return rows.map((r) => r.charter);
}

async function insertCharter(tx: Tx, planId: string, effective: string, charter: unknown): Promise<void> {
  await tx.query("INSERT INTO plan_charters (plan_id, effective, charter) VALUES ($1, $2, $3)", [
    planId,
    effective,
    JSON.stringify(charter),
  ]);
}

/** Locks the proposal for the rest of the transaction (every move goes through this lock). */
async function lockProposal(tx: Tx, id: number): Promise<ProposalRow | undefined> {
  const { rows } = await tx.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM proposals WHERE proposal_id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

async function proposalById(q: Queryable, id: number): Promise<ProposalRow | undefined> {
  const { rows } = await q.query<ProposalRow>(`SELECT ${COLUMNS} FROM proposals WHERE proposal_id = $1`, [
    id,
  ]);
  return rows[0];
}

export type NewProposal = Pick<
  ProposalRow,
  "planId" | "kind" | "title" | "body" | "changes" | "diff" | "changeClass" | "classReasons" | "proposer"
> & { keyRotationId?: number };

async function insertProposal(tx: Tx, p: NewProposal, at: Date): Promise<number> {
  const ins = await tx.query<{ proposalId: number }>(
    `INSERT INTO proposals (plan_id, kind, title, body, changes, diff, change_class, class_reasons, proposer, state, created_at, key_rotation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, $11) RETURNING proposal_id AS "proposalId"`,
    [
      p.planId,
      p.kind,
      p.title,
      p.body,
      p.changes ? JSON.stringify(p.changes) : null,
      JSON.stringify(p.diff),
      p.changeClass,
      JSON.stringify(p.classReasons),
      p.proposer,
      at,
      p.keyRotationId ?? null,
    ],
  );
  return oneRow(ins, "the inserted proposal").proposalId;
}

/** The proposals a log key rotation published, one a plan (issue 20). */
async function rotationProposals(q: Queryable, rotationId: number): Promise<ProposalRow[]> {
  const { rows } = await q.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM proposals WHERE key_rotation_id = $1 ORDER BY proposal_id`,
    [rotationId],
  );
  return rows;
}

/** A plan's proposal for the log key rotation still running, if any. */
async function pendingLogKeyProposal(q: Queryable, planId: string): Promise<ProposalRow | undefined> {
  const { rows } = await q.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM proposals WHERE plan_id = $1 AND key_rotation_id IN
       (SELECT rotation_id FROM key_rotations WHERE purpose = 'log-signing' AND state = 'running')`,
    [planId],
  );
  return rows[0];
}

async function updateProposal(tx: Tx, id: number, state: ProposalState, set: ProposalUpdate): Promise<void> {
  const keys = Object.keys(set) as Array<keyof ProposalUpdate>;
  await tx.query(
    `UPDATE proposals SET state = $2${keys.map((k, i) => `, ${UPDATE_COLUMNS[k]} = $${i + 3}`).join("")} WHERE proposal_id = $1`,
    [id, state, ...keys.map((k) => set[k])],
  );
}

/** A move in a proposal's history, and an evaluation, as stored and as read. */
type ProposalEvent = {
  from: ProposalState | null;
  to: ProposalState;
  action: string;
  actor: string;
  reason: string;
  at: Date;
};
type Evaluation = { role: string; expertName: string | null; recommend: boolean; opinion: string; at: Date };

async function insertEvent(tx: Tx, e: ProposalEvent & { proposalId: number }): Promise<void> {
  await tx.query(
    "INSERT INTO proposal_events (proposal_id, from_state, to_state, action, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [e.proposalId, e.from, e.to, e.action, e.actor, e.reason, e.at],
  );
}

async function insertEvaluation(
  tx: Tx,
  e: Evaluation & { proposalId: number; staffId: number },
): Promise<void> {
  await tx.query(
    "INSERT INTO proposal_evaluations (proposal_id, staff_id, role, expert_name, recommend, opinion, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [e.proposalId, e.staffId, e.role, e.expertName, e.recommend, e.opinion, e.at],
  );
}

const hasEvaluation = (q: Queryable, id: number) =>
  exists(q, "SELECT 1 FROM proposal_evaluations WHERE proposal_id = $1", [id]);

async function evaluations(q: Queryable, id: number) {
  const { rows } = await q.query<Evaluation>(
    `SELECT role, expert_name AS "expertName", recommend, opinion, at FROM proposal_evaluations WHERE proposal_id = $1 ORDER BY evaluation_id`,
    [id],
  );
  return rows;
}

async function events(q: Queryable, id: number) {
  const { rows } = await q.query<ProposalEvent>(
    `SELECT from_state AS "from", to_state AS "to", action, actor, reason, at FROM proposal_events WHERE proposal_id = $1 ORDER BY event_id`,
    [id],
  );
  return rows;
}

const commentCount = (q: Queryable, id: number) =>
  countOf(q, "SELECT count(*)::int AS n FROM proposal_comments WHERE proposal_id = $1", [id]);

async function insertComment(
  tx: Tx,
  c: { proposalId: number; memberId: number; pseudonym: string; text: string; at: Date },
): Promise<void> {
  await tx.query(
    "INSERT INTO proposal_comments (proposal_id, member_id, pseudonym, text, at) VALUES ($1, $2, $3, $4, $5)",
    [c.proposalId, c.memberId, c.pseudonym, c.text, c.at],
  );
}

/** A page of a proposal's comments in order, one more than asked so the caller knows there is a next. */
async function comments(q: Queryable, id: number, afterId: number, limit: number) {
  const { rows } = await q.query<{ commentId: number; pseudonym: string; text: string; at: Date }>(
    `SELECT comment_id AS "commentId", pseudonym, text, at FROM proposal_comments
     WHERE proposal_id = $1 AND comment_id > $2 ORDER BY comment_id LIMIT $3`,
    [id, afterId, limit],
  );
  return rows;
}

async function proposalIds(q: Queryable, f: { planId: string | null; afterId: number; limit: number }) {
  const { rows } = await q.query<{ proposalId: number }>(
    `SELECT proposal_id AS "proposalId" FROM proposals WHERE proposal_id > $1 AND ($2::text IS NULL OR plan_id = $2) ORDER BY proposal_id LIMIT $3`,
    [f.afterId, f.planId, f.limit],
  );
  return rows.map((r) => r.proposalId);
}

/** The plan's open proposals with a concrete change (the candidates for a conflict). */
async function openChanges(q: Queryable, planId: string) {
  const { rows } = await q.query<{
    proposalId: number;
    title: string;
    state: ProposalState;
    changes: Record<string, unknown>;
  }>(
    `SELECT proposal_id::int AS "proposalId", title, state, changes FROM proposals
     WHERE plan_id = $1 AND changes IS NOT NULL AND state IN ('submitted', 'accepted', 'published', 'passed')
     ORDER BY proposal_id`,
    [planId],
  );
  return rows;
}

/** Whether the plan has a dissolution proposal that is neither decided nor withdrawn. */
const openDissolution = (q: Queryable, planId: string) =>
  exists(
    q,
    `SELECT 1 FROM proposals WHERE plan_id = $1 AND kind = 'dissolution'
       AND state IN ('submitted', 'accepted', 'published', 'passed')`,
    [planId],
  );

/** Whether a member of the plan (a participation that has not ended) is the one proposing. */
const inPlan = (q: Queryable, memberId: number, planId: string) =>
  exists(q, "SELECT 1 FROM participations WHERE member_id = $1 AND plan_id = $2 AND status <> 'ended'", [
    memberId,
    planId,
  ]);

const eligibleCount = (q: Queryable, planId: string, on: string) =>
  countOf(q, `SELECT count(*)::int AS n ${ELIGIBLE}`, [planId, on]);

const isEligible = (q: Queryable, planId: string, on: string | null, memberId: number) =>
  exists(q, `SELECT 1 ${ELIGIBLE} AND m.member_id = $3`, [planId, on, memberId]);

const nextBallotSeq = (tx: Tx, id: number, memberId: number) =>
  countOf(
    tx,
    "SELECT coalesce(max(seq), 0)::int + 1 AS n FROM ballots WHERE proposal_id = $1 AND member_id = $2",
    [id, memberId],
  );

async function insertBallot(
  tx: Tx,
  b: { proposalId: number; memberId: number; seq: number; inFavour: boolean; at: Date },
): Promise<void> {
  await tx.query(
    "INSERT INTO ballots (proposal_id, member_id, seq, in_favour, at) VALUES ($1, $2, $3, $4, $5)",
    [b.proposalId, b.memberId, b.seq, b.inFavour, b.at],
  );
}

/** The count from the database: each member's last ballot. */
async function lastBallotCounts(q: Queryable, id: number): Promise<{ inFavour: number; against: number }> {
  const r = await q.query<{ y: number; n: number }>(
    `SELECT count(*) FILTER (WHERE in_favour)::int AS y, count(*) FILTER (WHERE NOT in_favour)::int AS n
     FROM (SELECT DISTINCT ON (member_id) in_favour FROM ballots WHERE proposal_id = $1 ORDER BY member_id, seq DESC) last`,
    [id],
  );
  const row = oneRow(r, "a count");
  return { inFavour: row.y, against: row.n };
}

/**
 * Streams the proposal's ballot entries from the log table with COPY (a national vote has millions of
 * ballots). Ballot entries hold only hex, digits and booleans, so COPY's text escaping never applies.
 */
async function streamBallotEntries(client: Tx, id: number, onLine: (line: string) => void): Promise<void> {
  await copyOutLines(
    client,
    `SELECT canonical FROM log_entries WHERE kind = 'ballot' AND canonical LIKE ${client.escapeLiteral(`%"proposal":${id},%`)} ORDER BY idx`,
    onLine,
  );
}

/**
 * The log's entries of the terms (`plan_status`, `rule_version`, and `proposal` stages), sequenced or
 * still in the outbox, in log order: what `huzhu audit` checks the stored versions against.
 */
async function termsEntries(q: Queryable): Promise<Array<{ kind: string; entry: Record<string, unknown> }>> {
  const { rows } = await q.query<{ kind: string; entry: Record<string, unknown> }>(
    `SELECT kind, entry FROM (
       SELECT 0 AS part, idx AS n, kind, canonical::jsonb AS entry FROM log_entries
        WHERE kind IN ('plan_status', 'rule_version', 'proposal')
       UNION ALL
       SELECT 1, outbox_id, kind, entry FROM log_outbox WHERE kind IN ('plan_status', 'rule_version', 'proposal')
     ) e ORDER BY part, n`,
  );
  return rows;
}

/**
 * Every statement on governance's tables (`plan_charters`, `proposals`, `proposal_*`, `ballots`,
 * and its reads of others: participations and members (who may propose and vote) and the log's ballot
 * entries (the public recount).
 */
export const governanceRepository = Object.freeze({
  charters,
  insertCharter,
  lockProposal,
  proposalById,
  insertProposal,
  rotationProposals,
  pendingLogKeyProposal,
  updateProposal,
  insertEvent,
  insertEvaluation,
  hasEvaluation,
  evaluations,
  events,
  commentCount,
  insertComment,
  comments,
  proposalIds,
  openDissolution,
  openChanges,
  inPlan,
  eligibleCount,
  isEligible,
  nextBallotSeq,
  insertBallot,
  lastBallotCounts,
  streamBallotEntries,
  termsEntries,
});
