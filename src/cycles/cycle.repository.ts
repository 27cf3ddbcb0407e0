import type { CivilDate } from "../domain/calendar.ts";
import {
  type CycleAnnouncement,
  type CycleDisclosure,
  type CycleOutcome,
  type DisclosedCycle,
  discloseCycle,
  NO_OUTCOME,
} from "../domain/cycle/disclosure.ts";
import { DEFAULT_WEIGHT_UNITS, weightBands } from "../domain/cycle/sharing.ts";
import { type Fen, fen } from "../domain/money.ts";
import type { Rules } from "../domain/plan/schema.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

/**
 * SQL for a member's weight units by age at the announcement ($2), from the rules' weight bands — the
 * SQL twin of `weightUnitsFor` (tested against it for every preset and age).
 */
export function weightSql(rules: Rules): string {
  const age = "extract(year FROM age($2::date, m.birth_date))::int";
  const arms = weightBands(rules).map((b) => {
    const holds = [
      b.fromAge === null ? null : `${age} >= ${Number(b.fromAge)}`,
      b.toAge === null ? null : `${age} <= ${Number(b.toAge)}`,
    ].filter((c) => c !== null);
    return `WHEN ${holds.length ? holds.join(" AND ") : "true"} THEN ${Number(b.weightUnits)}`;
  });
  return arms.length
    ? `CASE ${arms.join(" ")} ELSE ${DEFAULT_WEIGHT_UNITS} END`
    : String(DEFAULT_WEIGHT_UNITS);
}

/**
 * Members who owe a share at an announcement: joined before it, not ended by then, not suspended.
 * Their year-to-date (for an annual cap) comes from the previous cycle of the year by one join —
 * `ytd_fen + share_fen` of their row there — and only members absent from it (suspended or not yet
 * joined then) are looked up in the year's earlier cycles one by one. $3 is the previous cycle of the
 * year (or null), $4 the year's earlier cycles. With periodic fees, `fee_from` is the day the member's
 * fee was last charged up to: the previous cycle's day where they shared in it (by one join, `$n` its
 * id and `$n+1` its day), else their last share in the plan, else the day before joining.
 */
export function sharingSql(rules: Rules, withYtd: boolean, withFees = false): string {
  const ytd = withYtd
    ? `CASE WHEN prev.member_id IS NOT NULL THEN prev.ytd_fen + prev.share_fen
            WHEN cardinality($4::bigint[]) = 0 THEN 0
            ELSE coalesce((SELECT sum(s.share_fen) FROM cycle_shares s
                           WHERE s.cycle_id = ANY($4::bigint[]) AND s.member_id = p.member_id), 0) END`
    : "0";
  const n = withYtd ? 5 : 3;
  const feeFrom = withFees
    ? `CASE WHEN pf.member_id IS NOT NULL THEN $${n + 1}::date
            ELSE coalesce((SELECT max(c.announced_on) FROM cycle_shares s JOIN cycles c USING (cycle_id)
                           WHERE c.plan_id = $1 AND c.announced_on < $2 AND s.member_id = p.member_id),
                          p.joined_on - 1) END`
    : "NULL::date";
  return `SELECT p.member_id, p.participation_id, m.pseudonym, (${weightSql(rules)})::int AS weight_units, (${ytd})::bigint AS ytd_fen,
      (${feeFrom}) AS fee_from, p.share_mode, p.share_limit_fen
    FROM participations p JOIN members m USING (member_id)
      ${withYtd ? "LEFT JOIN cycle_shares prev ON prev.cycle_id = $3 AND prev.member_id = p.member_id" : ""}
      ${withFees ? `LEFT JOIN cycle_shares pf ON pf.cycle_id = $${n} AND pf.member_id = p.member_id` : ""}
    WHERE p.plan_id = $1 AND p.joined_on < $2
      AND (p.ended_on IS NULL OR p.ended_on > $2)
      AND NOT (p.status = 'suspended' AND p.suspended_on <= $2)`;
}

export type CycleRow = {
  cycleId: number;
  planId: string;
  announcedOn: CivilDate;
  collectOn: CivilDate;
  status: string;
  disclosure: DisclosedCycle;
};

