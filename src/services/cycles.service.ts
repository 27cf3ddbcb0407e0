import { enterCase } from "../cycles/cases.ts";
import { apportionCycle, type ShareGroup } from "../domain/apportion.ts";
import { addDays, type CivilDate, partsOf } from "../domain/calendar.ts";
import { accounts } from "../domain/ledger.ts";
import { chunkedSumProof, SumRootBuilder, sumLeaf } from "../domain/merkle-sum.ts";
import { type Fen, fen } from "../domain/money.ts";
import { cycleDates } from "../domain/plan/cycle-calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import type { Rules } from "../domain/plan/schema.ts";
import { WEIGHT_SCALE } from "../domain/plan/schema.ts";
import { formatWeight } from "../domain/plan/weights.ts";
import { fail } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { limits } from "../limits.ts";
import { copyOutLines, type Db, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, ensureAccounts, postTransaction } from "../store/ledger.repository.ts";
import { appendLogEntry } from "../store/log.repository.ts";
import type { ServiceDeps } from "./deps.ts";
import { applyBalanceRulesIn, endParticipation } from "./enrolment.service.ts";
import { memberFor } from "./members.service.ts";
import { askToConfirm } from "./notifications.service.ts";
import { loadStoredPlan } from "./plans.service.ts";

export type CycleDisclosure = {
  planId: string;
  announcedOn: CivilDate;
  collectOn: CivilDate;
  ruleVersion: CivilDate;
  cases: number;
  benefitsFen: number;
  approvedBenefitsFen: number;
  feesFen: number;
  surplusInFen: number;
  surplusOutFen: number;
  sponsorFen: number;
  benefitCutFen: number;
  sharingMembers: number;
  sharingWeight: string;
  shares: Array<{ weight: string; members: number; shareFen: number }>;
  collectedFen: number | null;
  failedFen: number | null;
  advancedFen: number | null;
  /** Of the failed: debits whose answer the provider sends later (advanced, not defaults, not retried). */
  pendingFen?: number;
  /** Retries run, and advances written off, after the collection. */
  retriesDone?: number;
  writtenOffFen?: number;
  /** Of the collected: advances recovered from the members' next payments, in later cycles. */
  recoveredLaterFen?: number;
  shareRoot: { hash: string; count: number; sumFen: number } | null;
};

/**
 * An approved case entered directly (tests, the bench): `enterCase` and its logged decision. Claims hand
 * their cases over through `enterCase` itself.
 */
export async function addApprovedCase(
  deps: ServiceDeps,
  c: { participationId: number; event: string; benefitFen: Fen; decidedOn: CivilDate },
): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const { rows } = await tx.query<{ member_id: number; plan_id: string; pseudonym: string }>(
      "SELECT p.member_id, p.plan_id, m.pseudonym FROM participations p JOIN members m USING (member_id) WHERE p.participation_id = $1",
      [c.participationId],
    );
    const p = rows[0] ?? fail("not_found", `no participation ${c.participationId}`);
    const plan = await loadStoredPlan(tx, p.plan_id);
    const rules =
      ruleVersionOn(plan, c.decidedOn)?.rules ?? fail("conflict", "no rules in force on the decision date");
    const entry = {
      planId: p.plan_id,
      memberId: p.member_id,
      participationId: c.participationId,
      event: c.event,
      benefitFen: c.benefitFen,
      enteredOn: c.decidedOn,
      endsParticipation: rules.claims.paymentEndsParticipation,
    };
    return enterCase(deps, tx, entry, (caseId) =>
      appendLogEntry(tx, "claim_decision", {
        member: p.pseudonym,
        plan: p.plan_id,
        case: caseId,
        decision: "approved",
        benefitFen: c.benefitFen,
        on: c.decidedOn,
      }),
    );
  });
}

/** SQL for a member's weight units by age at the announcement, from the rules' weight bands. */
function weightSql(rules: Rules): string {
  const age = "extract(year FROM age($2::date, m.birth_date))::int";
  const arms = rules.apportionment.weights.map(
    (w) => `WHEN ${age} BETWEEN ${w.ages.from ?? 0} AND ${w.ages.to ?? 200} THEN ${w.weight}`,
  );
  return arms.length ? `CASE ${arms.join(" ")} ELSE ${WEIGHT_SCALE} END` : String(WEIGHT_SCALE);
}

/**
 * Members who owe a share at an announcement: joined before it, not ended by then, not suspended.
 * Their year-to-date (for an annual cap) comes from the previous cycle of the year by one join —
 * `ytd_fen + share_fen` of their row there — and only members absent from it (suspended or not yet
 * joined then) are looked up in the year's earlier cycles one by one. $3 is the previous cycle of the
 * year (or null), $4 the year's earlier cycles.
 */
function sharingSql(rules: Rules, withYtd: boolean): string {
  const ytd = withYtd
    ? `CASE WHEN prev.member_id IS NOT NULL THEN prev.ytd_fen + prev.share_fen
            WHEN cardinality($4::bigint[]) = 0 THEN 0
            ELSE coalesce((SELECT sum(s.share_fen) FROM cycle_shares s
                           WHERE s.cycle_id = ANY($4::bigint[]) AND s.member_id = p.member_id), 0) END`
    : "0";
  return `SELECT p.member_id, m.pseudonym, (${weightSql(rules)})::int AS weight_units, (${ytd})::bigint AS ytd_fen,
      p.share_mode, p.share_limit_fen
    FROM participations p JOIN members m USING (member_id)
      ${withYtd ? "LEFT JOIN cycle_shares prev ON prev.cycle_id = $3 AND prev.member_id = p.member_id" : ""}
    WHERE p.plan_id = $1 AND p.joined_on < $2
      AND (p.ended_on IS NULL OR p.ended_on > $2)
      AND NOT (p.status = 'suspended' AND p.suspended_on <= $2)`;
}

async function previousSurplus(q: Queryable, planId: string, before: CivilDate): Promise<Fen> {
  const { rows } = await q.query<{ s: number }>(
    "SELECT (disclosure ->> 'surplusOutFen')::bigint AS s FROM cycles WHERE plan_id = $1 AND announced_on < $2 ORDER BY announced_on DESC LIMIT 1",
    [planId, before],
  );
  return fen(rows[0]?.s ?? 0);
}

/**
 * Announce and compute one cycle, set-based: cases decided on or before the announcement are frozen
 * into it, members are grouped in SQL by (weight, year-to-date paid), `apportionCycle` prices the few
 * groups exactly as the scenario runner does, and every member's share is written by one
 * INSERT … SELECT. Running it again changes nothing.
 */
