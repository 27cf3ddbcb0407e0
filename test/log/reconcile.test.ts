import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { proofChunks } from "../../src/cycles/proofs.ts";
import { auditMembership } from "../../src/log/membership-audit.ts";
import { auditReconciliation } from "../../src/log/reconcile.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import {
  approveCase,
  registerMember,
  residentId,
  staffToken,
  type TestApp,
  testApp,
} from "../support/app.ts";
import { runCycleSteps } from "../support/cycles.ts";

/*
 * The private audit reconciles the records with the log, on a real state: six members joined through
 * the API (logged joins), one approved case paid in a cycle, one claim rejected inside the waiting
 * period. Each manipulation goes through the database with the append-only triggers off.
 */

let t: TestApp;
let cycleId: number;
let caseId: number;
let rejectedClaim: number;
const answers = { major_illness: false, hospitalised: false };
const PDF = Buffer.from("%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\n%%EOF\n");
const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai

async function tamper(sql: string, params: unknown[] = []) {
  const c = await t.db.pool.connect();
  try {
    await c.query("SET session_replication_role = replica");
    await c.query(sql, params);
  } finally {
    await c.query("SET session_replication_role = origin");
    c.release();
  }
}

const audit = async () => [...(await auditReconciliation(t.db.pool)), ...(await auditCycles(t.db.pool))];

async function must(r: Promise<{ statusCode: number; body: string }>) {
  const a = await r;
  if (a.statusCode >= 300) throw new Error(`${a.statusCode}: ${a.body}`);
  return JSON.parse(a.body || "{}");
}
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function join(i: number) {
  const m = await registerMember(t, `1380000000${i}`, residentId("1990-01-01", 801 + 2 * i));
  const j = await must(
    post("/participations", m.auth, {
      memberId: m.memberId,
      planId: "xianghubao",
      answers,
      answersVersion: "V2",
    }),
  );
  return { ...m, participationId: j.participationId as number };
}

/** A claim diagnosed inside the member's waiting period: the reviewer's decision rejects it. */
async function rejectedInWaiting(m: Awaited<ReturnType<typeof join>>) {
  const operator = await staffToken(t, ["operator"]);
  const reviewer = await staffToken(t, ["reviewer"]);
  const ids = await t.db.pool.query("SELECT staff_id FROM staff ORDER BY staff_id");
  const c = await must(
    post("/claims", m.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-01-03",
    }),
  );
  await must(post(`/claims/${c.claimId}/documents`, { ...m.auth, "content-type": "application/pdf" }, PDF));
  await must(post(`/claims/${c.claimId}/submit`, m.auth));
  await must(post(`/claims/${c.claimId}/assignment`, operator, { reviewerId: ids.rows[1].staff_id }));
  await must(post(`/claims/${c.claimId}/decision`, reviewer, { note: "" }));
  return c.claimId as number;
}

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-01-01"), provider: { failureRate: 0 } });
  const members = [];
  for (let i = 0; i < 6; i++) members.push(await join(i));
  t.clock.set(at("2020-01-04"));
  rejectedClaim = await rejectedInWaiting(members[5]!);
  caseId = await approveCase(t, members[0]!.participationId, 1_000_000, "2020-01-05");
  const d = await runCycleSteps(t, "xianghubao", "2020-01-07");
  cycleId = (await t.db.pool.query("SELECT max(cycle_id)::int AS id FROM cycles")).rows[0].id;
  expect(d.cases).toBe(1);
  await proofChunks(t.db.pool, cycleId); // the proof chunks members' proofs are served from
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
});
afterAll(async () => {
  await t.close();
});

const txnOf = async (kind: string) =>
  (
    await t.db.pool.query<{ txn_id: number; amount: number }>(
      "SELECT t.txn_id, (SELECT sum(amount_fen) FROM ledger_postings p WHERE p.txn_id = t.txn_id AND amount_fen > 0)::bigint AS amount FROM ledger_transactions t WHERE kind = $1",
      [kind],
    )
  ).rows[0]!;

