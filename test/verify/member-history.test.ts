import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLog } from "../../src/log/entries.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { verifyExport, verifyServer } from "../../src/verify/verify.ts";
import { approveCase, registerMember, residentId, type TestApp, testApp } from "../support/app.ts";
import { cohort } from "../support/cohort.ts";
import { runCycleSteps } from "../support/cycles.ts";

let t: TestApp;
let claimant: string;
const answers = { major_illness: false, hospitalised: false };
const get = async (path: string) => {
  const r = await t.app.inject({ method: "GET", url: path });
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
};

async function tamper(sql: string, params: unknown[] = []) {
  // The operator with database access switches the append-only triggers off.
  const c = await t.db.pool.connect();
  try {
    await c.query("SET session_replication_role = replica");
    await c.query(sql, params);
  } finally {
    await c.query("SET session_replication_role = origin");
    c.release();
  }
}

const entriesOf = async (pseudonym: string) =>
  (
    await t.db.pool.query<{ idx: number; kind: string; canonical: string }>(
      "SELECT idx, kind, canonical FROM log_entries WHERE member = $1 ORDER BY idx",
      [pseudonym],
    )
  ).rows;

beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 1, 2), provider: { failureRate: 0 } });
  // A real state: 12 members joined through the import, and the claimant through the API (a logged
  // join), whose claim is paid in a cycle.
  await cohort(t, 12, "1990-01-01", "2019-01-01", "xianghubao", 1);
  const m = await registerMember(t, "13100000001", residentId("1990-01-01", 701));
  const joined = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion: "V2" },
  });
  const me = (await t.app.inject({ method: "GET", url: "/me", headers: m.auth })).json();
  claimant = me.member.pseudonym;
  await approveCase(t, joined.json().participationId, 1_000_000, "2020-01-05");
  await runCycleSteps(t, "xianghubao", "2020-01-07");
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
});
afterAll(async () => {
  await t.close();
});

describe("a member's history as a hash chain", () => {
  it("links every entry naming the member to the one before, from their join", async () => {
    const mine = await entriesOf(claimant);
    // join, the claim's decision, the payout (and the exit the paid claim ends the participation with)
    expect(mine.map((e) => e.kind).slice(0, 2)).toEqual(["join", "claim_decision"]);
    expect(mine.map((e) => e.kind)).toContain("payout");
    expect(JSON.parse(mine[0]!.canonical).prev).toBeNull();
    for (let i = 1; i < mine.length; i++)
      expect(JSON.parse(mine[i]!.canonical).prev.index).toBe(mine[i - 1]!.idx);
  });

  it("passes verify --member on the honest state: complete from the join, the latest in the newest head", async () => {
    const { checks, head } = await verifyServer(get, { member: claimant });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const mine = await entriesOf(claimant);
    const latest = mine[mine.length - 1]!.idx;
    expect(checks.map((c) => c.what)).toContain(
      `the member's history is complete from their first entry ${mine[0]!.idx} to entry ${latest}`,
    );
    expect(checks.map((c) => c.what)).toContain(
      `the member's latest entry ${latest} is in the newest head of size ${head!.size}`,
    );
    const offline = await verifyExport(await exportLog(t.db.pool, t.deps.logKeys.publicKeyPem), {
      member: claimant,
    });
    expect(offline.filter((c) => !c.ok)).toEqual([]);
  });

  it("catches an entry of the member deleted from the log: a gap in the history", async () => {
    const mine = await entriesOf(claimant);
    const decision = mine.find((e) => e.kind === "claim_decision")!;
    const next = mine[mine.indexOf(decision) + 1]!;
    const row = (await t.db.pool.query("SELECT * FROM log_entries WHERE idx = $1", [decision.idx])).rows[0];
    await tamper("DELETE FROM log_entries WHERE idx = $1", [decision.idx]);
    const { checks } = await verifyServer(get, { member: claimant });
    expect(checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
      `entry ${next.idx} follows the member's entry ${decision.idx}, which is not among the entries shown: the history is incomplete`,
    ]);
    await tamper("INSERT INTO log_entries VALUES ($1, $2, $3, $4, $5, $6)", [
      row.idx,
      row.kind,
      row.member,
      row.canonical,
      row.leaf_hash,
      row.created_at,
    ]);
    expect((await verifyServer(get, { member: claimant })).checks.every((c) => c.ok)).toBe(true);
  });

  it("catches an entry hidden by clearing its unhashed member column", async () => {
    const mine = await entriesOf(claimant);
    const decision = mine.find((e) => e.kind === "claim_decision")!;
    const next = mine[mine.indexOf(decision) + 1]!;
    await tamper("UPDATE log_entries SET member = NULL WHERE idx = $1", [decision.idx]);
    const { checks } = await verifyServer(get, { member: claimant });
    expect(checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
      `entry ${next.idx} follows the member's entry ${decision.idx}, which is not among the entries shown: the history is incomplete`,
    ]);
    await tamper("UPDATE log_entries SET member = $2 WHERE idx = $1", [decision.idx, claimant]);
  });

  it("catches an entry replaced by another of the same member: the link's hash no longer matches", async () => {
    const mine = await entriesOf(claimant);
    const [join, second] = mine;
    const forged = join!.canonical.replace('"joinedOn":"2020-01-01"', '"joinedOn":"2018-06-01"');
    // the forged join is served as the member's entry (its own inclusion proof fails too)
    await tamper("UPDATE log_entries SET canonical = $2 WHERE idx = $1", [join!.idx, forged]);
    const { checks } = await verifyServer(get, { member: claimant });
    expect(checks.filter((c) => !c.ok).map((c) => c.detail)).toContain(
      `entry ${join!.idx} is not the one entry ${second!.idx} follows: its content was changed or replaced`,
    );
    await tamper("UPDATE log_entries SET canonical = $2 WHERE idx = $1", [join!.idx, join!.canonical]);
  });
});