export async function announceCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const version = ruleVersionOn(plan, announcedOn) ?? fail("conflict", `no rules in force on ${announcedOn}`);
  const rules = version.rules;
  const cal = rules.apportionment.calendar;
  const dates =
    cal.kind === "perEvent"
      ? [{ announcedOn, collectOn: announcedOn }]
      : cycleDates(cal, announcedOn, announcedOn);
  const cycle =
    dates[0] ?? fail("validation", `${announcedOn} is not an announcement day of ${planId}`, "date");
  return withTransaction(deps.pool, async (tx) => {
    const existing = await tx.query<{ cycle_id: number }>(
      "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on = $2",
      [planId, announcedOn],
    );
    if (existing.rows[0]) return existing.rows[0].cycle_id;
    const ins = await tx.query<{ cycle_id: number }>(
      "INSERT INTO cycles (plan_id, announced_on, collect_on, rule_version, status, disclosure) VALUES ($1, $2, $3, $4, 'announced', '{}') RETURNING cycle_id",
      [planId, announcedOn, cycle.collectOn, version.effective],
    );
    const cycleId = ins.rows[0]!.cycle_id;
    const cases = await tx.query<{ benefit_fen: number }>(
      "UPDATE cycle_cases SET cycle_id = $3 WHERE plan_id = $1 AND cycle_id IS NULL AND decided_on <= $2 RETURNING benefit_fen",
      [planId, announcedOn, cycleId],
    );
    const withYtd = rules.apportionment.caps.perYear !== undefined;
    const year = await tx.query<{ cycle_id: number }>(
      `SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on < $2
         AND extract(year FROM announced_on) = extract(year FROM $2::date) ORDER BY announced_on DESC`,
      [planId, announcedOn],
    );
    // Hash joins and the grouping over a million members stay in memory (the default 4 MB spills).
    await tx.query(`SET LOCAL work_mem = '${limits.cycleWorkMemMiB}MB'`);
    // The sharing members, frozen once into a temporary table, then grouped and joined set-based.
    await tx.query(`CREATE TEMP TABLE sharing ON COMMIT DROP AS ${sharingSql(rules, withYtd)}`, [
      planId,
      announcedOn,
      ...(withYtd ? [year.rows[0]?.cycle_id ?? null, year.rows.map((r) => r.cycle_id)] : []),
    ]);
    const groupRows = await tx.query<{ weight_units: number; ytd_fen: number; members: number }>(
      "SELECT weight_units, ytd_fen, count(*)::int AS members FROM sharing GROUP BY 1, 2 ORDER BY 1, 2",
    );
    const capYear = rules.apportionment.caps.perYear?.amount;
    const groups: ShareGroup[] = groupRows.rows.map((g) => ({
      key: `${g.weight_units}|${g.ytd_fen}`,
      members: g.members,
      weightUnits: g.weight_units,
      yearRemainingFen: capYear === undefined ? undefined : fen(Math.max(0, capYear - g.ytd_fen)),
    }));
    const surplusInFen = await previousSurplus(tx, planId, announcedOn);
    const sponsorPaysAll = await inFinalCycles(tx, planId, announcedOn);
    const result = apportionCycle({
      sponsorPaysAll,
      rules,
      cases: cases.rows.map((c) => ({ benefitFen: fen(c.benefit_fen) })),
      groups,
      surplusInFen,
    });
    const table = result.shares.map((s, i) => [
      groupRows.rows[i]!.weight_units,
      groupRows.rows[i]!.ytd_fen,
      s.shareFen,
      s.weight,
    ]);
    await tx.query(
      `INSERT INTO cycle_shares (cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status)
       SELECT $1, s.member_id, s.pseudonym, g.weight, g.share_fen, s.ytd_fen,
              CASE WHEN g.share_fen > 0 AND (s.share_mode = 'confirm' OR (s.share_mode = 'auto_limit' AND g.share_fen > s.share_limit_fen))
                   THEN 'unconfirmed' ELSE 'due' END
       FROM sharing s
       JOIN unnest($2::int[], $3::bigint[], $4::bigint[], $5::text[]) AS g(weight_units, ytd_fen, share_fen, weight)
         ON g.weight_units = s.weight_units AND g.ytd_fen = s.ytd_fen`,
      [
        cycleId,
        table.map((t) => t[0]),
        table.map((t) => t[1]),
        table.map((t) => t[2]),
        table.map((t) => t[3]),
      ],
    );
    // Fresh statistics (a sample, bounded time): without them the collection's per-batch updates are
    // planned for an empty table and scan all of it, seconds a batch at a million shares.
    await tx.query("ANALYZE cycle_shares");
    const byShare = new Map<string, { weight: string; members: number; shareFen: number }>();
    for (const s of result.shares) {
      const k = `${s.weight}|${s.shareFen}`;
      const row = byShare.get(k) ?? { weight: s.weight, members: 0, shareFen: s.shareFen };
      row.members += s.members;
      byShare.set(k, row);
    }
    deps.checkpoint?.("announce:shares-written");
    const root = await shareRoot(tx, cycleId);
    const disclosure: CycleDisclosure = {
      planId,
      announcedOn,
      collectOn: cycle.collectOn,
      ruleVersion: version.effective,
      cases: result.cases,
      benefitsFen: result.benefitsFen,
      approvedBenefitsFen: result.approvedBenefitsFen,
      feesFen: result.feesFen,
      surplusInFen: result.surplusInFen,
      surplusOutFen: result.surplusOutFen,
      sponsorFen: result.sponsorFen,
      benefitCutFen: result.benefitCutFen,
      sharingMembers: result.sharingMembers,
      sharingWeight: formatWeight(result.sharingWeightUnits),
      shares: [...byShare.values()],
      collectedFen: null,
      failedFen: null,
      advancedFen: null,
      shareRoot: root,
    };
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
    await appendLogEntry(tx, "announcement", {
      plan: planId,
      cycle: cycleId,
      announcedOn,
      cases: result.cases,
      benefitsFen: result.benefitsFen,
      sharingMembers: result.sharingMembers,
    });
    if (root)
      await appendLogEntry(tx, "cycle_share_root", {
        plan: planId,
        cycle: cycleId,
        root: root.hash,
        members: root.count,
        totalFen: root.sumFen,
      });
    await askToConfirm(deps, tx, { cycleId, planId, collectOn: cycle.collectOn });
    deps.checkpoint?.("announce:before-commit");
    return cycleId;
  });
}

/**
 * The Merkle-sum root over a cycle's shares, leaves ordered by pseudonym (byte order). PostgreSQL
 * hashes the leaves as it streams them out by COPY — SHA-256 of 0x00 ‖ {"member":…,"shareFen":…},
 * byte for byte what `sumLeaf` hashes, since pseudonyms are hex and need no escaping (the query
 * refuses any other) — and the root is folded here as they arrive, in memory that does not grow with the members.
 */
async function shareRoot(
  q: Queryable | Db,
  cycleId: number,
): Promise<{ hash: string; count: number; sumFen: number } | null> {
  const tree = new SumRootBuilder();
  await streamLeaves(q, cycleId, (leaf, share) => tree.push(leaf, share));
  const r = tree.root();
  return r.count === 0 ? null : { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };
}

/**
 * SQL for a Merkle-sum leaf hash — SHA-256 of 0x00 ‖ {"member":…,"shareFen":…}, byte for byte what
 * `sumLeaf` hashes, given a hex pseudonym (nothing to escape).
 */
const leafHashSql = (pseudonym: string, shareFen: string) =>
  `sha256('\\x00'::bytea || convert_to('{"member":"' || ${pseudonym} || '","shareFen":' || ${shareFen} || '}', 'UTF8'))`;

/** A cycle's leaves in pseudonym order (byte order): each leaf's hash, computed by PostgreSQL, and share. */
async function streamLeaves(
  q: Queryable | Db,
  cycleId: number,
  onLeaf: (leafHash: Buffer, shareFen: number) => void,
): Promise<void> {
  const leaf = Buffer.alloc(32);
  const read = (client: Tx) =>
    copyOutLines(
      client,
      `SELECT CASE WHEN pseudonym ~ '^[0-9a-f]+$'
                   THEN encode(${leafHashSql("pseudonym", "share_fen")}, 'hex')
                   ELSE 'not hex: ' || cycle_id END, share_fen
       FROM cycle_shares WHERE cycle_id = ${Number(cycleId)} ORDER BY pseudonym COLLATE "C"`,
      (line) => {
        if (leaf.write(line.slice(0, 64), 0, 32, "hex") !== 32)
          throw new Error(`invariant violated: a pseudonym of cycle ${cycleId} is not hex`);
        onLeaf(leaf, Number(line.slice(65)));
      },
    );
  // A client inside a transaction (it has `release`) reads in it; the pool lends a client.
  if ("release" in q) await read(q as Tx);
  else {
    const client = await (q as Db).connect();
    try {
      await read(client);
    } finally {
      client.release();
    }
  }
}

/**
 * A member's proof that their share is in the cycle's published total, from the cycle's stored chunks
 * (built on the first proof asked of the cycle): the member's chunk is found by its first pseudonym,
 * and the proof is folded from its leaves and every chunk's root — O(chunk + chunks), not a pass over
 * the cycle.
 */
export async function shareProof(pool: Db, cycleId: number, pseudonym: string) {
  return (
    (await findShareProof(pool, cycleId, pseudonym)) ??
    fail("not_found", "this member owed no share in this cycle")
  );
}

/** The proof of `shareProof`, or null when the member owed no share in the cycle. */
async function findShareProof(pool: Db, cycleId: number, pseudonym: string) {
  const chunkLeaves = await proofChunks(pool, cycleId);
  const mine = await pool.query<{ chunk: number; pseudonyms: string[]; shares_fen: Array<number | string> }>(
    `SELECT chunk, pseudonyms, shares_fen FROM cycle_proof_chunks
     WHERE cycle_id = $1 AND first_pseudonym <= $2 ORDER BY first_pseudonym DESC LIMIT 1`,
    [cycleId, pseudonym],
  );
  const chunk = mine.rows[0];
  const at = chunk ? chunk.pseudonyms.indexOf(pseudonym) : -1;
  if (chunkLeaves === null || !chunk || at < 0) return null;
  const roots = await pool.query<{ root_hash: Buffer; leaf_count: number; sum_fen: number }>(
    "SELECT root_hash, leaf_count, sum_fen FROM cycle_proof_chunks WHERE cycle_id = $1 ORDER BY chunk",
    [cycleId],
  );
  const nodes = roots.rows.map((r) => ({
    hash: r.root_hash,
    count: r.leaf_count,
    sumFen: Number(r.sum_fen),
  }));
  const leaves = chunk.pseudonyms.map((member, k) =>
    sumLeaf({ member, shareFen: Number(chunk.shares_fen[k]) }),
  );
  const n = nodes.reduce((m, x) => m + x.count, 0);
  return {
    member: pseudonym,
    shareFen: Number(chunk.shares_fen[at]),
    proof: chunkedSumProof(n, chunk.chunk * chunkLeaves + at, chunkLeaves, nodes, leaves),
  };
}

/**
 * The chunk size of a cycle's stored proof chunks, building them first if need be (null: no shares).
 * One transaction with the cycle row locked, so a second caller waits and finds them built. The chunks
 * are cut by SQL in pseudonym order; each chunk's root is folded here, one chunk in memory at a time,
 * and the chunks' roots must fold to the cycle's published root before they count as built.
 */
