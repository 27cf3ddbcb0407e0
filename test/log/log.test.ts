import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { type SignedTreeHead, signTreeHead } from "../../src/domain/tree-head.ts";
import { auditLog } from "../../src/log/audit.ts";
import { auditFacts } from "../../src/log/facts-audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { type LogExport, verifyExport, verifyServer } from "../../src/verify/verify.ts";
import { registerMember, residentId, type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
const get = async (path: string) => {
  const r = await t.app.inject({ method: "GET", url: path });
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
};
const answers = { major_illness: false, hospitalised: false };

async function join(mobile: string, id: string) {
  const m = await registerMember(t, mobile, id);
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion: "V2" },
  });
  const me = (await t.app.inject({ method: "GET", url: "/me", headers: m.auth })).json();
  return {
    ...m,
    participationId: r.json().participationId as number,
    pseudonym: me.member.pseudonym as string,
  };
}

async function exportLog(): Promise<LogExport> {
  const entries = await t.db.pool.query(
    "SELECT idx AS index, canonical AS entry FROM log_entries ORDER BY idx",
  );
  const heads = await t.db.pool.query(
    'SELECT size, encode(root_hash, \'hex\') AS "rootHash", timestamp_ms AS "timestampMs", signature FROM log_heads ORDER BY size',
  );
  return { publicKey: t.deps.logKeys.publicKeyPem, heads: heads.rows, entries: entries.rows };
}