describe("the private audit reconciles the records with the log", () => {
  it("passes the honest state: every check of huzhu audit", async () => {
    const state = await t.db.pool.query("SELECT state FROM claims WHERE claim_id = $1", [rejectedClaim]);
    expect(state.rows[0].state).toBe("rejected");
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });

  it("derives the cycle's sharers from the logged joins and exits: the claimants' participations ended", async () => {
    // six joined; member 5's claim in the waiting period ended theirs (01-04), member 0's paid case
    // ended theirs (01-05): 4 owe a share on 01-07, and the cycle's shares are exactly theirs
    const d = (await t.db.pool.query("SELECT disclosure FROM cycles WHERE cycle_id = $1", [cycleId])).rows[0]
      .disclosure;
    expect(d.sharingMembers).toBe(4);
    expect(await auditMembership(t.db.pool)).toEqual([]);
  });

  it("catches a fake member's share with no logged join, and a share left out", async () => {
    const fake = "f".repeat(32);
    const real = (await t.db.pool.query("SELECT * FROM cycle_shares WHERE cycle_id = $1 LIMIT 1", [cycleId]))
      .rows[0];
    // a real share handed to a pseudonym the log never saw join: one fake share, one share missing
    await tamper("UPDATE cycle_shares SET pseudonym = $3 WHERE cycle_id = $1 AND pseudonym = $2", [
      cycleId,
      real.pseudonym,
      fake,
    ]);
    expect(await auditMembership(t.db.pool)).toEqual([
      // the share's leaf (format 2, issue 19) still names the real member's participation
      `cycle ${cycleId}: member ${fake}'s leaf names participation ${real.participation_id}, which the log says is ${real.pseudonym}'s`,
      `cycle ${cycleId}: member ${fake} has a share but no logged participation that owes one`,
      `cycle ${cycleId}: member ${real.pseudonym} owes a share by the log and has none`,
    ]);
    await tamper("UPDATE cycle_shares SET pseudonym = $3 WHERE cycle_id = $1 AND pseudonym = $2", [
      cycleId,
      fake,
      real.pseudonym,
    ]);
    expect(await auditMembership(t.db.pool)).toEqual([]);
  });

  it("catches a changed ledger posting with its cached balances changed to match", async () => {
    const payout = await txnOf("payout");
    // 100 fen more out of the pool to the world, both postings and both balances: the ledger balances
    await tamper(
      "UPDATE ledger_postings SET amount_fen = amount_fen + sign(amount_fen) * 100 WHERE txn_id = $1",
      [payout.txn_id],
    );
    await tamper(
      "INSERT INTO account_balance_deltas SELECT account_id, sign(amount_fen) * 100 FROM ledger_postings WHERE txn_id = $1",
      [payout.txn_id],
    );
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await audit()).toEqual([
      `ledger transaction ${payout.txn_id} (payout) of cycle ${cycleId} moves ${payout.amount + 100} fen, its logged cycle_result ${payout.amount}`,
    ]);
    await tamper(
      "INSERT INTO account_balance_deltas SELECT account_id, -sign(amount_fen) * 100 FROM ledger_postings WHERE txn_id = $1",
      [payout.txn_id],
    );
    await tamper(
      "UPDATE ledger_postings SET amount_fen = amount_fen - sign(amount_fen) * 100 WHERE txn_id = $1",
      [payout.txn_id],
    );
    expect(await auditLedger(t.db.pool)).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("catches a balanced transaction moving pool money to fees, whatever its kind", async () => {
    for (const [kind, expected] of [
      ["adjustment", "moves plan:xianghubao:fees, plan:xianghubao:pool money that no log entry accounts for"],
      ["cycle_fees", "is no flow of a logged cycle result"],
    ] as const) {
      // one balanced transaction, as the ledger's commit-time check wants it: 500 fen pool → fees
      const c = await t.db.pool.connect();
      let id: number;
      try {
        await c.query("BEGIN");
        const { rows } = await c.query(
          "INSERT INTO ledger_transactions (idem_key, kind, plan_id, at) VALUES ($1, $2, 'xianghubao', now()) RETURNING txn_id",
          [`forged:${kind}`, kind],
        );
        id = rows[0].txn_id;
        await c.query(
          "INSERT INTO ledger_postings VALUES ($1, 'plan:xianghubao:pool', 500), ($1, 'plan:xianghubao:fees', -500)",
          [id],
        );
        await c.query("COMMIT");
      } finally {
        c.release();
      }
      expect(await audit()).toEqual([`ledger transaction ${id} (${kind}) ${expected}`]);
      await tamper("DELETE FROM ledger_postings WHERE txn_id = $1", [id]);
      await tamper("DELETE FROM ledger_transactions WHERE txn_id = $1", [id]);
      await tamper(
        "INSERT INTO account_balance_deltas VALUES ('plan:xianghubao:pool', -500), ('plan:xianghubao:fees', 500)",
      );
    }
  });

  it("catches a raised benefit of a paid case", async () => {
    await tamper("UPDATE cycle_cases SET benefit_fen = 2000000 WHERE case_id = $1", [caseId]);
    expect(await audit()).toEqual([
      `case ${caseId} pays 2000000 fen by the records, 1000000 by its logged decision`,
    ]);
    await tamper("UPDATE cycle_cases SET benefit_fen = 1000000 WHERE case_id = $1", [caseId]);
  });

  it("catches a logged rejection flipped to an approval in the records", async () => {
    await tamper("UPDATE claims SET state = 'sharing', benefit_fen = 30000000 WHERE claim_id = $1", [
      rejectedClaim,
    ]);
    expect(await audit()).toEqual([
      `claim ${rejectedClaim} is sharing by the records, rejected by its logged decision`,
    ]);
    await tamper("UPDATE claims SET state = 'rejected', benefit_fen = NULL WHERE claim_id = $1", [
      rejectedClaim,
    ]);
  });

  it("catches a disclosure changed so that it still conserves", async () => {
    const d = (await t.db.pool.query("SELECT disclosure FROM cycles WHERE cycle_id = $1", [cycleId])).rows[0]
      .disclosure;
    // 1 fen more in fees, 1 fen less kept as surplus: what came in still equals what went out
    const changed = { ...d, feesFen: d.feesFen + 1, surplusOutFen: d.surplusOutFen - 1 };
    await tamper("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [cycleId, changed]);
    const found = await audit();
    expect(found).toContain(
      `cycle ${cycleId}: the disclosure says feesFen ${d.feesFen + 1}, its logged cycle_result ${d.feesFen}`,
    );
    expect(found).toContain(
      `cycle ${cycleId}: the disclosure says surplusOutFen ${d.surplusOutFen - 1}, its logged cycle_result ${d.surplusOutFen}`,
    );
    await tamper("UPDATE cycles SET disclosure = $2 WHERE cycle_id = $1", [cycleId, d]);
  });

  it("catches a share changed only inside the stored proof chunk", async () => {
    await tamper(
      "UPDATE cycle_proof_chunks SET shares_fen[1] = shares_fen[1] + 1 WHERE cycle_id = $1 AND chunk = 0",
      [cycleId],
    );
    expect(await audit()).toEqual([
      `cycle ${cycleId}: stored proof chunk 0 does not hold the cycle's shares`,
      `cycle ${cycleId}: stored proof chunk 0's root is not the one its leaves give`,
    ]);
    await tamper(
      "UPDATE cycle_proof_chunks SET shares_fen[1] = shares_fen[1] - 1 WHERE cycle_id = $1 AND chunk = 0",
      [cycleId],
    );
  });

  it("catches a payout entry deleted from the log", async () => {
    const { rows } = await t.db.pool.query("SELECT * FROM log_entries WHERE kind = 'payout'");
    await tamper("DELETE FROM log_entries WHERE idx = $1", [rows[0].idx]);
    expect(await auditReconciliation(t.db.pool)).toEqual([
      `case ${caseId} was paid in cycle ${cycleId} with no payout entry in the log`,
    ]);
    const r = rows[0];
    await tamper("INSERT INTO log_entries VALUES ($1, $2, $3, $4, $5, $6)", [
      r.idx,
      r.kind,
      r.member,
      r.canonical,
      r.leaf_hash,
      r.created_at,
    ]);
    // everything put back: the whole audit passes again
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });
});