async function proofChunks(pool: Db, cycleId: number): Promise<number | null> {
  const built = await pool.query<{ proof_chunk_leaves: number | null }>(
    "SELECT proof_chunk_leaves FROM cycles WHERE cycle_id = $1",
    [cycleId],
  );
  if (!built.rows[0]) return fail("not_found", `no cycle ${cycleId}`);
  if (built.rows[0].proof_chunk_leaves !== null) return built.rows[0].proof_chunk_leaves;
  return withTransaction(pool, async (tx) => {
    const c = await tx.query<{
      proof_chunk_leaves: number | null;
      share_root: Buffer | null;
      share_count: number;
      share_total_fen: number;
    }>(
      "SELECT proof_chunk_leaves, share_root, share_count, share_total_fen FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    const cycle = c.rows[0]!;
    if (cycle.proof_chunk_leaves !== null) return cycle.proof_chunk_leaves;
    if (cycle.share_root === null) return null;
    const size = limits.proofChunkLeaves;
    const chunks = await tx.query<{ chunks: number }>(
      `WITH cut AS (
         INSERT INTO cycle_proof_chunks (cycle_id, chunk, first_pseudonym, pseudonyms, shares_fen, root_hash, leaf_count, sum_fen)
         SELECT $1, ((rn - 1) / $2)::int, min(pseudonym), array_agg(pseudonym ORDER BY rn), array_agg(share_fen ORDER BY rn),
                '\\x', count(*), sum(share_fen)
         FROM (SELECT pseudonym, share_fen, row_number() OVER (ORDER BY pseudonym COLLATE "C") AS rn
               FROM cycle_shares WHERE cycle_id = $1) x
         GROUP BY (rn - 1) / $2
         RETURNING 1)
       SELECT count(*)::int AS chunks FROM cut`,
      [cycleId, size],
    );
    const whole = new SumRootBuilder();
    for (let k = 0; k < chunks.rows[0]!.chunks; k++) {
      // The chunk's leaf hashes, by PostgreSQL as for the published root (pseudonyms are hex: nothing
      // to escape), in one buffer; a leaf hashed differently would not fold to the root checked below.
      const r = await tx.query<{ hashes: Buffer; shares_fen: Array<number | string> }>(
        `SELECT string_agg(${leafHashSql("u.p", "u.s")}, ''::bytea ORDER BY u.o) AS hashes, array_agg(u.s ORDER BY u.o) AS shares_fen
         FROM cycle_proof_chunks c, unnest(c.pseudonyms, c.shares_fen) WITH ORDINALITY AS u(p, s, o)
         WHERE c.cycle_id = $1 AND c.chunk = $2`,
        [cycleId, k],
      );
      const { hashes, shares_fen: shares } = r.rows[0]!;
      const part = new SumRootBuilder();
      for (let i = 0; i < shares.length; i++)
        part.push(hashes.subarray(32 * i, 32 * i + 32), Number(shares[i]));
      const root = part.root();
      whole.pushNode(root);
      await tx.query("UPDATE cycle_proof_chunks SET root_hash = $3 WHERE cycle_id = $1 AND chunk = $2", [
        cycleId,
        k,
        root.hash,
      ]);
    }
    const all = whole.root();
    if (
      !all.hash.equals(cycle.share_root) ||
      all.count !== Number(cycle.share_count) ||
      all.sumFen !== Number(cycle.share_total_fen)
    )
      throw new Error(
        `invariant violated: the proof chunks of cycle ${cycleId} do not fold to its published root`,
      );
    await tx.query("UPDATE cycles SET proof_chunk_leaves = $2 WHERE cycle_id = $1", [cycleId, size]);
    return size;
  });
}

/**
 * Collects a cycle: prepaid shares come from the balances (set-based), post-paid shares through the
 * payment provider, each debit keyed `cycle:{plan}:{date}:debit:{member}`. Failures are advanced by the
 * operator as a receivable on the member, kept as the member's default history, and a member past the
 * allowed failures leaves the plan. Then the cases are paid in one sum and the cycle is disclosed.
 */
export async function collectCycle(deps: ServiceDeps, cycleId: number): Promise<CycleDisclosure> {
  const c = await deps.pool.query<{
    plan_id: string;
    announced_on: CivilDate;
    collect_on: CivilDate;
    status: string;
    disclosure: CycleDisclosure;
  }>("SELECT plan_id, announced_on, collect_on, status, disclosure FROM cycles WHERE cycle_id = $1", [
    cycleId,
  ]);
  const cycle = c.rows[0] ?? fail("not_found", `no cycle ${cycleId}`);
  if (cycle.status === "disclosed") return cycle.disclosure;
  const plan = await loadStoredPlan(deps.pool, cycle.plan_id);
  const rules = ruleVersionOn(plan, cycle.announced_on)!.rules;
  const keyBase = `cycle:${cycle.plan_id}:${cycle.announced_on}`;
  // Shares still unconfirmed at collection: a default, or advanced without one, as the policy says.
  await deps.pool.query(
    "UPDATE cycle_shares SET status = $2 WHERE cycle_id = $1 AND status = 'unconfirmed'",
    [cycleId, rules.failurePolicy.unconfirmedShare === "advance" ? "advanced" : "failed"],
  );
  deps.checkpoint?.("collect:unconfirmed-settled");
  if (rules.funding.mode === "prepaid") {
    await withTransaction(deps.pool, async (tx) => {
      // A top-up repaying an advance waits for this decision, and this one for it (recoverFromTopUp).
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [prepaidCollectionLock(cycle.plan_id)]);
      await tx.query(
        `UPDATE cycle_shares s SET status = CASE
           WHEN -coalesce((SELECT b.balance_fen FROM account_balances b WHERE b.account_id = 'member:' || s.member_id || ':balance'), 0) >= s.share_fen
           THEN 'collected' ELSE 'failed' END
         WHERE s.cycle_id = $1 AND s.status = 'due' AND s.share_fen > 0`,
        [cycleId],
      );
    });
  } else {
    // The provider gets the debits in batches in member order, each debit idempotent by its key. Only
    // the answers that are not a success are written per batch, with the cursor, in one transaction;
    // the successes are recorded by one statement once every batch is answered. After a crash the
    // collection goes on from the cursor, and a batch sent again is answered alike (same keys).
    const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
    let cursor = (
      await deps.pool.query<{ collect_cursor: number }>(
        "SELECT collect_cursor FROM cycles WHERE cycle_id = $1",
        [cycleId],
      )
    ).rows[0]!.collect_cursor;
    for (;;) {
      const due = await deps.pool.query<{ member_id: number; share_fen: number }>(
        `SELECT member_id, share_fen FROM cycle_shares
         WHERE cycle_id = $1 AND member_id > $2 AND status = 'due' AND share_fen > 0 ORDER BY member_id LIMIT $3`,
        [cycleId, cursor, batchSize],
      );
      if (due.rows.length === 0) break;
      const results = await deps.payments.executeBatch(
        due.rows.map((r) => ({
          key: `${keyBase}:debit:${r.member_id}`,
          kind: "debit" as const,
          memberId: r.member_id,
          amountFen: r.share_fen,
        })),
      );
      deps.checkpoint?.("collect:batch-answered");
      // A debit still pending is advanced like a failure for this cycle, but is no default and is not
      // retried: its late answer (applyDebitAnswer) settles it. An answer that came first is kept.
      const ids: number[] = [];
      const statuses: string[] = [];
      results.forEach((res, k) => {
        if (res.status === "succeeded") return;
        ids.push(due.rows[k]!.member_id);
        statuses.push(res.status);
      });
      cursor = due.rows[due.rows.length - 1]!.member_id;
      await withTransaction(deps.pool, async (tx) => {
        await tx.query(
          `UPDATE cycle_shares s SET status = u.status FROM unnest($2::bigint[], $3::text[]) AS u(member_id, status)
           WHERE s.cycle_id = $1 AND s.member_id = u.member_id AND s.status = 'due'`,
          [cycleId, ids, statuses],
        );
        await tx.query("UPDATE cycles SET collect_cursor = $2 WHERE cycle_id = $1", [cycleId, cursor]);
      });
      deps.checkpoint?.("collect:batch-recorded");
    }
    // Every due debit up to the cursor was answered a success, and a share of 0 is collected by
    // definition. The statement is idempotent, so it runs in slices of the member range at once (on
    // the cores PostgreSQL has; each its own transaction): after a crash the collection reaches here
    // again and finishes whichever slices are left.
    const slices = limits.collectUpdateSlices;
    const range = await deps.pool.query<{ lo: number | null; hi: number | null }>(
      "SELECT min(member_id) AS lo, max(member_id) AS hi FROM cycle_shares WHERE cycle_id = $1",
      [cycleId],
    );
    const lo = Number(range.rows[0]!.lo ?? 0) - 1;
    const hi = Number(range.rows[0]!.hi ?? 0);
    const step = Math.ceil((hi - lo) / slices);
    await Promise.all(
      Array.from({ length: slices }, (_, k) =>
        deps.pool.query(
          `UPDATE cycle_shares SET status = 'collected'
           WHERE cycle_id = $1 AND member_id > $2 AND member_id <= $3 AND status = 'due' AND (share_fen = 0 OR member_id <= $4)`,
          [cycleId, lo + k * step, Math.min(hi, lo + (k + 1) * step), cursor],
        ),
      ),
    );
  }
  if (rules.funding.mode === "prepaid")
    await deps.pool.query(
      "UPDATE cycle_shares SET status = 'collected' WHERE cycle_id = $1 AND status = 'due' AND share_fen = 0",
      [cycleId],
    );
  deps.checkpoint?.("collect:shares-recorded");
  const policy = rules.failurePolicy;
  if (
    rules.funding.mode !== "prepaid" &&
    policy.operatorAdvances &&
    policy.advanceRecovery.recoverFromNextPayment
  )
    await recoverFromNextPayment(deps, cycleId, cycle.plan_id, cycle.announced_on, policy.retryAttempts);
  return withTransaction(deps.pool, async (tx) => {
    // One settlement, even when two runs race: the cycle row is locked and its status read again.
    const now = await tx.query<{ status: string; disclosure: CycleDisclosure }>(
      "SELECT status, disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    if (now.rows[0]!.status === "disclosed") return now.rows[0]!.disclosure;
    return settle(deps, tx, cycleId, cycle, rules, keyBase);
  });
}

async function settle(
  deps: ServiceDeps,
  tx: Tx,
  cycleId: number,
  cycle: { plan_id: string; announced_on: CivilDate; collect_on: CivilDate; disclosure: CycleDisclosure },
  rules: Rules,
  keyBase: string,
): Promise<CycleDisclosure> {
  // Only the unpaid shares are read (a partial index, ~1% of the cycle): every other share was collected,
  // so the collected total is the cycle's published total less them.
  const t = await tx.query<{ total: number; failed: number; pending: number }>(
    `SELECT (SELECT share_total_fen FROM cycles WHERE cycle_id = $1) AS total,
            coalesce(sum(share_fen), 0)::bigint AS failed,
            coalesce(sum(share_fen) FILTER (WHERE status = 'pending'), 0)::bigint AS pending
     FROM cycle_shares WHERE cycle_id = $1 AND unpaid`,
    [cycleId],
  );
  const { total, failed, pending } = t.rows[0]!;
  const collected = total - failed;
  const d = cycle.disclosure;
  const pool = accounts.pool(cycle.plan_id);
  const at = new Date(deps.clock.now());
  await ensureAccounts(tx, [
    pool,
    accounts.fees(cycle.plan_id),
    accounts.sponsor(cycle.plan_id),
    accounts.paidOut(),
    accounts.providerClearing(),
    accounts.custodianBank(),
  ]);
  // Shares in: one transaction, per-member postings for prepaid balances and for advances, set-based.
  const txn =
    collected + failed > 0
      ? await tx.query<{ txn_id: number }>(
          "INSERT INTO ledger_transactions (idem_key, kind, plan_id, memo, at) VALUES ($1, 'cycle_collection', $2, $3, $4) ON CONFLICT (idem_key) DO NOTHING RETURNING txn_id",
          [`${keyBase}:collect`, cycle.plan_id, `cycle ${cycleId}`, at],
        )
      : { rows: [] };
  if (txn.rows[0]) {
    const id = txn.rows[0].txn_id;
    const prepaid = rules.funding.mode === "prepaid";
    // Post-paid: a posting per unpaid share (the member's advance), found by the partial index;
    // prepaid: also a posting per collected share (the deduction from the member's balance).
    const shares = prepaid ? "share_fen > 0" : "unpaid AND share_fen > 0";
    await tx.query(
      `INSERT INTO ledger_accounts (account_id, kind, member_id)
       SELECT DISTINCT 'member:' || member_id || (CASE WHEN unpaid THEN ':advance' ELSE ':balance' END),
              CASE WHEN unpaid THEN 'member:advance' ELSE 'member:balance' END, member_id
       FROM cycle_shares WHERE cycle_id = $1 AND ${shares}
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    await tx.query(
      `INSERT INTO ledger_postings (txn_id, account_id, amount_fen)
       SELECT $2::bigint, 'member:' || member_id || (CASE WHEN unpaid THEN ':advance' ELSE ':balance' END), share_fen
         FROM cycle_shares WHERE cycle_id = $1 AND ${shares}
       UNION ALL SELECT $2::bigint, $3::text, $4::bigint WHERE $4::bigint > 0
       UNION ALL SELECT $2::bigint, $5::text, $6::bigint`,
      [cycleId, id, accounts.providerClearing(), prepaid ? 0 : collected, pool, -(collected + failed)],
    );
    deps.checkpoint?.("settle:collection-posted");
  }
  // Sponsor cover, fees and benefits out of the pool: the pool keeps only the surplus.
  const flows: Array<[string, number, string]> = [["sponsor", d.sponsorFen, accounts.sponsor(cycle.plan_id)]];
  for (const [kind, amount, from] of flows) {
    if (amount > 0)
      await postTransaction(tx, {
        key: `${keyBase}:${kind}`,
        kind: `cycle_${kind}`,
        planId: cycle.plan_id,
        at,
        postings: [
          { accountId: from, amountFen: fen(amount) },
          { accountId: pool, amountFen: fen(-amount) },
        ],
      });
  }
  if (d.feesFen > 0)
    await postTransaction(tx, {
      key: `${keyBase}:fees`,
      kind: "cycle_fees",
      planId: cycle.plan_id,
      at,
      postings: [
        { accountId: pool, amountFen: fen(d.feesFen) },
        { accountId: accounts.fees(cycle.plan_id), amountFen: fen(-d.feesFen) },
      ],
    });
  if (d.benefitsFen > 0) {
    await postTransaction(tx, {
      key: `${keyBase}:payout`,
      kind: "payout",
      planId: cycle.plan_id,
      at,
      postings: [
        { accountId: pool, amountFen: fen(d.benefitsFen) },
        { accountId: accounts.paidOut(), amountFen: fen(-d.benefitsFen) },
      ],
    });
    const paid = await tx.query<{
      case_id: number;
      member_id: number;
      benefit_fen: number;
      pseudonym: string;
    }>(
      `UPDATE cycle_cases c SET paid = true FROM members m WHERE c.cycle_id = $1 AND NOT c.paid AND m.member_id = c.member_id
       RETURNING c.case_id, c.member_id, c.benefit_fen, m.pseudonym`,
      [cycleId],
    );
    for (const p of paid.rows)
      await appendLogEntry(tx, "payout", {
        member: p.pseudonym,
        plan: cycle.plan_id,
        case: p.case_id,
        cycle: cycleId,
        on: cycle.collect_on,
      });
  }
  // Members past the allowed failures leave the plan; their default history stays in cycle_shares.
  // Retries come first where the policy has them; the last retry ends the defaulters' participations.
  if (rules.failurePolicy.retryAttempts === 0 || rules.funding.mode === "prepaid") {
    await endDefaulters(deps, tx, cycle.plan_id, cycle.collect_on, rules.failurePolicy.exitAfterFailures);
  }
  const disclosure: CycleDisclosure = {
    ...d,
    collectedFen: collected,
    failedFen: failed,
    advancedFen: rules.failurePolicy.operatorAdvances ? failed : 0,
    pendingFen: pending,
  };
  // Conservation, checked again on what was actually written (style habit 5).
  if (collected + failed + d.sponsorFen !== d.benefitsFen + d.feesFen - d.surplusInFen + d.surplusOutFen) {
    throw new Error(`invariant violated: cycle ${cycleId} does not conserve`);
  }
  await tx.query("UPDATE cycles SET status = 'disclosed', disclosure = $2 WHERE cycle_id = $1", [
    cycleId,
    JSON.stringify(disclosure),
  ]);
  await appendLogEntry(tx, "cycle_result", {
    plan: cycle.plan_id,
    cycle: cycleId,
    announcedOn: cycle.announced_on,
    benefitsFen: d.benefitsFen,
    feesFen: d.feesFen,
    sponsorFen: d.sponsorFen,
    collectedFen: collected,
    failedFen: failed,
    surplusOutFen: d.surplusOutFen,
  });
  // The prepaid balance rules and the end of a wind-down belong to the settlement: a crash cannot
  // leave a disclosed cycle whose follow-up was never applied.
  if (rules.funding.mode === "prepaid") await applyBalanceRulesIn(deps, tx, cycle.plan_id, cycle.collect_on);
  await finishWindDownIn(deps, tx, cycle.plan_id, cycle.collect_on);
  deps.checkpoint?.("settle:before-commit");
  return disclosure;
}

/** Runs the cycle announced on a date, end to end; a second run has no second effect. */
export async function runCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<CycleDisclosure> {
  const cycleId = await announceCycle(deps, planId, announcedOn);
  deps.checkpoint?.("cycle:announced");
  return collectCycle(deps, cycleId);
}

/** Every cycle's disclosure of a plan, kept forever. */
export async function listCycles(q: Queryable, planId: string) {
  const { rows } = await q.query<{ cycle_id: number; disclosure: CycleDisclosure; status: string }>(
    "SELECT cycle_id, status, disclosure FROM cycles WHERE plan_id = $1 ORDER BY announced_on",
    [planId],
  );
  return rows.map((r) => ({ cycleId: r.cycle_id, status: r.status, ...r.disclosure }));
}

/** The cycle audit: every disclosed cycle conserves, and the stored shares still give the logged root. */
export async function auditCycles(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await q.query<{
    cycle_id: number;
    disclosure: CycleDisclosure;
    share_root: Buffer | null;
    status: string;
  }>("SELECT cycle_id, disclosure, share_root, status FROM cycles ORDER BY cycle_id");
  for (const r of rows) {
    const d = r.disclosure;
    if (
      r.status === "disclosed" &&
      (d.collectedFen ?? 0) + (d.failedFen ?? 0) + d.sponsorFen !==
        d.benefitsFen + d.feesFen - d.surplusInFen + d.surplusOutFen
    ) {
      problems.push(`cycle ${r.cycle_id} does not conserve`);
    }
    const root = await shareRoot(q, r.cycle_id);
    if (
      (root?.hash ?? null) !== (r.share_root ? r.share_root.toString("hex") : null) ||
      (root && (root.count !== d.sharingMembers || root.hash !== d.shareRoot?.hash))
    ) {
      problems.push(`cycle ${r.cycle_id}: the members' shares no longer give the published root`);
    }
    // The stored proof chunks (once built) must fold to the same root: proofs are served from them.
    const chunks = await q.query<{ root_hash: Buffer; leaf_count: number; sum_fen: number }>(
      "SELECT root_hash, leaf_count, sum_fen FROM cycle_proof_chunks WHERE cycle_id = $1 ORDER BY chunk",
      [r.cycle_id],
    );
    if (chunks.rows.length > 0) {
      const folded = new SumRootBuilder();
      for (const c of chunks.rows)
        folded.pushNode({ hash: c.root_hash, count: c.leaf_count, sumFen: Number(c.sum_fen) });
      const f = folded.root();
      if (f.hash.toString("hex") !== r.share_root?.toString("hex") || f.count !== d.sharingMembers)
        problems.push(`cycle ${r.cycle_id}: the stored proof chunks no longer fold to the published root`);
    }
    const logged = await q.query(
      "SELECT 1 FROM log_entries WHERE kind = 'cycle_share_root' AND (canonical::jsonb ->> 'cycle')::bigint = $1 AND canonical::jsonb ->> 'root' = $2",
      [r.cycle_id, r.share_root?.toString("hex") ?? ""],
    );
    if (
      r.share_root &&
      logged.rows.length === 0 &&
      (await q.query("SELECT 1 FROM log_outbox WHERE kind = 'cycle_share_root'")).rows.length === 0
    ) {
      problems.push(`cycle ${r.cycle_id}: the published root is not the one in the transparency log`);
    }
  }
  return problems;
}

export const yearOf = (d: CivilDate) => partsOf(d).year;

/** One unit of the scheduler's work for a plan; each is idempotent (a step run twice has one effect). */
export type CycleStep =
  | { kind: "cycle"; planId: string; announcedOn: CivilDate }
  | { kind: "retries"; planId: string; on: CivilDate }
  | { kind: "proofs"; planId: string; cycleId: number };

/**
 * What is due for a plan on `today`, in the order it must run: cycles announced but not disclosed (the
 * process died in between), then every announcement day of the plan's calendar from the day after the
 * last cycle (or `since`) — after downtime it catches up —, then the retries, then the proof chunks of
 * every cycle with a root. A per-event day is due while a case decided by then waits; every cycle
 * freezes the cases decided by its day, which the walk over the days follows.
 */
export async function dueCycleSteps(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CycleStep[]> {
  const unfinished = await q.query<{ d: CivilDate }>(
    "SELECT announced_on::text AS d FROM cycles WHERE plan_id = $1 AND status <> 'disclosed' ORDER BY announced_on",
    [planId],
  );
  const steps: CycleStep[] = unfinished.rows.map((u) => ({ kind: "cycle", planId, announcedOn: u.d }));
  for (const day of await dueCalendarDays(q, planId, today, since))
    steps.push({ kind: "cycle", planId, announcedOn: day });
  steps.push({ kind: "retries", planId, on: today });
  return [...steps, ...(await dueProofSteps(q, planId))];
}

async function dueCalendarDays(
  q: Queryable,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CivilDate[]> {
  const plan = await loadStoredPlan(q, planId);
  const last = await q.query<{ d: CivilDate }>(
    "SELECT max(announced_on)::text AS d FROM cycles WHERE plan_id = $1",
    [planId],
  );
  const waiting = await q.query<{ d: CivilDate }>(
    "SELECT DISTINCT decided_on::text AS d FROM cycle_cases WHERE plan_id = $1 AND cycle_id IS NULL AND decided_on <= $2 ORDER BY 1",
    [planId, today],
  );
  const days: CivilDate[] = [];
  // Cases decided on or before this day were frozen by a cycle of this walk.
  let frozenThrough: CivilDate | null = null;
  const from = last.rows[0]?.d ? addDays(last.rows[0].d, 1) : since;
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const rules = ruleVersionOn(plan, day)?.rules;
    if (!rules) continue;
    const cal = rules.apportionment.calendar;
    const due =
      cal.kind === "perEvent"
        ? waiting.rows.some((w) => w.d <= day && (frozenThrough === null || w.d > frozenThrough))
        : cycleDates(cal, day, day).length > 0;
    if (!due) continue;
    days.push(day);
    frozenThrough = day;
  }
  return days;
}

/**
 * The stored proof chunks of every cycle with a root, built by the scheduler after the cycle rather than
 * by the first member to ask for a proof (7.3 s at a million members).
 */
async function dueProofSteps(q: Queryable, planId: string): Promise<CycleStep[]> {
  const { rows } = await q.query<{ cycle_id: number }>(
    "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND share_root IS NOT NULL AND proof_chunk_leaves IS NULL ORDER BY cycle_id",
    [planId],
  );
  return rows.map((c) => ({ kind: "proofs", planId, cycleId: c.cycle_id }));
}

/** Runs one step of `dueCycleSteps`. */
export async function runCycleStep(deps: ServiceDeps, step: CycleStep): Promise<void> {
  if (step.kind === "cycle") await runCycle(deps, step.planId, step.announcedOn);
  else if (step.kind === "retries") await runDueRetries(deps, step.planId, step.on);
  else await proofChunks(deps.pool, step.cycleId);
}

/**
 * The scheduler's pass over a plan: every due step in order. The proof steps are read again after the
 * cycles, so the roots they just made are chunked in the same pass. Returns the days whose cycle ran.
 */
export async function runDueCycles(
  deps: ServiceDeps,
  planId: string,
  today: CivilDate,
  since: CivilDate,
): Promise<CivilDate[]> {
  const ran: CivilDate[] = [];
  for (const step of await dueCycleSteps(deps.pool, planId, today, since)) {
    if (step.kind === "proofs") continue;
    await runCycleStep(deps, step);
    if (step.kind === "cycle") ran.push(step.announcedOn);
  }
  for (const step of await dueProofSteps(deps.pool, planId)) await runCycleStep(deps, step);
  return ran;
}

/**
 * A member's shares in every cycle, each with its Merkle-sum proof, the cycle's published root, and the
 * index of the log entry that recorded that root — everything `huzhu verify` needs to check the share.
 */
export async function memberShareProofs(q: Db, pseudonym: string) {
  const { rows } = await q.query<{
    cycle_id: number;
    plan_id: string;
    announced_on: CivilDate;
    disclosure: CycleDisclosure;
    log_index: number | null;
  }>(
    `SELECT c.cycle_id, c.plan_id, c.announced_on, c.disclosure,
            (SELECT e.idx FROM log_entries e WHERE e.kind = 'cycle_share_root' AND (e.canonical::jsonb ->> 'cycle')::bigint = c.cycle_id LIMIT 1) AS log_index
     FROM cycles c WHERE c.share_root IS NOT NULL ORDER BY c.announced_on, c.cycle_id`,
  );
  const out = [];
  // Whether the member had a share in a cycle is answered by its stored chunks, not a scan of its shares.
  for (const r of rows) {
    const p = await findShareProof(q, r.cycle_id, pseudonym);
    if (!p) continue;
    out.push({
      cycleId: r.cycle_id,
      plan: r.plan_id,
      announcedOn: r.announced_on,
      root: r.disclosure.shareRoot,
      logIndex: r.log_index,
      shareFen: p.shareFen,
      proof: p.proof,
    });
  }
  return out;
}

/** Whether a cycle is one of the final cycles a closing plan's sponsor pays (相互宝 paid the last two). */
async function inFinalCycles(q: Queryable, planId: string, announcedOn: CivilDate): Promise<boolean> {
  const { rows } = await q.query<{
    closing_on: CivilDate | null;
    final_cycles: number | null;
    before: number;
  }>(
    `SELECT closing_on::text, final_cycles,
            (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.announced_on < $2) AS before
     FROM plans p WHERE plan_id = $1`,
    [planId, announcedOn],
  );
  const r = rows[0];
  return !!r?.closing_on && announcedOn >= r.closing_on && r.before < (r.final_cycles ?? 0);
}

/**
 * Wind-down (domain.md §3, seed 004): the plan stops taking members on the closing date, the sponsor pays
 * the members' shares of the plan's final cycles as its terms say, and claims diagnosed before the closing
 * date are still decided and shared. Announced to every member in the log.
 */
export async function startWindDown(
  deps: ServiceDeps,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  await withTransaction(deps.pool, (tx) => startWindDownIn(deps, tx, planId, closingOn, reason));
}

/** The same inside the caller's transaction (an adopted proposal and its wind-down commit together). */
export async function startWindDownIn(
  _deps: ServiceDeps,
  tx: Tx,
  planId: string,
  closingOn: CivilDate,
  reason: string,
): Promise<void> {
  const plan = await loadStoredPlan(tx, planId);
  const rules =
    ruleVersionOn(plan, closingOn)?.rules ?? fail("conflict", `no rules in force on ${closingOn}`);
  if (plan.status !== "active") fail("conflict", `the plan is ${plan.status}`);
  await tx.query(
    "UPDATE plans SET status = 'closing', closing_on = $2, final_cycles = $3 WHERE plan_id = $1",
    [planId, closingOn, rules.closure.sponsorPaysFinalCycles],
  );
  await appendLogEntry(tx, "plan_status", {
    plan: planId,
    status: "closing",
    closingOn,
    sponsorPaysFinalCycles: rules.closure.sponsorPaysFinalCycles,
    reason,
  });
}

/** After its final cycles a closing plan closes: every participation ends, and the log says so. */
export async function finishWindDown(deps: ServiceDeps, planId: string, on: CivilDate): Promise<boolean> {
  return withTransaction(deps.pool, (tx) => finishWindDownIn(deps, tx, planId, on));
}

async function finishWindDownIn(deps: ServiceDeps, tx: Tx, planId: string, on: CivilDate): Promise<boolean> {
  {
    const { rows } = await tx.query<{
      status: string;
      closing_on: CivilDate | null;
      final_cycles: number | null;
      done: number;
      pending: number;
    }>(
      `SELECT status, closing_on::text, final_cycles,
              (SELECT count(*)::int FROM cycles c WHERE c.plan_id = p.plan_id AND c.announced_on >= p.closing_on AND c.status = 'disclosed') AS done,
              (SELECT count(*)::int FROM cycle_cases k WHERE k.plan_id = p.plan_id AND NOT k.paid) AS pending
       FROM plans p WHERE plan_id = $1 FOR UPDATE`,
      [planId],
    );
    const p = rows[0];
    if (!p || p.status !== "closing" || !p.closing_on || p.done < (p.final_cycles ?? 0) || p.pending > 0)
      return false;
    const open = await tx.query<{ participation_id: number }>(
      "SELECT participation_id FROM participations WHERE plan_id = $1 AND status <> 'ended'",
      [planId],
    );
    for (const r of open.rows) await endParticipation(deps, tx, r.participation_id, "plan_closed", on);
    await tx.query("UPDATE plans SET status = 'closed' WHERE plan_id = $1", [planId]);
    await appendLogEntry(tx, "plan_status", { plan: planId, status: "closed", on });
    return true;
  }
}

/** A member who confirms each cycle (or whose share is over their limit) confirms a share before collection. */
export async function confirmShare(
  deps: ServiceDeps,
  principal: Principal,
  cycleId: number,
  memberId: number,
): Promise<{ status: string; shareFen: number }> {
  await memberFor(deps.pool, principal, memberId, false);
  const { rows } = await deps.pool.query<{ status: string; share_fen: number }>(
    `UPDATE cycle_shares s SET status = CASE WHEN s.status = 'unconfirmed' THEN 'due' ELSE s.status END
     FROM cycles c WHERE s.cycle_id = $1 AND s.member_id = $2 AND c.cycle_id = s.cycle_id RETURNING s.status, s.share_fen`,
    [cycleId, memberId],
  );
  const r = rows[0] ?? fail("not_found", "no share of this member in this cycle");
  return { status: r.status === "due" ? "confirmed" : r.status, shareFen: r.share_fen };
}

/**
 * Members past the allowed failures leave the plan; their default history stays in cycle_shares. Only
 * failed shares are read (a partial index holds them), optionally only of some members.
 */
async function endDefaulters(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  on: CivilDate,
  exitAfter: number | undefined,
  memberIds?: readonly number[],
): Promise<void> {
  if (exitAfter === undefined) return;
  const defaulters = await tx.query<{ participation_id: number }>(
    `SELECT p.participation_id FROM participations p
     JOIN (SELECT s.member_id FROM cycle_shares s JOIN cycles c USING (cycle_id)
           WHERE s.unpaid AND s.status = 'failed' AND c.plan_id = $1 AND ($3::bigint[] IS NULL OR s.member_id = ANY($3))
           GROUP BY s.member_id HAVING count(*) >= $2) d USING (member_id)
     WHERE p.plan_id = $1 AND p.status <> 'ended'
     ORDER BY p.participation_id`,
    [planId, exitAfter, memberIds ?? null],
  );
  for (const r of defaulters.rows)
    await endParticipation(deps, tx, r.participation_id, "sharing_obligation_failed", on);
}

type DisclosedCycle = CycleDisclosure & { retriesDone?: number; writtenOffFen?: number };

/**
 * An advance recovered from the member's next payment (the policy's `recoverFromNextPayment`): when a
 * member's share of this cycle was collected, each share of theirs that an earlier cycle of the plan
 * advanced — retries over, not written off — is debited with it, as its own debit keyed by the earlier
 * cycle (`…:debit:{member}:recover`), so the same advance is never asked twice whichever cycle asks. A
 * success moves the earlier share to collected, credits the member's receivable and corrects that
 * cycle's disclosure, in one transaction; a failure or a late answer leaves it for the next payment.
 */
async function recoverFromNextPayment(
  deps: ServiceDeps,
  cycleId: number,
  planId: string,
  announcedOn: CivilDate,
  retryAttempts: number,
): Promise<void> {
  const owed = await deps.pool.query<{
    cycle_id: number;
    announced_on: CivilDate;
    member_id: number;
    share_fen: number;
  }>(
    `SELECT s.cycle_id, c.announced_on::text, s.member_id, s.share_fen
     FROM cycle_shares s JOIN cycles c USING (cycle_id)
     JOIN cycle_shares now ON now.cycle_id = $3 AND now.member_id = s.member_id AND now.status = 'collected'
     WHERE s.unpaid AND s.status = 'failed' AND s.share_fen > 0 AND c.plan_id = $1 AND c.announced_on < $2 AND c.status = 'disclosed'
       AND coalesce((c.disclosure ->> 'retriesDone')::int, 0) >= $4 AND c.disclosure ->> 'writtenOffFen' IS NULL
     ORDER BY c.announced_on, s.member_id`,
    [planId, announcedOn, cycleId, retryAttempts],
  );
  if (owed.rows.length === 0) return;
  const batchSize = deps.debitBatchSize ?? limits.debitBatchSize;
  for (let from = 0; from < owed.rows.length; from += batchSize) {
    const batch = owed.rows.slice(from, from + batchSize);
    const results = await deps.payments.executeBatch(
      batch.map((r) => ({
        key: recoverKey(planId, r.announced_on, r.member_id),
        kind: "debit" as const,
        memberId: r.member_id,
        amountFen: r.share_fen,
      })),
    );
    deps.checkpoint?.("recover:answered");
    const paid = batch.filter((_, k) => results[k]!.status === "succeeded");
    const byCycle = new Map<number, typeof paid>();
    for (const r of paid) byCycle.set(r.cycle_id, [...(byCycle.get(r.cycle_id) ?? []), r]);
    for (const [earlier, rows] of byCycle)
      await withTransaction(deps.pool, async (tx) => {
        await recordRecovery(
          deps,
          tx,
          planId,
          earlier,
          rows[0]!.announced_on,
          rows.map((r) => r.member_id),
        );
        deps.checkpoint?.("recover:recorded");
      });
  }
}

/**
 * Records advances of an earlier cycle recovered by their `…:recover` debits, in the caller's
 * transaction: only shares still failed move (a retry or a late answer that got there first stands);
 * one ledger entry per advance, keyed by its debit, so whichever run or cycle records it, it is once.
 */
async function recordRecovery(
  deps: ServiceDeps,
  tx: Tx,
  planId: string,
  earlierCycleId: number,
  earlierAnnouncedOn: CivilDate,
  memberIds: readonly number[],
  paidFrom: "provider" | "balance" = "provider",
): Promise<void> {
  const locked = await tx.query<{ disclosure: DisclosedCycle }>(
    "SELECT disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
    [earlierCycleId],
  );
  const d0 = locked.rows[0]!.disclosure;
  const moved = await tx.query<{ member_id: number; share_fen: number }>(
    `UPDATE cycle_shares SET status = 'collected' WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = 'failed'
     RETURNING member_id, share_fen`,
    [earlierCycleId, memberIds],
  );
  if (moved.rows.length === 0) return;
  for (const r of moved.rows)
    await postRecovery(
      deps,
      tx,
      `${recoverKey(planId, earlierAnnouncedOn, r.member_id)}:recovered`,
      planId,
      d0,
      [r],
      paidFrom === "balance" ? accounts.memberBalance(r.member_id) : accounts.providerClearing(),
    );
  const recoveredFen = moved.rows.reduce((n, r) => n + r.share_fen, 0);
  const failedFen = (d0.failedFen ?? 0) - recoveredFen;
  const d: DisclosedCycle = {
    ...d0,
    collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
    failedFen,
    // A plan whose operator does not advance disclosed none; the failures stay failures.
    advancedFen: (d0.advancedFen ?? 0) === 0 ? 0 : failedFen,
    recoveredLaterFen: (d0.recoveredLaterFen ?? 0) + recoveredFen,
  };
  await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
    earlierCycleId,
    JSON.stringify(d),
  ]);
}

