import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicExport } from "../../src/audit/public/public-export.ts";
import { buildSampleBundle, openSampleBundle } from "../../src/audit/sample/sample.ts";
import { publicAudit } from "../../src/domain/public-audit/audit.ts";
import { detectionProbability } from "../../src/domain/public-audit/sample.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { freshLogKeys } from "../../src/log-keys.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { at } from "../support/claims.ts";
import { runCli } from "../support/cli.ts";
import { resignHeads, rewriteLog } from "./rewrite.ts";
import {
  approvedClaim,
  buildTamperState,
  exportOf,
  joinAll,
  privateAudit,
  setNow,
  type TamperState,
} from "./state.ts";

/*
 * Issue 19's table, one manipulation at a time on the real state (state.ts), applied through the
 * database with triggers bypassed (session_replication_role = replica) by an operator who has the
 * database and the log key. Each runs in a transaction that is rolled back, so every case starts from
 * the honest state; each is shown caught by `huzhu audit` and, where it changes what the public record
 * says about membership or money, by `huzhu audit --public` on the export alone.
 */

let s: TamperState;
beforeAll(async () => {
  s = await buildTamperState();
}, 120_000);
afterAll(() => s?.t.close());

type Findings = { privateAudit: string[]; publicAudit: string[] };

/** The manipulation in a transaction, both audits on what it leaves, then everything rolled back. */
async function tampered(
  manipulate: (q: PoolClient) => Promise<void>,
  opts: { publishedKeyPem?: string; pinnedKeyPem?: string } = {},
): Promise<Findings> {
  const client = await s.t.db.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await manipulate(client);
    await client.query("SET LOCAL session_replication_role = origin");
    const privateFindings = await auditChecks(client, s.t.deps.logKeys.publicKey);
    const exp = await publicExport(client, opts.publishedKeyPem ?? s.t.deps.logKeys.publicKeyPem);
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

  // Land with ver19a (witnessed C2SP checkpoints): a first-time verifier accepts a self-consistent
  // rewrite and a re-keyed log unless a witness quorum cosigned the original checkpoints.
  it.todo("a log rewritten from some index on and re-signed: witnesses refuse the fork, verify rejects it");
  it.todo("a re-keyed log without a pinned key: verify requires the witnesses' cosignatures");
  // Land with ver19b (the private audit's gaps: proof chunks, ledger ↔ log, claims ↔ decisions,
  // members' hash-chained histories).
  it.todo("a share changed only inside a stored proof chunk: the private audit recomputes the chunks");
  it.todo(
    "the unhashed member column of entries cleared: the private audit compares it with the hashed entry",
  );
  it.todo(
    "a ledger posting and the cached balances changed: the ledger reconciled with the log's money facts",
  );
  it.todo("a balanced transaction moving pool money to fees: the ledger reconciled with the logged fees");
  it.todo("a paid claim's benefit raised in claims/cycle_cases: claims checked against their claim_decision");
  it.todo("a logged rejection flipped to an approval in the records: claims checked against claim_decision");
  it.todo("an entry of a member's history left out: the member's hash chain shows the gap");

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
    });
    if (typeof bundle === "string") throw new Error(bundle);
    // 36 joined; member 0's paid claim ended their participation (相互宝: payment ends it) before cycle 1
    expect(bundle.population).toBe(35);
    const privatePem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const opened = openSampleBundle(bundle, privatePem, exp, "2020-07-15");
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
    expect(openSampleBundle(swapped, privatePem, exp, "2020-07-15").problems).toEqual(
      saying("the bundle's pseudonyms are not the ones the seed draws"),
    );
    expect(openSampleBundle(bundle, other, exp, "2020-07-15").problems).toEqual(
      saying("does not open with this key"),
    );
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
