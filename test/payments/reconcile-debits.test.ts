import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCycles } from "../../src/cycles/audit.ts";
import { runDueRetries } from "../../src/cycles/retries.ts";
import { listCycles } from "../../src/cycles/run.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import type { Worker } from "../../src/jobs/worker.ts";
import { installPlan } from "../../src/plans/presets.ts";
import { auditLedger } from "../../src/store/ledger.repository.ts";
import { approveCase, type TestApp, testApp } from "../support/app.ts";
import { joinedMembers, SEMI_MONTHLY_UNCAPPED } from "../support/cohort.ts";
import { runDueOn } from "../support/cycles.ts";
import { testWorker } from "../support/jobs.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";
import { metric, pastBoundMs, postWebhook, providerBooks, reconcileRun } from "../support/reconcile.ts";

/*
 * The reconciliation job for a cycle's debits answered pending whose webhook never comes: two runs of
 * the same cycle side by side, one whose webhooks arrive and one whose webhooks are all lost and whose
 * answers the job finds by query. Their books must end alike.
 */

type Run = { t: TestApp; worker: Worker; members: number[]; parts: number[] };
const failKeys = new Set<string>();
const asyncKeys = new Set<string>();
let delivered: Run;
let lost: Run;

async function start(): Promise<Run> {
  const t = await testApp({
    nowMs: Date.UTC(2020, 0, 7, 2),
    presets: [],
    provider: { failureRate: 0, asyncRate: 0, timeoutRate: 0, failKeys, asyncKeys },
  });
  await installPlan(
    t.db.pool,
    planDoc(
      mutualRules({
        apportionment: SEMI_MONTHLY_UNCAPPED,
        failurePolicy: { retryAttempts: 1, retryEveryDays: 1, exitAfterFailures: 1 },
      }),
      { id: "late" },
    ),
  );
  // A, B, C, D share; E is the first claimant
  const { members, parts } = await joinedMembers(t, "late", 5, "1330000020", 720);
  return { t, worker: await testWorker(t.deps, t.db.url), members, parts };
}

beforeAll(async () => {
  delivered = await start();
  lost = await start();
  lost.t.provider.loseWebhooks = true;
});
afterAll(async () => {
  for (const r of [delivered, lost]) {
    await r?.worker.stop();
    await r?.t.close();
  }
});

const key = (r: Run, date: string, i: number, retry = "") =>
  `cycle:late:${date}:debit:${r.members[i]}${retry}`;
const [A, B, D] = [0, 1, 3]; // C (2) is paid at once in every cycle

/**
 * The log's facts, each member's pseudonym read back as their id and the share roots left out: the two
 * runs have their own keys, so their pseudonyms (and the roots over them) differ by design.
 */
async function loggedFacts(r: Run) {
  const pseudonyms = await r.t.db.pool.query<{ id: number; pseudonym: string }>(
    "SELECT member_id::int AS id, pseudonym FROM members",
  );
  let text = JSON.stringify(
    (await r.t.db.pool.query("SELECT kind, entry - 'root' AS entry FROM log_outbox ORDER BY outbox_id")).rows,
  );
  for (const p of pseudonyms.rows) text = text.replaceAll(p.pseudonym, `member ${p.id}`);
  return JSON.parse(text);
}

/** Everything the cycles and the money wrote, without instants (the lost run settles 31 minutes later). */
async function books(r: Run) {
  const q = async (sql: string) => (await r.t.db.pool.query(sql)).rows;
  return {
    cycles: await q(
      `SELECT announced_on::text, status, collected_fen, failed_fen, advanced_fen, pending_fen, retries_done
       FROM cycles ORDER BY cycle_id`,
    ),
    shares: await q("SELECT cycle_id, member_id, share_fen, status, attempt FROM cycle_shares ORDER BY 1, 2"),
    balances: await q("SELECT account_id, balance_fen FROM account_balances ORDER BY 1"),
    ledger: await q("SELECT idem_key, kind FROM ledger_transactions ORDER BY idem_key"),
    log: await loggedFacts(r),
    participations: await q("SELECT participation_id, status, end_reason FROM participations ORDER BY 1"),
    provider: await q("SELECT idem_key, status, requests FROM sim_provider_payments ORDER BY 1"),
  };
}
const cycle = async (r: Run, n: number) => (await listCycles(r.t.db.pool, "late")).items[n]!;