/**
 * A prepaid member's top-up repays their advanced shares first (the next payment of a prepaid plan is
 * the next top-up), in the caller's transaction — the one that credits the top-up. Oldest cycle first,
 * whole shares only, while both the balance and what the member still owes on the receivable cover
 * the next one (an exit may have settled part of it); only where that cycle's rules advance failures
 * and recover them from the next payment, once its retries are over, and not once written off. Each
 * advance is recorded once, under the same key as a post-paid recovery (`…:debit:{member}:recover:recovered`),
 * and that cycle's disclosure moves it to collected.
 *
 * Money a prepaid cycle has already claimed is not the member's to spend: shares of cycles not yet
 * disclosed (due, unconfirmed, or collected but not yet posted) are set aside first. A prepaid
 * collection takes the plan's collection lock while it decides, so it cannot decide on a balance this
 * transaction is about to lower.
 */
export async function recoverFromTopUp(deps: ServiceDeps, tx: Tx, memberId: number): Promise<number> {
  // Most top-ups owe nothing: the receivable's balance says so without reading any share.
  let owedFen = await balanceOf(tx, accounts.memberAdvance(memberId));
  if (owedFen <= 0) return 0;
  const plans = await tx.query<{ plan_id: string }>(
    "SELECT DISTINCT plan_id FROM participations WHERE member_id = $1 ORDER BY plan_id",
    [memberId],
  );
  for (const p of plans.rows)
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [prepaidCollectionLock(p.plan_id)]);
  const claimed = await tx.query<{ fen: number }>(
    `SELECT coalesce(sum(s.share_fen), 0)::bigint AS fen
     FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
     WHERE c.status <> 'disclosed' AND s.status IN ('due', 'unconfirmed', 'collected')`,
    [memberId],
  );
  const owed = await tx.query<{
    cycle_id: number;
    plan_id: string;
    announced_on: CivilDate;
    share_fen: number;
    retries_done: number;
  }>(
    `SELECT c.cycle_id, c.plan_id, c.announced_on::text, s.share_fen,
            coalesce((c.disclosure ->> 'retriesDone')::int, 0) AS retries_done
     FROM cycles c JOIN cycle_shares s ON s.cycle_id = c.cycle_id AND s.member_id = $1
     WHERE s.unpaid AND s.status = 'failed' AND s.share_fen > 0 AND c.status = 'disclosed'
       AND c.disclosure ->> 'writtenOffFen' IS NULL
     ORDER BY c.announced_on, c.cycle_id`,
    [memberId],
  );
  let heldFen = -(await balanceOf(tx, accounts.memberBalance(memberId))) - Number(claimed.rows[0]!.fen);
  let recoveredFen = 0;
  for (const r of owed.rows) {
    const policy = ruleVersionOn(await loadStoredPlan(tx, r.plan_id), r.announced_on)?.rules;
    if (
      policy?.funding.mode !== "prepaid" ||
      !policy.failurePolicy.operatorAdvances ||
      !policy.failurePolicy.advanceRecovery.recoverFromNextPayment ||
      r.retries_done < policy.failurePolicy.retryAttempts
    )
      continue;
    if (heldFen < r.share_fen || owedFen < r.share_fen) break;
    await recordRecovery(deps, tx, r.plan_id, r.cycle_id, r.announced_on, [memberId], "balance");
    heldFen -= r.share_fen;
    owedFen -= r.share_fen;
    recoveredFen += r.share_fen;
  }
  return recoveredFen;
}