async function tamper(sql: string, params: unknown[] = []) {
  // A privileged attacker can switch the append-only triggers off; the log must still catch the change.
  const c = await t.db.pool.connect();
  try {
    await c.query("SET session_replication_role = replica");
    await c.query(sql, params);
  } finally {
    await c.query("SET session_replication_role = origin");
    c.release();
  }
}

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe("the transparency log", () => {
  let alice: Awaited<ReturnType<typeof join>>;
  let saved: SignedTreeHead;

  it("records rule versions and joins, signs a head, and proves a member's own entries", async () => {
    alice = await join("13100000001", residentId("1990-01-01", 701));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const { checks, head } = await verifyServer(get, { member: alice.pseudonym });
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.what)).toContain(`tree head of size ${head!.size} is signed by the log key`);
    const mine = await get(`/log/members/${alice.pseudonym}/entries`);
    expect(JSON.parse(mine.entries[0].entry)).toMatchObject({
      kind: "join",
      member: alice.pseudonym,
      plan: "xianghubao",
      joinedOn: "2020-03-01",
      coveredFrom: "2020-05-30",
    });
    // the log names members by pseudonym only
    expect(JSON.stringify(mine)).not.toContain("13100000001");
    saved = head!;
  });

  it("shows the log only grew: a later head is consistent with a saved one", async () => {
    await join("13100000002", residentId("1990-01-01", 703));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const { checks, head } = await verifyServer(get, { savedHead: saved, member: alice.pseudonym });
    expect(head!.size).toBeGreaterThan(saved.size);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    expect(await auditFacts(t.db.pool)).toEqual([]);
    expect((await verifyExport(await exportLog(), { savedHead: saved })).every((c) => c.ok)).toBe(true);
  });

  it("catches a backdated join date in the records", async () => {
    await tamper("UPDATE participations SET joined_on = '2019-11-01' WHERE participation_id = $1", [
      alice.participationId,
    ]);
    expect(await auditFacts(t.db.pool)).toEqual([
      `participation ${alice.participationId} was joined on 2020-03-01 by the log, 2019-11-01 by the records`,
    ]);
    await tamper("UPDATE participations SET joined_on = '2020-03-01' WHERE participation_id = $1", [
      alice.participationId,
    ]);
  });

  it("catches a participation inserted behind the log's back", async () => {
    const { rows } = await t.db.pool.query(
      "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'shuidi', 'standard', '2019-01-01', '2019-07-01', '2016-05-01', 'active') RETURNING participation_id",
      [alice.memberId],
    );
    expect(await auditFacts(t.db.pool)).toEqual([
      `participation ${rows[0].participation_id} has no join entry in the log`,
    ]);
    await t.db.pool.query("DELETE FROM participations WHERE participation_id = $1", [
      rows[0].participation_id,
    ]);
  });

  it("catches a changed log entry: the audit, the member's proof and the export all fail", async () => {
    const { rows } = await t.db.pool.query(
      "SELECT idx, canonical FROM log_entries WHERE member = $1 AND kind = 'join'",
      [alice.pseudonym],
    );
    const forged = rows[0].canonical.replace('"joinedOn":"2020-03-01"', '"joinedOn":"2019-11-01"');
    await tamper("UPDATE log_entries SET canonical = $2 WHERE idx = $1", [rows[0].idx, forged]);
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toContain(
      `log entry ${rows[0].idx}: its content does not hash to its stored leaf hash`,
    );
    const member = await verifyServer(get, { member: alice.pseudonym });
    expect(member.checks.find((c) => !c.ok)?.detail).toBe(
      `entry ${rows[0].idx} does not match the signed root`,
    );
    expect((await verifyExport(await exportLog(), {})).some((c) => !c.ok)).toBe(true);
    await tamper("UPDATE log_entries SET canonical = $2 WHERE idx = $1", [rows[0].idx, rows[0].canonical]);
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
  });

  it("catches a deleted entry and a rewritten history", async () => {
    const last = (await t.db.pool.query("SELECT max(idx)::int AS m FROM log_entries")).rows[0].m;
    const row = (await t.db.pool.query("SELECT * FROM log_entries WHERE idx = 0")).rows[0];
    await tamper("DELETE FROM log_entries WHERE idx = 0");
    expect((await auditLog(t.db.pool, t.deps.logKeys.publicKey))[0]).toBe(
      "log entry 0 is missing (next stored index is 1)",
    );
    await tamper("INSERT INTO log_entries VALUES ($1, $2, $3, $4, $5, $6)", [
      row.idx,
      row.kind,
      row.member,
      row.canonical,
      row.leaf_hash,
      row.created_at,
    ]);
    // Rewriting history with the signing key: entry 0 changed, every node recomputed, every head re-signed.
    // The log is then internally consistent — only a head saved earlier by a member can catch it.
    const entries = (await t.db.pool.query("SELECT idx, canonical FROM log_entries ORDER BY idx")).rows;
    const rewritten = entries.map((e, i) =>
      i === 0 ? e.canonical.replace('"effective":"2018-10-16"', '"effective":"2018-10-17"') : e.canonical,
    );
    expect(rewritten[0]).not.toBe(entries[0].canonical);
    const tree = new MemoryTree();
    for (const c of rewritten) tree.append(leafHash(Buffer.from(c)));
    await tamper("UPDATE log_entries SET canonical = $1, leaf_hash = $2 WHERE idx = 0", [
      rewritten[0],
      leafHash(Buffer.from(rewritten[0]!)),
    ]);
    await tamper("DELETE FROM log_nodes");
    for (let level = 0; level < tree.levels.length; level++) {
      for (let i = 0; i < tree.levels[level]!.length; i++)
        await t.db.pool.query("INSERT INTO log_nodes VALUES ($1, $2, $3)", [
          level,
          i,
          tree.levels[level]![i],
        ]);
    }
    const heads = (await t.db.pool.query("SELECT size FROM log_heads")).rows;
    await tamper("DELETE FROM log_heads");
    for (const h of heads) {
      const head = signTreeHead(
        { size: h.size, rootHash: tree.root(h.size).toString("hex"), timestampMs: 1 },
        t.deps.logKeys.privateKey,
      );
      await t.db.pool.query("INSERT INTO log_heads VALUES ($1, $2, $3, $4)", [
        head.size,
        Buffer.from(head.rootHash, "hex"),
        head.timestampMs,
        head.signature,
      ]);
    }
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]); // consistent in itself…
    const { checks } = await verifyServer(get, { savedHead: saved });
    const failed = checks.filter((c) => !c.ok);
    // …but not with what a member saved: the saved root is not a prefix of the rewritten log
    expect(failed.map((c) => c.detail)).toEqual([
      "history was rewritten: the consistency proof does not verify",
    ]);
    expect(
      (await verifyExport(await exportLog(), { savedHead: saved })).filter((c) => !c.ok).map((c) => c.detail),
    ).toEqual(["history was rewritten: the saved root is not a prefix of this log"]);
    expect(last).toBeGreaterThan(0);
  });
});

describe("the public verification page", () => {
  it("explains to members how to verify, and the OpenAPI lists the log routes", async () => {
    const page = await t.app.inject({ method: "GET", url: "/verify" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("consistency proof");
    const api = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(api.openapi).toBe("3.1.0");
    expect(Object.keys(api.paths)).toEqual(
      expect.arrayContaining([
        "/log/head",
        "/log/proofs/inclusion",
        "/log/proofs/consistency",
        "/participations",
        "/members/{memberId}/top-ups",
      ]),
    );
  });
});
