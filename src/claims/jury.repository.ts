import { copyOutLines, type Queryable, type Tx } from "../store/db.ts";
import { ids } from "./claim.repository.ts";

/**
 * Every statement on a claim's jury: juries, jurors, jury_votes, and the candidates it is drawn from.
 * Rows come back camelCase from the SQL aliases. `Tx` marks what must run in the caller's transaction.
 */

/**
 * The jury's candidates as COPY lines `pseudonym\tmember_id`, sorted by the server in byte order with
 * the memory for it (limits.juryWorkMemMiB). COPY takes no parameters: the values are quoted literals.
 */
async function juryCandidateLines(
  tx: Tx,
  c: { memberId: number; planId: string; today: string; workMemMiB: number },
  onLine: (line: string) => void,
): Promise<void> {
  const lit = (v: string | number) => tx.escapeLiteral(String(v));
  await tx.query(`SET LOCAL work_mem = '${c.workMemMiB}MB'`);
  await copyOutLines(
    tx,
    `WITH applicant AS (SELECT coalesce(guardian_id, member_id) AS household FROM members WHERE member_id = ${lit(c.memberId)})
     SELECT m.pseudonym, m.member_id FROM participations p JOIN members m USING (member_id), applicant a
     WHERE p.plan_id = ${lit(c.planId)} AND p.status = 'active' AND m.kind = 'member'
       AND m.birth_date <= (${lit(c.today)}::date - interval '18 years')
       AND m.member_id <> a.household AND m.guardian_id IS DISTINCT FROM a.household
     ORDER BY m.pseudonym COLLATE "C"`,
    onLine,
  );
}

export type NewJury = {
  claimId: number;
  seed: string;
  logSize: number;
  logRoot: string;
  candidatesCount: number;
  candidatesDigest: string;
  jurorCount: number;
  overturnAboveBp: number;
  quorum: number;
  drawnAt: Date;
  closesAt: Date;
};