/** The advisory lock a prepaid collection holds while it decides on balances (see recoverFromTopUp). */
const prepaidCollectionLock = (planId: string) => `prepaid-collection:${planId}`;

const recoverKey = (planId: string, announcedOn: CivilDate, memberId: number) =>
  `cycle:${planId}:${announcedOn}:debit:${memberId}:recover`;

/**
 * Advances recovered (by a retry, a late answer or the next payment): the money comes from `from` —
 * the provider's clearing, or a prepaid member's balance — and each member's receivable (or the
 * operator's, once written off) is cleared.
 */
async function postRecovery(
  deps: ServiceDeps,
  tx: Tx,
  key: string,
  planId: string,
  d: DisclosedCycle,
  shares: ReadonlyArray<{ member_id: number; share_fen: number }>,
  from: string = accounts.providerClearing(),
): Promise<void> {
  await postTransaction(tx, {
    key,
    kind: "advance_recovered",
    planId,
    at: new Date(deps.clock.now()),
    postings: [
      { accountId: from, amountFen: fen(shares.reduce((n, r) => n + r.share_fen, 0)) },
      ...shares.map((r) => ({
        accountId: advanceAccount(d, planId, r.member_id),
        amountFen: fen(-r.share_fen),
      })),
    ],
  });
}