describe("a cycle's debits answered pending whose webhooks are lost", () => {
  it("are settled by the job, and the cycle's books match a run whose webhooks arrived", async () => {
    for (const r of [delivered, lost]) {
      asyncKeys.add(key(r, "2020-01-07", A)); // answered later: succeeded
      asyncKeys.add(key(r, "2020-01-07", B)); // answered later: failed
      failKeys.add(key(r, "2020-01-07", B)).add(key(r, "2020-01-07", B, ":retry:1"));
      await approveCase(r.t, r.parts[4]!, 300, "2020-01-05");
      await runDueOn(r.t, "late", "2020-01-14", "2020-01-07");
      // 300 fen + 8% = 324 fen among 4 = 81 each; C and D paid at once, A and B pending (advanced)
      expect(await cycle(r, 0)).toMatchObject({ collectedFen: 162, failedFen: 162, pendingFen: 162 });
      // the provider finishes both and sends their webhooks: the second run's never arrive
      expect(await r.t.provider.flushWebhooks()).toBe(2);
    }
    // the arrived answers: A paid late (its advance recovered), B a default: 81 × 3 collected
    const settled = { collectedFen: 243, failedFen: 81, pendingFen: 0, advancedFen: 81 };
    expect(await cycle(delivered, 0)).toMatchObject(settled);
    expect(await cycle(lost, 0)).toMatchObject({ collectedFen: 162, pendingFen: 162 });
    // the oldest pending debit: since the collection at 10:00, and it is 10:00 = 0 s
    expect(await metric(lost.t, 'huzhu_payments_pending_oldest_seconds{kind="debit"}')).toBe(0);
    // the job within the bound asks nothing; 31 minutes on it asks and settles both
    expect(await reconcileRun(lost.t, lost.worker)).toEqual([]);
    expect(await cycle(lost, 0)).toMatchObject({ pendingFen: 162 });
    lost.t.clock.set(lost.t.clock.now() + pastBoundMs);
    expect(await metric(lost.t, 'huzhu_payments_pending_oldest_seconds{kind="debit"}')).toBe(1860);
    expect(await reconcileRun(lost.t, lost.worker)).toEqual([]);
    expect(await cycle(lost, 0)).toMatchObject(settled);
    expect(await metric(lost.t, 'huzhu_payments_pending_oldest_seconds{kind="debit"}')).toBeUndefined();

    // run twice, and the lost webhook replayed after the job: nothing changes
    const once = await books(lost);
    expect(await reconcileRun(lost.t, lost.worker)).toEqual([]);
    const ref = (await providerBooks(lost.t, key(lost, "2020-01-07", A)))[0]!.ref;
    const replay = await postWebhook(lost.t, `evt_${ref}`, key(lost, "2020-01-07", A), {
      status: "succeeded",
      providerRef: ref,
    });
    expect(replay.json()).toEqual({ accepted: true });
    expect(await books(lost)).toEqual(once);

    // the retry day (01-14 + 1): B's retry fails at once, B leaves (exit after 1 failure) — in both
    for (const r of [delivered, lost]) {
      r.t.clock.set(Date.UTC(2020, 0, 15, 2));
      await runDueRetries(r.t.deps, "late", civilDate("2020-01-15"));
      expect(await cycle(r, 0)).toMatchObject({ ...settled, retriesDone: 1 });
    }
    const d = await books(delivered);
    const l = await books(lost);
    expect(l).toEqual(d);
    // A's late success is one ledger entry keyed by its debit, in both
    expect(l.ledger.filter((x) => x.idem_key.endsWith(":answer"))).toEqual([
      { idem_key: `${key(lost, "2020-01-07", A)}:answer`, kind: expect.any(String) },
    ]);
    expect(l.participations.find((p) => p.participation_id === lost.parts[B])).toMatchObject({
      status: "ended",
      end_reason: "sharing_obligation_failed",
    });
    for (const r of [delivered, lost]) {
      expect(await auditLedger(r.t.db.pool)).toEqual([]);
      expect(await auditCycles(r.t.db.pool)).toEqual([]);
    }
  });

  it("a pending debit the provider lost is a refused debit: advanced, retried under a new key, recovered", async () => {
    const r = lost;
    // the second cycle: B has left, E was paid; D claims 200 fen + 8% = 216 among A and C = 108 each
    r.t.clock.set(Date.UTC(2020, 0, 21, 2));
    await approveCase(r.t, r.parts[D]!, 200, "2020-01-20");
    const k = key(r, "2020-01-21", A);
    asyncKeys.add(k);
    await runDueOn(r.t, "late", "2020-01-28", "2020-01-21");
    expect(await cycle(r, 1)).toMatchObject({ collectedFen: 108, failedFen: 108, pendingFen: 108 });
    // the provider loses the key (its books no longer know it)
    await r.t.db.pool.query("DELETE FROM sim_provider_events WHERE idem_key = $1", [k]);
    await r.t.db.pool.query("DELETE FROM sim_provider_payments WHERE idem_key = $1", [k]);
    r.t.clock.set(r.t.clock.now() + pastBoundMs);
    expect(await reconcileRun(r.t, r.worker)).toEqual([]);
    // a failure now: no longer pending, still advanced (108 fen), no retry yet, nothing sent by the job
    expect(await cycle(r, 1)).toMatchObject({
      collectedFen: 108,
      failedFen: 108,
      pendingFen: 0,
      advancedFen: 108,
    });
    expect(await providerBooks(r.t, k)).toEqual([]);
    // the retry day: a new key, answered at once, the advance recovered — 216 collected
    r.t.clock.set(Date.UTC(2020, 0, 29, 2));
    await runDueRetries(r.t.deps, "late", civilDate("2020-01-29"));
    expect(await cycle(r, 1)).toMatchObject({
      collectedFen: 216,
      failedFen: 0,
      advancedFen: 0,
      retriesDone: 1,
    });
    expect(await providerBooks(r.t, `${k}:retry:1`)).toMatchObject([{ requests: 1, status: "succeeded" }]);
    expect(await auditLedger(r.t.db.pool)).toEqual([]);
    expect(await auditCycles(r.t.db.pool)).toEqual([]);
  });
});