/** The outcome columns of a cycle (migration 101), camelCase as CycleOutcome. */
const OUTCOME_COLUMNS = `collected_fen AS "collectedFen", failed_fen AS "failedFen", advanced_fen AS "advancedFen",
  pending_fen AS "pendingFen", retries_done AS "retriesDone", written_off_fen AS "writtenOffFen",
  recovered_later_fen AS "recoveredLaterFen"`;

const CYCLE_COLUMNS = `cycle_id AS "cycleId", plan_id AS "planId", announced_on::text AS "announcedOn",
  collect_on::text AS "collectOn", status, disclosure AS announced, ${OUTCOME_COLUMNS}`;

type StoredCycle = CycleOutcome & { announced: CycleAnnouncement };

/** A row with the announcement's facts and the outcome columns, its disclosure derived from both. */
function withDisclosure<R extends StoredCycle>(
  r: R,
): Omit<R, keyof StoredCycle> & { disclosure: CycleDisclosure } {
  const rest: Record<string, unknown> = { ...r };
  const outcome: CycleOutcome = { ...NO_OUTCOME };
  for (const k of Object.keys(NO_OUTCOME) as Array<keyof CycleOutcome>) {
    outcome[k] = r[k];
    delete rest[k];
  }
  delete rest.announced;
  const disclosure = discloseCycle({ announced: r.announced, outcome });
  return { ...(rest as Omit<R, keyof StoredCycle>), disclosure };
}

type StoredRow = StoredCycle & Omit<CycleRow, "disclosure">;
const toCycleRow = (r: StoredRow): CycleRow => withDisclosure(r);