/** Where a recovered advance goes: the member's receivable, or the operator's once it was written off. */
function advanceAccount(d: DisclosedCycle, planId: string, memberId: number): string {
  return d.writtenOffFen === undefined ? accounts.memberAdvance(memberId) : accounts.operatorAdvances(planId);
}

/**
 * Retry `attempt` of a post-paid cycle's failed debits (the policy's retryEveryDays after collection):
 * each retry has its own key; a success recovers the operator's advance from the member, an answer
 * that comes later leaves the share pending (not retried again until it is known). After the last
 * attempt, members past the allowed failures leave the plan.
 */
export async function retryFailedDebits(
  deps: ServiceDeps,
  cycleId: number,
  attempt: number,
): Promise<{ recovered: number; stillFailed: number }> {
  const c = await deps.pool.query<{
    plan_id: string;
    announced_on: CivilDate;
    collect_on: CivilDate;
    disclosure: DisclosedCycle;
  }>(
    "SELECT plan_id, announced_on::text, collect_on::text, disclosure FROM cycles WHERE cycle_id = $1 AND status = 'disclosed'",
    [cycleId],
  );
  const cycle = c.rows[0] ?? fail("not_found", `no disclosed cycle ${cycleId}`);
  if ((cycle.disclosure.retriesDone ?? 0) >= attempt) return { recovered: 0, stillFailed: 0 };
  const plan = await loadStoredPlan(deps.pool, cycle.plan_id);
  const rules = ruleVersionOn(plan, cycle.announced_on)!.rules;
  const keyBase = `cycle:${cycle.plan_id}:${cycle.announced_on}`;
  // The attempt is written on the shares before the provider is asked, so that an answer arriving by
  // webhook before this retry is recorded finds the attempt it belongs to.
  await deps.pool.query(
    "UPDATE cycle_shares SET attempt = $2 WHERE cycle_id = $1 AND unpaid AND status = 'failed' AND attempt < $2",
    [cycleId, attempt],
  );
  const failed = await deps.pool.query<{ member_id: number; share_fen: number }>(
    "SELECT member_id, share_fen FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND status = 'failed' AND attempt = $2 ORDER BY member_id",
    [cycleId, attempt],
  );
  const results = await deps.payments.executeBatch(
    failed.rows.map((r) => ({
      key: `${keyBase}:debit:${r.member_id}:retry:${attempt}`,
      kind: "debit" as const,
      memberId: r.member_id,
      amountFen: r.share_fen,
    })),
  );
  deps.checkpoint?.("retry:answered");
  const ids = (status: string) =>
    failed.rows.filter((_, i) => results[i]!.status === status).map((r) => r.member_id);
  return withTransaction(deps.pool, async (tx) => {
    const locked = await tx.query<{ disclosure: DisclosedCycle }>(
      "SELECT disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    const d0 = locked.rows[0]!.disclosure;
    if ((d0.retriesDone ?? 0) >= attempt) return { recovered: 0, stillFailed: 0 };
    // Only shares still failed at this attempt change: an answer that came by webhook first stands.
    const move = (to: string, members: number[]) =>
      tx.query<{ member_id: number; share_fen: number }>(
        `UPDATE cycle_shares SET status = $4 WHERE cycle_id = $1 AND member_id = ANY($2) AND unpaid AND status = 'failed' AND attempt = $3
         RETURNING member_id, share_fen`,
        [cycleId, members, attempt, to],
      );
    const ok = (await move("collected", ids("succeeded"))).rows;
    const pending = (await move("pending", ids("pending"))).rows;
    const recoveredFen = ok.reduce((n, r) => n + r.share_fen, 0);
    if (ok.length > 0) {
      await postRecovery(deps, tx, `${keyBase}:retry:${attempt}`, cycle.plan_id, d0, ok);
    }
    const d: DisclosedCycle = {
      ...d0,
      collectedFen: (d0.collectedFen ?? 0) + recoveredFen,
      failedFen: (d0.failedFen ?? 0) - recoveredFen,
      pendingFen: (d0.pendingFen ?? 0) + pending.reduce((n, r) => n + r.share_fen, 0),
      retriesDone: attempt,
    };
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
    await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [cycleId, JSON.stringify(d)]);
    if (attempt >= rules.failurePolicy.retryAttempts)
      await endDefaulters(deps, tx, cycle.plan_id, cycle.collect_on, rules.failurePolicy.exitAfterFailures);
    deps.checkpoint?.("retry:before-commit");
    return { recovered: ok.length, stillFailed: failed.rows.length - ok.length };
  });
}

