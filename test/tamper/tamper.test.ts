import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicExport } from "../../src/audit/public/public-export.ts";
import { buildSampleBundle, openSampleBundle } from "../../src/audit/sample/sample.ts";
import { proofChunks } from "../../src/cycles/proofs.ts";
import { publicAudit } from "../../src/domain/public-audit/audit.ts";
import { detectionProbability } from "../../src/domain/public-audit/sample.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../src/log/witnessing.ts";
import { freshLogKeys, type LogKeys } from "../../src/log-keys.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { parsePins } from "../../src/verify/checkpoint.ts";
import { verifyServer } from "../../src/verify/verify.ts";
import { at } from "../support/claims.ts";
import { runCli } from "../support/cli.ts";
import { resignCheckpoints, resignHeads, rewriteLog } from "./rewrite.ts";
import {
  approvedClaim,
  buildTamperState,
  exportOf,
  joinAll,
  privateAudit,
  setNow,
  type TamperState,
} from "./state.ts";
import { type InProcessWitness, startWitness } from "./witness.ts";

/*
 * Issue 19's table, one manipulation at a time on the real state (state.ts), applied through the
 * database with triggers bypassed (session_replication_role = replica) by an operator who has the
 * database and the log key. Each runs in a transaction that is rolled back, so every case starts from
 * the honest state; each is shown caught by `huzhu audit` and, where it changes what the public record
 * says about membership or money, by `huzhu audit --public` on the export alone.
 */

let s: TamperState;
let witnesses: InProcessWitness[] = [];
let cycleIds: number[] = [];
beforeAll(async () => {
  s = await buildTamperState();
  // two witnesses cosign the honest log (in process: the witness's own server and state code)
  witnesses = await Promise.all(
    ["tamper.test/one", "tamper.test/two"].map((n) =>
      startWitness(n, s.t.deps.logKeys.vkey, () => s.t.clock.now()),
    ),
  );
  Object.assign(s.t.deps, { witnesses: witnesses.map((w) => ({ vkey: w.vkey, url: w.url })) });
  expect(await submitToWitnesses(s.t.db.pool, s.t.deps.witnesses ?? [], s.t.clock.now())).toHaveLength(2);
  // the stored proof chunks members' share proofs are served from
  cycleIds = (await s.t.db.pool.query("SELECT cycle_id::int AS id FROM cycles ORDER BY cycle_id")).rows.map(
    (r) => r.id as number,
  );
  for (const id of cycleIds) await proofChunks(s.t.db.pool, id);
}, 120_000);
afterAll(async () => {
  await Promise.all(witnesses.map((w) => w.stop()));
  await s?.t.close();
});

type Findings = { privateAudit: string[]; publicAudit: string[] };