/** The cycles table and the cases each cycle pays: every statement the cycle runs on them. */
export const cycleRepository = Object.freeze({
  async cycleById(q: Queryable, cycleId: number): Promise<CycleRow | undefined> {
    const r = await q.query<StoredRow>(`SELECT ${CYCLE_COLUMNS} FROM cycles WHERE cycle_id = $1`, [cycleId]);
    return r.rows.map(toCycleRow)[0];
  },

  /** The cycle row, locked until the caller's transaction ends (one settlement, one retry…). */
  async lockCycle(tx: Tx, cycleId: number): Promise<CycleRow | undefined> {
    const r = await tx.query<StoredRow>(
      `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE cycle_id = $1 FOR UPDATE`,
      [cycleId],
    );
    return r.rows.map(toCycleRow)[0];
  },

  /** The same for a cycle that must exist (the caller read it a moment ago). */
  async lockExistingCycle(tx: Tx, cycleId: number): Promise<CycleRow> {
    const r = await tx.query<StoredRow>(
      `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE cycle_id = $1 FOR UPDATE`,
      [cycleId],
    );
    return toCycleRow(oneRow(r, `cycle ${cycleId}`));
  },

  async lockCycleOn(tx: Tx, planId: string, announcedOn: string): Promise<CycleRow | undefined> {
    const r = await tx.query<StoredRow>(
      `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE plan_id = $1 AND announced_on = $2 FOR UPDATE`,
      [planId, announcedOn],
    );
    return r.rows.map(toCycleRow)[0];
  },

  async disclosedCycleIdOn(q: Queryable, planId: string, announcedOn: string): Promise<number | undefined> {
    const r = await q.query<{ cycleId: number }>(
      `SELECT cycle_id AS "cycleId" FROM cycles WHERE plan_id = $1 AND announced_on = $2 AND status = 'disclosed'`,
      [planId, announcedOn],
    );
    return r.rows[0]?.cycleId;
  },

  async cycleIdOn(q: Queryable, planId: string, announcedOn: CivilDate): Promise<number | undefined> {
    const r = await q.query<{ cycleId: number }>(
      `SELECT cycle_id AS "cycleId" FROM cycles WHERE plan_id = $1 AND announced_on = $2`,
      [planId, announcedOn],
    );
    return r.rows[0]?.cycleId;
  },

  async insertCycle(
    tx: Tx,
    c: { planId: string; announcedOn: CivilDate; collectOn: CivilDate; ruleVersion: CivilDate },
  ): Promise<number> {
    const r = await tx.query<{ cycleId: number }>(
      `INSERT INTO cycles (plan_id, announced_on, collect_on, rule_version, status, disclosure) VALUES ($1, $2, $3, $4, 'announced', '{}') RETURNING cycle_id AS "cycleId"`,
      [c.planId, c.announcedOn, c.collectOn, c.ruleVersion],
    );
    return oneRow(r, "the new cycle").cycleId;
  },

  /** The year's earlier cycles of the plan, latest first. */
  async earlierCyclesOfYear(tx: Tx, planId: string, announcedOn: CivilDate): Promise<number[]> {
    const r = await tx.query<{ cycle_id: number }>(
      `SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on < $2
         AND extract(year FROM announced_on) = extract(year FROM $2::date) ORDER BY announced_on DESC`,
      [planId, announcedOn],
    );
    return r.rows.map((c) => c.cycle_id);
  },

  /**
   * Σ weight units at a month-end ($2) of the plan's members who had joined by then and are still in
   * the plan at the announcement ($3): the count the `previousMonthEnd` divisor is taken from.
   */
  async unitsAtMonthEnd(q: Queryable, rules: Rules, planId: string, monthEnd: CivilDate, on: CivilDate) {
    const { rows } = await q.query<{ units: string }>(
      `SELECT coalesce(sum(${weightSql(rules)}), 0)::text AS units
       FROM participations p JOIN members m USING (member_id)
       WHERE p.plan_id = $1 AND p.joined_on <= $2 AND (p.ended_on IS NULL OR p.ended_on > $3)`,
      [planId, monthEnd, on],
    );
    return BigInt(rows[0]?.units ?? "0");
  },

  /** The plan's cycle announced last before a day (any year), for the periodic fees' span. */
  async previousCycle(
    q: Queryable,
    planId: string,
    before: CivilDate,
  ): Promise<{ cycleId: number; announcedOn: CivilDate } | null> {
    const { rows } = await q.query<{ cycleId: number; announcedOn: CivilDate }>(
      `SELECT cycle_id AS "cycleId", announced_on::text AS "announcedOn" FROM cycles
       WHERE plan_id = $1 AND announced_on < $2 ORDER BY announced_on DESC LIMIT 1`,
      [planId, before],
    );
    return rows[0] ?? null;
  },

  async previousSurplus(q: Queryable, planId: string, before: CivilDate): Promise<Fen> {
    // The surplus out is an announced fact: the previous cycle's facts, read whole.
    const { rows } = await q.query<{ announced: CycleAnnouncement }>(
      "SELECT disclosure AS announced FROM cycles WHERE plan_id = $1 AND announced_on < $2 ORDER BY announced_on DESC LIMIT 1",
      [planId, before],
    );
    return fen(rows[0]?.announced.surplusOutFen ?? 0);
  },

  async publishAnnouncement(
    tx: Tx,
    cycleId: number,
    disclosure: CycleAnnouncement,
    root: { hash: string; count: number; sumFen: number } | null,
  ): Promise<void> {
    await tx.query(
      "UPDATE cycles SET disclosure = $2, share_root = $3, share_count = $4, share_total_fen = $5 WHERE cycle_id = $1",
      [
        cycleId,
        JSON.stringify(disclosure),
        root ? Buffer.from(root.hash, "hex") : null,
        root?.count ?? 0,
        root?.sumFen ?? 0,
      ],
    );
  },

  async collectCursor(q: Queryable, cycleId: number): Promise<number> {
    const r = await q.query<{ cursor: number }>(
      `SELECT collect_cursor AS "cursor" FROM cycles WHERE cycle_id = $1`,
      [cycleId],
    );
    return oneRow(r, `cycle ${cycleId}`).cursor;
  },

  async setCollectCursor(tx: Tx, cycleId: number, cursor: number): Promise<void> {
    await tx.query("UPDATE cycles SET collect_cursor = $2 WHERE cycle_id = $1", [cycleId, cursor]);
  },

  /** The outcome written (the settlement, a retry, a recovery, a late answer, a write-off). */
  async setOutcome(q: Queryable, cycleId: number, o: CycleOutcome): Promise<void> {
    await q.query(
      `UPDATE cycles SET collected_fen = $2, failed_fen = $3, advanced_fen = $4, pending_fen = $5, retries_done = $6,
         written_off_fen = $7, recovered_later_fen = $8 WHERE cycle_id = $1`,
      [
        cycleId,
        o.collectedFen,
        o.failedFen,
        o.advancedFen,
        o.pendingFen,
        o.retriesDone,
        o.writtenOffFen,
        o.recoveredLaterFen,
      ],
    );
  },

  async markDisclosed(tx: Tx, cycleId: number): Promise<void> {
    await tx.query("UPDATE cycles SET status = 'disclosed' WHERE cycle_id = $1", [cycleId]);
  },

  /**
   * A page of a plan's cycles in announcement order, after the cycle `afterCycleId` (the cursor: the
   * last cycle seen; one announcement a day per plan, so its day places it).
   */
  async listCycles(q: Queryable, planId: string, page: { limit: number; afterCycleId: number | null }) {
    const { rows } = await q.query<StoredCycle & { cycleId: number; status: string }>(
      `SELECT cycle_id AS "cycleId", status, disclosure AS announced, ${OUTCOME_COLUMNS} FROM cycles
       WHERE plan_id = $1
         AND ($2::bigint IS NULL OR announced_on > (SELECT announced_on FROM cycles WHERE cycle_id = $2 AND plan_id = $1))
       ORDER BY announced_on LIMIT $3`,
      [planId, page.afterCycleId, page.limit],
    );
    return rows.map(withDisclosure);
  },

  async everyCycle(q: Queryable) {
    const { rows } = await q.query<
      StoredCycle & { cycleId: number; shareRoot: Buffer | null; status: string }
    >(
      `SELECT cycle_id AS "cycleId", disclosure AS announced, ${OUTCOME_COLUMNS}, share_root AS "shareRoot", status
       FROM cycles ORDER BY cycle_id`,
    );
    return rows.map(withDisclosure);
  },

  /** Disclosed cycles of a plan with failures, for the retries. */
  async cyclesWithFailures(q: Queryable, planId: string) {
    const { rows } = await q.query<{
      cycleId: number;
      announcedOn: CivilDate;
      collectOn: CivilDate;
      done: number | null;
    }>(
      `SELECT c.cycle_id AS "cycleId", c.announced_on::text AS "announcedOn", c.collect_on::text AS "collectOn", c.retries_done AS done FROM cycles c
     WHERE c.plan_id = $1 AND c.status = 'disclosed' AND c.failed_fen > 0
     ORDER BY c.announced_on`,
      [planId],
    );
    return rows;
  },

  /** The cycles announced and not yet disclosed: each waits for its collection day (or resumes it). */
  async openCycles(
    q: Queryable,
    planId: string,
  ): Promise<Array<{ announcedOn: CivilDate; collectOn: CivilDate }>> {
    const r = await q.query<{ announcedOn: CivilDate; collectOn: CivilDate }>(
      `SELECT announced_on::text AS "announcedOn", collect_on::text AS "collectOn" FROM cycles
       WHERE plan_id = $1 AND status <> 'disclosed' ORDER BY announced_on`,
      [planId],
    );
    return r.rows;
  },

  async lastCycleDay(q: Queryable, planId: string): Promise<CivilDate | null> {
    const r = await q.query<{ d: CivilDate | null }>(
      "SELECT max(announced_on)::text AS d FROM cycles WHERE plan_id = $1",
      [planId],
    );
    return r.rows[0]?.d ?? null;
  },

  /** The days on which cases still waiting for a cycle were decided, up to `through`. */
  async waitingCaseDays(q: Queryable, planId: string, through: CivilDate): Promise<CivilDate[]> {
    const r = await q.query<{ d: CivilDate }>(
      "SELECT DISTINCT decided_on::text AS d FROM cycle_cases WHERE plan_id = $1 AND cycle_id IS NULL AND decided_on <= $2 ORDER BY 1",
      [planId, through],
    );
    return r.rows.map((w) => w.d);
  },

  async cyclesWithoutChunks(q: Queryable, planId: string): Promise<number[]> {
    const { rows } = await q.query<{ cycle_id: number }>(
      "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND share_root IS NOT NULL AND proof_chunk_leaves IS NULL ORDER BY cycle_id",
      [planId],
    );
    return rows.map((c) => c.cycle_id);
  },

  async insertCase(
    tx: Tx,
    c: { planId: string; memberId: number; event: string; benefitFen: Fen; enteredOn: CivilDate },
  ): Promise<number> {
    const ins = await tx.query<{ caseId: number }>(
      `INSERT INTO cycle_cases (plan_id, member_id, event, benefit_fen, decided_on) VALUES ($1, $2, $3, $4, $5) RETURNING case_id AS "caseId"`,
      [c.planId, c.memberId, c.event, c.benefitFen, c.enteredOn],
    );
    return oneRow(ins, "the new case").caseId;
  },

  /** The cases decided by the announcement join its cycle. */
  async freezeCases(tx: Tx, planId: string, announcedOn: CivilDate, cycleId: number) {
    const r = await tx.query<{ case_id: number; benefit_fen: number }>(
      "UPDATE cycle_cases SET cycle_id = $3 WHERE plan_id = $1 AND cycle_id IS NULL AND decided_on <= $2 RETURNING case_id::int, benefit_fen",
      [planId, announcedOn, cycleId],
    );
    return r.rows.map((c) => ({ caseId: c.case_id, benefitFen: fen(c.benefit_fen) }));
  },

  /** A cycle's frozen cases back to the queue (a cycle nobody shares in cannot pay them). */
  async releaseCases(tx: Tx, cycleId: number) {
    await tx.query("UPDATE cycle_cases SET cycle_id = NULL WHERE cycle_id = $1 AND NOT paid", [cycleId]);
  },

  async markCasesPaid(tx: Tx, cycleId: number) {
    const r = await tx.query<{ caseId: number; memberId: number; benefitFen: number; pseudonym: string }>(
      `UPDATE cycle_cases c SET paid = true FROM members m WHERE c.cycle_id = $1 AND NOT c.paid AND m.member_id = c.member_id
       RETURNING c.case_id AS "caseId", c.member_id AS "memberId", c.benefit_fen AS "benefitFen", m.pseudonym`,
      [cycleId],
    );
    return r.rows;
  },

  /** A closing plan's terms, and how many of its cycles since the closing date came before this one. */
  async closingTerms(q: Queryable, planId: string, announcedOn: CivilDate) {
    const { rows } = await q.query<{
      closingOn: CivilDate | null;
      finalCycles: number | null;
      before: number;
    }>(
      `SELECT closing_on::text AS "closingOn", final_cycles AS "finalCycles",
              (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.announced_on < $2) AS before
       FROM plans p WHERE plan_id = $1`,
      [planId, announcedOn],
    );
    return rows[0];
  },

  async startClosing(tx: Tx, planId: string, closingOn: CivilDate, finalCycles: number): Promise<void> {
    await tx.query(
      "UPDATE plans SET status = 'closing', closing_on = $2, final_cycles = $3 WHERE plan_id = $1",
      [planId, closingOn, finalCycles],
    );
  },

  /** The plan locked, with its final cycles disclosed so far and its cases still unpaid. */
  async lockClosingPlan(tx: Tx, planId: string) {
    const { rows } = await tx.query<{
      status: string;
      closingOn: CivilDate | null;
      finalCycles: number | null;
      done: number;
      pending: number;
    }>(
      `SELECT status, closing_on::text AS "closingOn", final_cycles AS "finalCycles",
              (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.status = 'disclosed') AS done,
              (SELECT count(*)::int FROM cycle_cases k WHERE k.plan_id = p.plan_id AND NOT k.paid) AS pending
       FROM plans p WHERE plan_id = $1 FOR UPDATE`,
      [planId],
    );
    return rows[0];
  },

  async openParticipations(tx: Tx, planId: string): Promise<number[]> {
    const open = await tx.query<{ participation_id: number }>(
      "SELECT participation_id FROM participations WHERE plan_id = $1 AND status <> 'ended'",
      [planId],
    );
    return open.rows.map((r) => r.participation_id);
  },

  async closePlan(tx: Tx, planId: string): Promise<void> {
    await tx.query("UPDATE plans SET status = 'closed' WHERE plan_id = $1", [planId]);
  },

  async setWorkMem(tx: Tx, mib: number): Promise<void> {
    await tx.query(`SET LOCAL work_mem = '${Number(mib)}MB'`);
  },

  /** The advisory lock a prepaid collection holds while it decides on balances (see recoverFromTopUp). */
  async lockPrepaidCollection(tx: Tx, planId: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`prepaid-collection:${planId}`]);
  },

  async plansOfMember(tx: Tx, memberId: number): Promise<string[]> {
    const r = await tx.query<{ plan_id: string }>(
      "SELECT DISTINCT plan_id FROM participations WHERE member_id = $1 ORDER BY plan_id",
      [memberId],
    );
    return r.rows.map((p) => p.plan_id);
  },
});