const DEBIT_KEY = /^cycle:([a-z][a-z0-9_-]*):(\d{4}-\d{2}-\d{2}):debit:(\d+)(?::retry:(\d+)|:(recover))?$/;

/**
 * A debit's answer that arrives after the request (the provider's signed webhook), applied in the
 * webhook's transaction to the attempt it belongs to, once: the share row moves only from due, pending
 * or failed at that attempt. Once the cycle is disclosed, a late success recovers the advance (a ledger
 * entry keyed by the debit's key) and a late failure becomes a default — the member leaves the plan if
 * the retries are over and the policy says so; the cycle's disclosure follows. Returns whether the key
 * was a cycle debit's.
 */
export async function applyDebitAnswer(
  deps: ServiceDeps,
  tx: Tx,
  key: string,
  result: { status: "succeeded" | "failed" },
): Promise<boolean> {
  const m = DEBIT_KEY.exec(key);
  if (!m) return false;
  const [, planId, announcedOn, member, retry, recover] = m;
  const memberId = Number(member);
  if (recover) {
    // A recovery debit answered late: a success records the recovery; a failure leaves the advance
    // owed, for the member's next payment.
    const c = await tx.query<{ cycle_id: number }>(
      "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on = $2 AND status = 'disclosed'",
      [planId, announcedOn],
    );
    if (c.rows[0] && result.status === "succeeded")
      await recordRecovery(deps, tx, planId!, c.rows[0].cycle_id, announcedOn as CivilDate, [memberId]);
    return true;
  }
  const attempt = retry === undefined ? 0 : Number(retry);
  const c = await tx.query<{
    cycle_id: number;
    status: string;
    collect_on: CivilDate;
    disclosure: DisclosedCycle;
  }>(
    "SELECT cycle_id, status, collect_on::text, disclosure FROM cycles WHERE plan_id = $1 AND announced_on = $2 FOR UPDATE",
    [planId, announcedOn],
  );
  const cycle = c.rows[0];
  if (!cycle) return true;
  const share = await tx.query<{ status: string; share_fen: number }>(
    "SELECT status, share_fen FROM cycle_shares WHERE cycle_id = $1 AND member_id = $2 AND attempt = $3 FOR UPDATE",
    [cycle.cycle_id, memberId, attempt],
  );
  const s = share.rows[0];
  const to = result.status === "succeeded" ? "collected" : "failed";
  if (!s || s.share_fen === 0 || !["due", "pending", "failed"].includes(s.status) || s.status === to)
    return true;
  await tx.query("UPDATE cycle_shares SET status = $3 WHERE cycle_id = $1 AND member_id = $2", [
    cycle.cycle_id,
    memberId,
    to,
  ]);
  if (cycle.status !== "disclosed") return true; // the settlement counts the share as it now stands
  const d0 = cycle.disclosure;
  const plan = await loadStoredPlan(tx, planId!);
  const rules = ruleVersionOn(plan, announcedOn as CivilDate)!.rules;
  const wasPendingFen = s.status === "pending" ? s.share_fen : 0;
  const d: DisclosedCycle = { ...d0, pendingFen: (d0.pendingFen ?? 0) - wasPendingFen };
  if (to === "collected") {
    await postRecovery(deps, tx, `${key}:answer`, planId!, d0, [
      { member_id: memberId, share_fen: s.share_fen },
    ]);
    d.collectedFen = (d0.collectedFen ?? 0) + s.share_fen;
    d.failedFen = (d0.failedFen ?? 0) - s.share_fen;
    d.advancedFen = rules.failurePolicy.operatorAdvances ? d.failedFen : 0;
  }
  await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
    cycle.cycle_id,
    JSON.stringify(d),
  ]);
  if (to === "failed" && (d0.retriesDone ?? 0) >= rules.failurePolicy.retryAttempts)
    await endDefaulters(deps, tx, planId!, cycle.collect_on, rules.failurePolicy.exitAfterFailures, [
      memberId,
    ]);
  return true;
}