async function insertJury(tx: Tx, j: NewJury): Promise<void> {
  await tx.query(
    `INSERT INTO juries (claim_id, seed, log_size, log_root, candidates_count, candidates_digest, juror_count,
       overturn_above_bp, quorum, drawn_at, closes_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      j.claimId,
      j.seed,
      j.logSize,
      j.logRoot,
      j.candidatesCount,
      j.candidatesDigest,
      j.jurorCount,
      j.overturnAboveBp,
      j.quorum,
      j.drawnAt,
      j.closesAt,
    ],
  );
}

/** The drawn jurors, in draw order (0, 1, …). */
async function insertJurors(
  tx: Tx,
  claimId: number,
  memberIds: number[],
  pseudonyms: string[],
): Promise<void> {
  await tx.query(
    `INSERT INTO jurors (claim_id, draw_order, member_id, pseudonym)
     SELECT $1, o, m, p FROM unnest($2::int[], $3::bigint[], $4::text[]) AS u(o, m, p)`,
    [claimId, memberIds.map((_, i) => i), memberIds, pseudonyms],
  );
}

async function lockJury(tx: Tx, claimId: number) {
  const { rows } = await tx.query<{ closesAt: Date; outcome: string | null }>(
    'SELECT closes_at AS "closesAt", outcome FROM juries WHERE claim_id = $1 FOR UPDATE',
    [claimId],
  );
  return rows[0];
}

/** Locks a jury that has not been tallied yet; false if it has (or there is none). */
async function lockOpenJury(tx: Tx, claimId: number): Promise<boolean> {
  const j = await tx.query("SELECT 1 FROM juries WHERE claim_id = $1 AND outcome IS NULL FOR UPDATE", [
    claimId,
  ]);
  return (j.rowCount ?? 0) > 0;
}

async function jurorPseudonym(tx: Tx, claimId: number, memberId: number) {
  const { rows } = await tx.query<{ pseudonym: string }>(
    "SELECT pseudonym FROM jurors WHERE claim_id = $1 AND member_id = $2",
    [claimId, memberId],
  );
  return rows[0]?.pseudonym;
}

/** Whether the member was drawn for the claim's jury (outside a transaction: the case file). */
async function isJuror(q: Queryable, claimId: number, memberId: number): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM jurors WHERE claim_id = $1 AND member_id = $2", [
    claimId,
    memberId,
  ]);
  return rows.length > 0;
}

async function voteOf(tx: Tx, claimId: number, memberId: number) {
  const { rows } = await tx.query<{ inFavour: boolean; at: Date }>(
    'SELECT in_favour AS "inFavour", at FROM jury_votes WHERE claim_id = $1 AND member_id = $2',
    [claimId, memberId],
  );
  return rows[0];
}

async function insertVote(
  tx: Tx,
  v: { claimId: number; memberId: number; inFavour: boolean; reasonCipher: Buffer; at: Date },
) {
  await tx.query(
    "INSERT INTO jury_votes (claim_id, member_id, in_favour, reason_cipher, at) VALUES ($1, $2, $3, $4, $5)",
    [v.claimId, v.memberId, v.inFavour, v.reasonCipher, v.at],
  );
}

/** The jurors' reasons, unattributed: grouped by the choice, never in voting order (the log's order). */
async function voteReasons(q: Queryable, claimId: number) {
  const { rows } = await q.query<{ inFavour: boolean; reasonCipher: Buffer }>(
    `SELECT in_favour AS "inFavour", reason_cipher AS "reasonCipher" FROM jury_votes
     WHERE claim_id = $1 AND reason_cipher IS NOT NULL ORDER BY in_favour DESC, sha256(reason_cipher)`,
    [claimId],
  );
  return rows;
}

async function voteCounts(tx: Tx, claimId: number) {
  return tx.query<{ voted: number; drawn: number }>(
    `SELECT (SELECT count(*)::int FROM jury_votes WHERE claim_id = $1) AS voted,
            (SELECT count(*)::int FROM jurors WHERE claim_id = $1) AS drawn`,
    [claimId],
  );
}

/** The jury's rule and its votes for and against. */
async function juryTallyInputs(tx: Tx, claimId: number) {
  return tx.query<{ overturnAboveBp: number; quorum: number; inFavour: number; against: number }>(
    `SELECT j.overturn_above_bp AS "overturnAboveBp", j.quorum,
       (SELECT count(*) FILTER (WHERE in_favour)::int FROM jury_votes v WHERE v.claim_id = j.claim_id) AS "inFavour",
       (SELECT count(*) FILTER (WHERE NOT in_favour)::int FROM jury_votes v WHERE v.claim_id = j.claim_id) AS against
     FROM juries j WHERE j.claim_id = $1`,
    [claimId],
  );
}

async function setJuryOutcome(
  tx: Tx,
  claimId: number,
  t: { outcome: string; inFavour: number; against: number },
  at: Date,
): Promise<void> {
  await tx.query(
    "UPDATE juries SET outcome = $2, in_favour = $3, against = $4, tallied_at = $5 WHERE claim_id = $1",
    [claimId, t.outcome, t.inFavour, t.against, at],
  );
}

/** A jury as drawn, and its tally once closed. */
async function jury(q: Queryable, claimId: number) {
  const { rows } = await q.query<
    Omit<NewJury, "claimId"> & { outcome: string | null; inFavour: number | null; against: number | null }
  >(
    `SELECT seed, log_size AS "logSize", log_root AS "logRoot", candidates_count AS "candidatesCount",
       candidates_digest AS "candidatesDigest", juror_count AS "jurorCount", overturn_above_bp AS "overturnAboveBp",
       quorum, drawn_at AS "drawnAt", closes_at AS "closesAt", outcome, in_favour AS "inFavour", against
     FROM juries WHERE claim_id = $1`,
    [claimId],
  );
  return rows[0];
}

async function jurorPseudonyms(q: Queryable, claimId: number): Promise<string[]> {
  const { rows } = await q.query<{ pseudonym: string }>(
    "SELECT pseudonym FROM jurors WHERE claim_id = $1 ORDER BY draw_order",
    [claimId],
  );
  return rows.map((r) => r.pseudonym);
}

const closingJuryIds = (q: Queryable, now: Date) =>
  ids(
    q,
    'SELECT claim_id AS "claimId" FROM juries WHERE outcome IS NULL AND closes_at <= $1 ORDER BY claim_id',
    [now],
  );

/** The juries a member was drawn for, newest first (a page of limits.juryInvitationsMax), with their vote. */
async function invitationsOf(q: Queryable, memberId: number, limit: number) {
  const { rows } = await q.query<{
    claimId: number;
    planId: string;
    drawnAt: Date;
    closesAt: Date;
    myVote: boolean | null;
    outcome: string | null;
    inFavour: number | null;
    against: number | null;
  }>(
    `SELECT j.claim_id::int AS "claimId", c.plan_id AS "planId", j.drawn_at AS "drawnAt", j.closes_at AS "closesAt",
       v.in_favour AS "myVote", j.outcome, j.in_favour AS "inFavour", j.against
     FROM jurors r JOIN juries j USING (claim_id) JOIN claims c USING (claim_id)
     LEFT JOIN jury_votes v ON v.claim_id = r.claim_id AND v.member_id = r.member_id
     WHERE r.member_id = $1 ORDER BY j.drawn_at DESC, j.claim_id DESC LIMIT $2`,
    [memberId, limit],
  );
  return rows;
}

export const juryRepository = Object.freeze({
  invitationsOf,
  juryCandidateLines,
  insertJury,
  insertJurors,
  lockJury,
  lockOpenJury,
  jurorPseudonym,
  isJuror,
  voteOf,
  insertVote,
  voteReasons,
  voteCounts,
  juryTallyInputs,
  setJuryOutcome,
  jury,
  jurorPseudonyms,
  closingJuryIds,
});