/** The manipulation in a transaction, both audits on what it leaves, then everything rolled back. */
async function tampered(
  manipulate: (q: PoolClient) => Promise<void>,
  opts: {
    publishedKeyPem?: string;
    pinnedKeyPem?: string;
    /** What else is checked on the tampered state, before it is rolled back (the server's view). */
    inspect?: (q: PoolClient) => Promise<void>;
  } = {},
): Promise<Findings> {
  const client = await s.t.db.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await manipulate(client);
    await client.query("SET LOCAL session_replication_role = origin");
    const privateFindings = await auditChecks(client, s.t.deps.logKeys.publicKey);
    const exp = await publicExport(client, opts.publishedKeyPem ?? s.t.deps.logKeys.publicKeyPem);
    await opts.inspect?.(client);
    return {
      privateAudit: privateFindings,
      publicAudit: publicAudit(exp, { trustedKeyPem: opts.pinnedKeyPem }).problems,
    };
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

const one = async <T>(q: PoolClient, sql: string, values: unknown[] = []): Promise<T> =>
  (await q.query(sql, values)).rows[0] as T;
/**
 * What the server serves while the tampered transaction is open: the app's pool answers through it
 * (the server's GET routes only query), so `verify` sees the manipulation before it is rolled back.
 */
async function served<T>(q: PoolClient, check: (get: (path: string) => Promise<unknown>) => Promise<T>) {
  const pool = s.t.db.pool as unknown as Record<string, unknown>;
  // one client answers the app's concurrent queries: in turn, as a pool of one would
  let turn: Promise<unknown> = Promise.resolve();
  pool.query = (...a: Parameters<PoolClient["query"]>) => {
    const r = turn.then(() => (q.query as (...x: unknown[]) => Promise<unknown>)(...a));
    turn = r.catch(() => {});
    return r;
  };
  try {
    return await check(async (path) => {
      const r = await s.t.app.inject({ method: "GET", url: path });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
      return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
    });
  } finally {
    delete pool.query;
  }
}
const pinnedWitnesses = (logKey: string | undefined) => ({
  logKey,
  witnesses: witnesses.map((w) => w.vkey),
  nowMs: s.t.clock.now(),
});
/** The sampling audit's seed pins: the log's key and both witnesses, both needed. */
const seedPins = () => {
  const p = parsePins(
    { logKey: s.t.deps.logKeys.vkey, witnesses: witnesses.map((w) => w.vkey), nowMs: 0 },
    "",
  );
  if (typeof p === "string") throw new Error(p);
  return { ...p, quorum: 2 };
};
const failedChecks = (r: { checks: Array<{ ok: boolean; detail?: string }> }) =>
  r.checks.filter((c) => !c.ok).map((c) => String(c.detail));

const saying = (text: string) => expect.arrayContaining([expect.stringContaining(text)]);

describe("the tamper suite (issue 19)", () => {
  it("the honest state passes both audits", async () => {
    expect(await privateAudit(s.t)).toEqual([]);
    expect(publicAudit(await exportOf(s.t)).problems).toEqual([]);
  });

  it("one member's past share changed in cycle_shares: the private audit (the public record is unchanged)", async () => {
    const f = await tampered(async (q) => {
      await q.query(
        "UPDATE cycle_shares SET share_fen = share_fen + 100 WHERE ctid = (SELECT ctid FROM cycle_shares ORDER BY cycle_id LIMIT 1)",
      );
    });
    expect(f.privateAudit).toEqual(saying("the members' shares no longer give the published root"));
    expect(f.publicAudit).toEqual([]);
  });

  it("a member's payout entry deleted: both audits name the missing entry and the unpaid case", async () => {
    let payout = { idx: 0, caseId: 0 };
    const f = await tampered(async (q) => {
      payout = await one(
        q,
        "SELECT idx::int, (canonical::jsonb ->> 'case')::int AS \"caseId\" FROM log_entries WHERE kind = 'payout' ORDER BY idx LIMIT 1",
      );
      await q.query("DELETE FROM log_entries WHERE idx = $1", [payout.idx]);
    });
    expect(f.privateAudit).toEqual(saying(`log entry ${payout.idx} is missing`));
    expect(f.publicAudit).toEqual(saying(`log entry ${payout.idx} is missing`));
    expect(f.publicAudit).toEqual(saying(`case ${payout.caseId} of cycle`));
    expect(f.publicAudit).toEqual(saying("but no payout entry for it"));
  });

  it("a payout rewritten in the log and every head re-signed: the log verifies, the money does not", async () => {
    const f = await tampered((q) =>
      rewriteLog(q, s.t.deps.logKeys.privateKey, (kind, e) =>
        kind === "payout" && e.case === 1 ? { ...e, paidFen: (e.paidFen as number) + 50_000 } : undefined,
      ),
    );
    // the log's own checks pass: every leaf, node and head was recomputed and signed with the key
    expect(f.privateAudit.filter((p) => !p.startsWith("public record:"))).toEqual([]);
    expect(f.publicAudit).toEqual(saying("the cycle's logged result pays it"));
    expect(f.privateAudit).toEqual(saying("public record: payout entry"));
  });

  it("a disclosure's totals changed so that it still conserves: both audits", async () => {
    const f = await tampered(async (q) => {
      // 100 fen moved from fees to benefits: collected = benefits + fees + surplus still holds
      await q.query(
        `UPDATE cycles SET disclosure = disclosure || jsonb_build_object('feesFen', (disclosure->>'feesFen')::bigint - 100,
           'benefitsFen', (disclosure->>'benefitsFen')::bigint + 100)
         WHERE cycle_id = (SELECT min(cycle_id) FROM cycles)`,
      );
    });
    expect(f.publicAudit).toEqual(saying("says benefitsFen"));
    expect(f.publicAudit).toEqual(saying("the logged announcement says"));
    expect(f.privateAudit).toEqual(saying("public record: the disclosure of cycle"));
  });

  it("a rule document changed behind its logged digest: the cycles no longer recompute under it", async () => {
    const f = await tampered(async (q) => {
      await q.query(
        `UPDATE rule_versions SET rules = jsonb_set(rules, '{apportionment,waitingMembersShare}', 'false')
         WHERE plan_id = 'xianghubao' AND effective = (SELECT max(effective) FROM rule_versions WHERE plan_id = 'xianghubao' AND effective <= '2020-06-21')`,
      );
    });
    // the changed 2020-01-01 version no longer matches its logged digest, so the audit falls back to
    // the last version the log vouches for and finds the cycles announced under another
    expect(f.publicAudit).toEqual(
      saying("announced under the rules of 2020-01-01, the logged rules in force are those of 2019-05-01"),
    );
    expect(f.privateAudit).toEqual(saying("public record: cycle"));
  });

  it("a new signing key, every head re-signed: caught with the pinned key (and by the operator's own)", async () => {
    const rekeyed = freshLogKeys();
    const f = await tampered((q) => resignHeads(q, rekeyed.privateKey), {
      publishedKeyPem: rekeyed.publicKeyPem,
      pinnedKeyPem: s.t.deps.logKeys.publicKeyPem,
    });
    expect(f.privateAudit).toEqual(saying("the signature does not verify"));
    expect(f.publicAudit).toEqual(saying("the export names another log key than the pinned one"));
    expect(f.publicAudit).toEqual(saying("the signature does not verify"));
  });

  // ver19a: a first-time verifier accepts a self-consistent rewrite or a re-keyed log unless a quorum of
  // pinned witnesses cosigned the original checkpoints (two in-process witnesses cosigned the honest log).
  /** The first payout raised by 500 yuan, every leaf, node, head and checkpoint recomputed and re-signed. */
  const rewritePayout = async (q: PoolClient, keys: LogKeys) => {
    await rewriteLog(q, keys.privateKey, (kind, e) =>
      kind === "payout" && e.case === 1 ? { ...e, paidFen: (e.paidFen as number) + 50_000 } : undefined,
    );
    await resignCheckpoints(q, keys);
  };
  /** The operator asks the witnesses again, as if they had never cosigned the log's size. */
  const resubmit = async (q: PoolClient) => {
    await q.query("DELETE FROM log_cosignatures");
    return submitToWitnesses(s.t.db.pool, s.t.deps.witnesses ?? [], s.t.clock.now()).then(
      () => "cosigned",
      (e: Error) => e.message,
    );
  };
  const noQuorum = (size: number) =>
    "witness tamper.test/one's cosignature does not verify on this checkpoint; " +
    "witness tamper.test/two's cosignature does not verify on this checkpoint; " +
    `no quorum: 0 of the 2 required witness cosignatures (of 2 pinned) on the checkpoint of size ${size}`;

  it("a log rewritten from some index on and re-signed: witnesses refuse the fork, verify rejects it", async () => {
    const size = (await one<{ size: number }>(s.t.db.pool as never, "SELECT size::int FROM log_state")).size;
    const seen: Record<string, string[] | string> = {};
    const f = await tampered((q) => rewritePayout(q, s.t.deps.logKeys), {
      inspect: (q) =>
        served(q, async (get) => {
          seen.bare = failedChecks(await verifyServer(get, {}));
          seen.pinned = failedChecks(
            await verifyServer(get, { witness: pinnedWitnesses(s.t.deps.logKeys.vkey) }),
          );
          seen.refusal = await resubmit(q);
        }),
    });
    // the head's own signature is valid: without witnesses a first-time verifier accepts the fork
    expect(seen.bare).toEqual([]);
    // the honest cosignatures are served on the re-signed checkpoint of the size they cosigned
    expect(seen.pinned).toEqual([noQuorum(size)]);
    for (const w of ["one", "two"])
      expect(seen.refusal).toContain(
        `witness tamper.test/${w} refused the checkpoint of size ${size}: 422 the checkpoint of size ${size} has another root than the one cosigned`,
      );
    expect(f.publicAudit).toEqual(saying("paid 50324 fen, the cycle's logged result pays it 324 fen"));
    expect(f.privateAudit).toEqual(saying("public record: payout entry"));
    // the witnesses still hold the honest checkpoint
    for (const w of witnesses) expect(w.dir.readState().logs[s.t.deps.logKeys.origin]?.size).toBe(size);
  });

  it("a re-keyed log without a pinned key: verify requires the witnesses' cosignatures", async () => {
    const honest = s.t.deps.logKeys;
    const rekeyed = freshLogKeys(honest.origin);
    const size = (await one<{ size: number }>(s.t.db.pool as never, "SELECT size::int FROM log_state")).size;
    const seen: Record<string, string[] | string> = {};
    const f = await tampered((q) => rewritePayout(q, rekeyed), {
      publishedKeyPem: rekeyed.publicKeyPem,
      inspect: (q) =>
        served(q, async (get) => {
          // the server now publishes the new key (its public key and its /log/witnesses)
          Object.assign(s.t.deps, { logKeys: rekeyed });
          try {
            seen.bare = failedChecks(await verifyServer(get, {}));
            // no log key pinned: the one the server names is taken, and only the witnesses stand
            seen.unpinned = failedChecks(await verifyServer(get, { witness: pinnedWitnesses(undefined) }));
          } finally {
            Object.assign(s.t.deps, { logKeys: honest });
          }
          seen.refusal = await resubmit(q);
        }),
    });
    expect(seen.bare).toEqual([]);
    expect(seen.unpinned).toEqual([noQuorum(size)]);
    // the witnesses know the log by its original key
    for (const w of ["one", "two"])
      expect(seen.refusal).toContain(
        `witness tamper.test/${w} refused the checkpoint of size ${size}: 403 the checkpoint is not signed by the log's key`,
      );
    expect(f.privateAudit).toEqual(saying(`tree head of size ${size}: the signature does not verify`));
    expect(f.publicAudit).toEqual(saying("paid 50324 fen, the cycle's logged result pays it 324 fen"));
  });

  // ver19b: the private audit's reconciliations, and members' hash-chained histories.
  it("a share changed only inside a stored proof chunk: the private audit recomputes the chunks", async () => {
    const f = await tampered(async (q) => {
      await q.query(
        "UPDATE cycle_proof_chunks SET shares_fen[1] = shares_fen[1] + 1 WHERE cycle_id = $1 AND chunk = 0",
        [cycleIds[0]],
      );
    });
    expect(f.privateAudit).toEqual([
      `cycle ${cycleIds[0]}: stored proof chunk 0 does not hold the cycle's shares`,
      `cycle ${cycleIds[0]}: stored proof chunk 0's root is not the one its leaves give`,
    ]);
    // a cache of the shares: the log and the export are unchanged
    expect(f.publicAudit).toEqual([]);
  });

  /** Member 0's claim decision, hidden from their history by `hide`; what verify --member then finds. */
  async function hiddenDecision(hide: string) {
    const m = s.members[0]!.pseudonym;
    const mine = (
      await s.t.db.pool.query<{ idx: number; kind: string }>(
        "SELECT idx::int, kind FROM log_entries WHERE member = $1 ORDER BY idx",
        [m],
      )
    ).rows;
    const i = mine.findIndex((e) => e.kind === "claim_decision");
    const [decision, next] = [mine[i]!.idx, mine[i + 1]!.idx];
    let checks: string[] = [];
    const f = await tampered((q) => q.query(hide, [decision]).then(() => undefined), {
      inspect: (q) =>
        served(q, async (get) => {
          checks = failedChecks(await verifyServer(get, { member: m }));
        }),
    });
    const gap = `entry ${next} follows the member's entry ${decision}, which is not among the entries shown: the history is incomplete`;
    return { f, checks, decision, gap, m };
  }

  it("the unhashed member column of an entry cleared: the private audit and verify --member", async () => {
    const { f, checks, decision, gap, m } = await hiddenDecision(
      "UPDATE log_entries SET member = NULL WHERE idx = $1",
    );
    expect(checks).toEqual([gap]);
    expect(f.privateAudit).toEqual([
      `log entry ${decision}: its member column says none, its hashed content names ${m}`,
    ]);
    // the export carries the hashed entries only: it is unchanged
    expect(f.publicAudit).toEqual([]);
  });

  it("an entry of a member's history left out: the member's hash chain shows the gap", async () => {
    const { f, checks, decision, gap } = await hiddenDecision("DELETE FROM log_entries WHERE idx = $1");
    expect(checks).toEqual([gap]);
    expect(f.privateAudit).toEqual(
      saying(`log entry ${decision} is missing (next stored index is ${decision + 1})`),
    );
    expect(f.privateAudit).toEqual(saying("claim 1 is paid with no decision in the log"));
    expect(f.publicAudit).toEqual(saying(`log entry ${decision} is missing`));
    expect(f.publicAudit).toEqual(saying("for claim 1, which the log never approved"));
  });

  it("a ledger posting and the cached balances changed: the ledger reconciled with the log's money facts", async () => {
    let txn = 0;
    const f = await tampered(async (q) => {
      txn = (
        await one<{ id: number }>(
          q,
          "SELECT min(txn_id)::int AS id FROM ledger_transactions WHERE kind = 'payout'",
        )
      ).id;
      // 100 fen more out of the pool, both postings and both cached balances: the ledger still balances
      await q.query(
        "UPDATE ledger_postings SET amount_fen = amount_fen + sign(amount_fen) * 100 WHERE txn_id = $1",
        [txn],
      );
      await q.query(
        "INSERT INTO account_balance_deltas SELECT account_id, sign(amount_fen) * 100 FROM ledger_postings WHERE txn_id = $1",
        [txn],
      );
    });
    // cycle 1's logged result pays 324 fen (the public audit's figure above); the ledger now 424
    expect(f.privateAudit).toEqual([
      `ledger transaction ${txn} (payout) of cycle ${cycleIds[0]} moves 424 fen, its logged cycle_result 324`,
    ]);
    // the ledger is not published: the public record is unchanged
    expect(f.publicAudit).toEqual([]);
  });

  it("a balanced transaction moving pool money to fees: the ledger reconciled with the logged fees", async () => {
    let txn = 0;
    const f = await tampered(async (q) => {
      // with the ledger's triggers on, as an honest posting goes: the cached balances follow
      await q.query("SET LOCAL session_replication_role = origin");
      txn = (
        await one<{ id: number }>(
          q,
          "INSERT INTO ledger_transactions (idem_key, kind, plan_id, at) VALUES ('forged:fees', 'cycle_fees', 'xianghubao', now()) RETURNING txn_id::int AS id",
        )
      ).id;
      await q.query(
        "INSERT INTO ledger_postings VALUES ($1, 'plan:xianghubao:pool', 500), ($1, 'plan:xianghubao:fees', -500)",
        [txn],
      );
    });
    expect(f.privateAudit).toEqual([
      `ledger transaction ${txn} (cycle_fees) is no flow of a logged cycle result`,
    ]);
    expect(f.publicAudit).toEqual([]);
  });

  it("a paid claim's benefit raised in claims/cycle_cases: claims checked against their claim_decision", async () => {
    const claim = s.claimIds[0]!;
    let caseId = 0;
    const f = await tampered(async (q) => {
      caseId = (
        await one<{ id: number }>(q, "SELECT case_id::int AS id FROM claims WHERE claim_id = $1", [claim])
      ).id;
      // 1 000 yuan more on the 300 000 yuan benefit, in both records
      await q.query("UPDATE cycle_cases SET benefit_fen = benefit_fen + 100000 WHERE case_id = $1", [caseId]);
      await q.query("UPDATE claims SET benefit_fen = benefit_fen + 100000 WHERE claim_id = $1", [claim]);
    });
    expect(f.privateAudit).toEqual([
      `case ${caseId} pays 30100000 fen by the records, 30000000 by its logged decision`,
      `claim ${claim} pays 30100000 fen by the records, 30000000 by its logged decision`,
    ]);
    // the benefit the log and the export carry is the decided one
    expect(f.publicAudit).toEqual([]);
  });

  it("a logged rejection flipped to an approval in the records: claims checked against claim_decision", async () => {
    const f = await tampered(async (q) => {
      await q.query("UPDATE claims SET state = 'sharing', benefit_fen = 30000000 WHERE claim_id = $1", [
        s.rejectedClaimId,
      ]);
    });
    expect(f.privateAudit).toEqual([
      `claim ${s.rejectedClaimId} is sharing by the records, rejected by its logged decision`,
    ]);
    expect(f.publicAudit).toEqual([]);
  });

  it("fake members through the logged join path: visible to all as joins, drawn by the sampling audit", async () => {
    // Members 32–35 stand for four fake members the operator enrolled through the logged join path:
    // self-consistent data, so both audits pass and the public audit counts them among the sharers.
    const fakes = new Set(s.members.slice(32).map((m) => m.pseudonym));
    const exp = await exportOf(s.t);
    expect(publicAudit(exp).problems).toEqual([]);
    const joins = exp.entries
      .filter((e) => JSON.parse(e.entry).kind === "join")
      .map((e) => JSON.parse(e.entry).member);
    for (const f of fakes) expect(joins).toContain(f);
    const auditor = generateKeyPairSync("x25519");
    const cycle = (
      await one<{ id: number }>(
        s.t.db.pool as unknown as PoolClient,
        "SELECT min(cycle_id)::int AS id FROM cycles",
      )
    ).id;
    const bundle = await buildSampleBundle(s.t.db.pool, s.t.deps.secrets, s.t.deps.logKeys.publicKeyPem, {
      auditorKey: auditor.publicKey,
      n: 10,
      cycle,
      pins: seedPins(),
    });
    if (typeof bundle === "string") throw new Error(bundle);
    // 36 joined; member 0's paid claim ended their participation (相互宝: payment ends it) before cycle 1
    expect(bundle.population).toBe(35);
    const privatePem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const opened = await openSampleBundle(bundle, privatePem, exp, { today: "2020-07-15", pins: seedPins() });
    expect(opened.problems).toEqual([]);
    expect(opened.evidence.map((e) => e.pseudonym).sort()).toEqual([...bundle.pseudonyms].sort());
    // the real names behind the drawn pseudonyms, as registered (fake members are found by calling them)
    const drawn = s.members.filter((m) => bundle.pseudonyms.includes(m.pseudonym));
    expect(opened.evidence.find((e) => e.pseudonym === drawn[0]!.pseudonym)?.memberId).toBe(
      drawn[0]!.memberId,
    );
    // k = 4 fake among n = 36, N = 10 drawn: 1 − C(32,10)/C(36,10) = 1 − (26·25·24·23)/(36·35·34·33) ≈ 0.746
    expect(detectionProbability(36, 4, 10)).toBeCloseTo(1 - 358_800 / 1_413_720, 10);
    // the operator cannot swap a pseudonym, and only the auditor's key opens the evidence
    const outside = s.members.find((m) => !bundle.pseudonyms.includes(m.pseudonym))!;
    const swapped = { ...bundle, pseudonyms: [outside.pseudonym, ...bundle.pseudonyms.slice(1)] };
    const other = generateKeyPairSync("x25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(
      (await openSampleBundle(swapped, privatePem, exp, { today: "2020-07-15", pins: seedPins() })).problems,
    ).toEqual(saying("the bundle's pseudonyms are not the ones the seed draws"));
    expect(
      (await openSampleBundle(bundle, other, exp, { today: "2020-07-15", pins: seedPins() })).problems,
    ).toEqual(saying("does not open with this key"));
  });

  it("huzhu audit --public: a file or a URL passes (exit 0), a tampered file fails (1), bad input exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "huzhu-public-"));
    const exp = await exportOf(s.t);
    const file = join(dir, "export.json");
    writeFileSync(file, JSON.stringify(exp));
    const good = await runCli(["audit", "--public", file]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("public audit passed: ");
    expect(good.stdout).toContain("2 cycles recomputed, 2 payouts checked");
    const url = await s.t.app.listen({ port: 0, host: "127.0.0.1" });
    const served = await runCli(["audit", "--public", url]);
    expect(served.stderr).toBe("");
    expect(served.code).toBe(0);
    // one payout left out of the file: the entry and the unpaid case are named
    const dropped = exp.entries.find((e) => JSON.parse(e.entry).kind === "payout")!;
    writeFileSync(file, JSON.stringify({ ...exp, entries: exp.entries.filter((e) => e !== dropped) }));
    const bad = await runCli(["audit", "--public", file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`huzhu audit --public: log entry ${dropped.index} is missing`);
    writeFileSync(file, "{ not json");
    expect(await runCli(["audit", "--public", file])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("is not JSON"),
    });
    writeFileSync(file, JSON.stringify({ ...exp, entries: "none" }));
    expect(await runCli(["audit", "--public", file])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("is not a log export: entries"),
    });
    expect((await runCli(["audit", "--public", join(dir, "absent.json")])).code).toBe(2);
  });

  // Last: this case goes through the services (the claim is approved by the app), so it commits.
  it("a join backdated, then a claim inside the waiting period approved: both audits", async () => {
    await setNow(s.t, at("2020-07-15"));
    // a member who joins on 07-15 is covered from 10-13 by the log (90 days' waiting)
    const [m] = await joinAll(s.t, 1, 801, "137100000");
    await s.t.db.pool.query(
      `BEGIN; SET LOCAL session_replication_role = replica;
       UPDATE participations SET joined_on = '2020-03-01', covered_from = '2020-05-30' WHERE participation_id = ${Number(m!.participationId)};
       COMMIT`,
    );
    // diagnosed on 07-16: inside the logged waiting period, outside the backdated one — the app approves
    await setNow(s.t, at("2020-07-16"));
    const claimId = await approvedClaim(s, m!, "2020-07-16");
    await sequenceLog(s.t.db.pool, s.t.deps.logKeys, s.t.clock);
    expect(await privateAudit(s.t)).toEqual(
      saying(
        `participation ${m!.participationId} was joined on 2020-07-15 by the log, 2020-03-01 by the records`,
      ),
    );
    const pub = publicAudit(await exportOf(s.t)).problems;
    expect(pub).toEqual(saying(`claim ${claimId} (entry`));
    expect(pub).toEqual(saying("diagnosed on 2020-07-16, inside the waiting period"));
    expect(pub).toEqual(saying("coverage began on 2020-10-13"));
  });
});