/** Retries of failed debits that have fallen due by `today`, for every cycle of a post-paid plan. */
export async function runDueRetries(deps: ServiceDeps, planId: string, today: CivilDate): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const { rows } = await deps.pool.query<{
    cycle_id: number;
    announced_on: CivilDate;
    collect_on: CivilDate;
    done: number | null;
  }>(
    `SELECT c.cycle_id, c.announced_on::text, c.collect_on::text, (c.disclosure ->> 'retriesDone')::int AS done FROM cycles c
     WHERE c.plan_id = $1 AND c.status = 'disclosed' AND (c.disclosure ->> 'failedFen')::bigint > 0
     ORDER BY c.announced_on`,
    [planId],
  );
  let runs = 0;
  for (const c of rows) {
    const policy = ruleVersionOn(plan, c.announced_on)?.rules.failurePolicy;
    if (!policy) continue;
    for (
      let k = (c.done ?? 0) + 1;
      k <= policy.retryAttempts && addDays(c.collect_on, k * policy.retryEveryDays) <= today;
      k++
    ) {
      await retryFailedDebits(deps, c.cycle_id, k);
      runs++;
    }
    const writeOff = policy.advanceRecovery.writeOffAfterDays;
    if (writeOff !== undefined && addDays(c.collect_on, writeOff) < today)
      await writeOffAdvances(deps, c.cycle_id);
  }
  return runs;
}

/**
 * Advances still unrecovered past the policy's write-off days become the operator's loss: a ledger
 * entry per cycle moves them off the members' receivables; the default history stays.
 */
export async function writeOffAdvances(deps: ServiceDeps, cycleId: number): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const c = await tx.query<{
      plan_id: string;
      announced_on: CivilDate;
      disclosure: CycleDisclosure & { writtenOffFen?: number };
    }>("SELECT plan_id, announced_on::text, disclosure FROM cycles WHERE cycle_id = $1 FOR UPDATE", [
      cycleId,
    ]);
    const cycle = c.rows[0];
    if (!cycle || cycle.disclosure.writtenOffFen !== undefined) return 0;
    const failed = await tx.query<{ member_id: number; share_fen: number }>(
      "SELECT member_id, share_fen FROM cycle_shares WHERE cycle_id = $1 AND unpaid AND share_fen > 0 ORDER BY member_id",
      [cycleId],
    );
    const total = failed.rows.reduce((n, r) => n + r.share_fen, 0);
    if (total > 0) {
      await postTransaction(tx, {
        key: `cycle:${cycle.plan_id}:${cycle.announced_on}:write-off`,
        kind: "advance_written_off",
        planId: cycle.plan_id,
        at: new Date(deps.clock.now()),
        postings: [
          { accountId: accounts.operatorAdvances(cycle.plan_id), amountFen: fen(total) },
          ...failed.rows.map((r) => ({
            accountId: accounts.memberAdvance(r.member_id),
            amountFen: fen(-r.share_fen),
          })),
        ],
      });
    }
    await tx.query("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [
      cycleId,
      JSON.stringify({ ...cycle.disclosure, writtenOffFen: total }),
    ]);
    return total;
  });
}
