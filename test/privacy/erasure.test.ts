import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicExport } from "../../src/audit/public/public-export.ts";
import { buildSampleBundle, openSampleBundle } from "../../src/audit/sample/sample.ts";
import { proofChunks } from "../../src/cycles/proofs.ts";
import type { SeedPins } from "../../src/domain/public-audit/sample.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../src/log/witnessing.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { purgeExpiredEvidence } from "../../src/privacy/erasure.ts";
import { exportRepository } from "../../src/privacy/export.repository.ts";
import { memberExport } from "../../src/privacy/export.ts";
import { decryptPersonalRecord } from "../../src/secrets.ts";
import { parsePins } from "../../src/verify/checkpoint.ts";
import { verifyServer } from "../../src/verify/verify.ts";
import {
  approveCase,
  latestCode,
  registerMember,
  residentId,
  staffToken,
  type TestApp,
  testApp,
} from "../support/app.ts";
import { requestCode } from "../support/auth.ts";
import { runCycleSteps } from "../support/cycles.ts";
import { must } from "../support/e2e.ts";
import { postTo } from "../support/inject.ts";
import { type InProcessWitness, startWitness } from "../tamper/witness.ts";

/*
 * Erasure on a real state: four members joined through the API (logged joins), one approved case paid
 * in a cycle the others shared. Member 1 exits and asks; an admin erases. The money and log facts stay
 * under the pseudonym, the audits and proofs hold, the identity evidence stays encrypted for the
 * sampling audit until its retention ends.
 */

let t: TestApp;
let cycleId: number;
// the sample's seed is the first checkpoint after the cycle a pinned witness cosigned (issue 19)
let witness: InProcessWitness;
const pins = (): SeedPins => {
  const p = parsePins({ logKey: t.deps.logKeys.vkey, witnesses: [witness.vkey], nowMs: 0 }, "");
  if (typeof p === "string") throw new Error(p);
  return { ...p, quorum: 1 };
};
type Joined = Awaited<ReturnType<typeof registerMember>> & {
  participationId: number;
  mobile: string;
  id: string;
};
const members: Joined[] = [];
const answers = { major_illness: false, hospitalised: false };
const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai

const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  postTo(t, url, headers, payload);
const get = async (path: string) => {
  const r = await t.app.inject({ method: "GET", url: path });
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
};
/** A fresh session (the cycle moved the clock past the registration's week). */
async function signIn(m: Joined): Promise<void> {
  const r = await must(
    post("/auth/member/login", {}, { mobile: m.mobile, ...(await requestCode(t, m.mobile)) }),
  );
  m.auth = { authorization: `Bearer ${r.token}` };
  m.token = r.token;
}
const held = async (id: number) => (await exportRepository.member(t.db.pool, id))!;

async function join(i: number): Promise<Joined> {
  const mobile = `1370000000${i}`;
  const id = residentId("1990-01-01", 701 + 2 * i);
  const m = await registerMember(t, mobile, id, `成员${i}`);
  const j = await must(
    post("/participations", m.auth, {
      memberId: m.memberId,
      planId: "xianghubao",
      answers,
      answersVersion: "V2",
    }),
  );
  return { ...m, participationId: j.participationId as number, mobile, id };
}

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-01-01"), provider: { failureRate: 0 } });
  for (let i = 0; i < 4; i++) members.push(await join(i));
  await approveCase(t, members[0]!.participationId, 1_000_000, "2020-01-05");
  await runCycleSteps(t, "xianghubao", "2020-01-07");
  cycleId = (await t.db.pool.query("SELECT max(cycle_id)::int AS id FROM cycles")).rows[0].id;
  await proofChunks(t.db.pool, cycleId);
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  // the seed must hold an entry after the cycle's last fact: a later join, then the cosigned checkpoint
  await join(4);
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  witness = await startWitness("erasure.test/one", t.deps.logKeys.vkey, () => t.clock.now());
  const cosigned = await submitToWitnesses(
    t.db.pool,
    [{ vkey: witness.vkey, url: witness.url }],
    t.clock.now(),
  );
  expect(cosigned).toHaveLength(1);
  for (const m of members) await signIn(m);
});
afterAll(async () => {
  await witness?.stop();
  await t.close();
});

describe("erasure: a member asks, staff decide, what the law needs stays", () => {
  let requestId: number;
  let before: { head: unknown; entries: number; checks: unknown };

  it("is refused while the member is in a plan, naming what to do; malformed and foreign ids are refused", async () => {
    const m = members[1]!;
    const r = await post(`/members/${m.memberId}/erasure`, m.auth);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: "erasure_blocked" });
    expect(r.json().detail).toContain("1 plan participation(s) still open: exit first");
    expect((await post(`/members/${members[2]!.memberId}/erasure`, m.auth)).statusCode).toBe(404);
    expect((await post("/members/999999/erasure", m.auth)).statusCode).toBe(404);
    expect((await post("/members/abc/erasure", m.auth)).statusCode).toBe(400);
    expect((await post(`/members/${m.memberId}/erasure`, {})).statusCode).toBe(401);
    expect((await post(`/members/${m.memberId}/erasure`, await staffToken(t, ["admin"]))).statusCode).toBe(
      403,
    );
  });

  it("after exiting, the request waits for staff; a second one while it waits is a conflict", async () => {
    const m = members[1]!;
    await must(post(`/participations/${m.participationId}/exit`, m.auth));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const r = await post(`/members/${m.memberId}/erasure`, m.auth);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ memberId: m.memberId, status: "requested", decidedAt: null });
    requestId = r.json().requestId;
    const again = await post(`/members/${m.memberId}/erasure`, m.auth);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("conflict");
    const operator = await staffToken(t, ["operator"]);
    const list = await t.app.inject({
      method: "GET",
      url: "/operations/erasure-requests",
      headers: operator,
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({ requestId, memberId: m.memberId, blockers: [] }),
    ]);
    expect(list.body).not.toContain("成员1");
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: "/operations/erasure-requests?status=maybe",
          headers: operator,
        })
      ).statusCode,
    ).toBe(400);
    // an operator lists, only an admin decides
    expect(
      (await post(`/operations/erasure-requests/${requestId}/decision`, operator, { erase: true }))
        .statusCode,
    ).toBe(403);
  });

  it("an admin erases: contact data, lookups and sessions go, the evidence stays encrypted", async () => {
    const m = members[1]!;
    expect(new Date(t.clock.now()).toISOString()).toBe("2020-01-14T02:00:00.000Z");
    before = {
      head: await get("/log/head"),
      entries: (await t.db.pool.query("SELECT count(*)::int AS n FROM log_entries")).rows[0].n,
      checks: (await verifyServer(get, { member: (await held(m.memberId)).pseudonym })).checks,
    };
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    const admin = await staffToken(t, ["admin"]);
    const url = `/operations/erasure-requests/${requestId}/decision`;
    const bad = await post(url, admin, { erase: "yes" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("erase");
    const noReason = await post(url, admin, { erase: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe("reason");
    expect(
      (await post("/operations/erasure-requests/999999/decision", admin, { erase: true })).statusCode,
    ).toBe(404);
    const done = await post(url, admin, { erase: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ requestId, status: "erased" });
    // erasure twice: the request is decided, and the member is erased
    expect((await post(url, admin, { erase: true })).statusCode).toBe(409);

    const row = (
      await t.db.pool.query(
        "SELECT id_lookup, mobile_lookup, mobile_cipher, mobile_masked, name_masked, id_masked, personal_cipher, evidence_kept_until FROM members WHERE member_id = $1",
        [m.memberId],
      )
    ).rows[0];
    expect(row).toMatchObject({
      id_lookup: null,
      mobile_lookup: null,
      mobile_cipher: null,
      mobile_masked: null,
    });
    expect(row.name_masked).toBe("已删除");
    expect(row.id_masked).toBe("*".repeat(18));
    // erased on 2020-01-14 (the app clock: the cycle's steps ran to its collection day), kept 5 years
    expect(row.evidence_kept_until).toBe("2025-01-14");
    expect(decryptPersonalRecord(t.deps.secrets, row.personal_cipher)).toEqual({
      residentId: m.id,
      name: "成员1",
      mobile: null,
    });
    const sessions = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM sessions WHERE principal_kind = 'member' AND principal_id = $1",
      [m.memberId],
    );
    expect(sessions.rows[0].n).toBe(0);
  });

  it("the log, the audit and the member's proofs are unchanged; money facts stay under the pseudonym", async () => {
    const m = members[1]!;
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await get("/log/head")).toEqual(before.head);
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM log_entries")).rows[0].n).toBe(
      before.entries,
    );
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    const after = await verifyServer(get, { member: (await held(m.memberId)).pseudonym });
    expect(after.checks).toEqual(before.checks);
    expect(after.checks.every((c) => c.ok)).toBe(true);
    const e = await memberExport(t.deps, await held(m.memberId));
    expect(e.member.identity).toEqual({ residentId: null, name: null, mobile: null });
    expect(e.member.erasedAt).not.toBeNull();
    expect(e.member.identityEvidenceKeptUntil).toBe("2025-01-14");
    expect(e.money.shares).toEqual([expect.objectContaining({ cycleId })]);
    expect(e.log.entries.map((x) => (x as unknown as { kind: string }).kind)).toContain("join");
    expect(e.sessions).toEqual([]);
    expect(e.erasureRequests).toEqual([expect.objectContaining({ requestId, status: "erased" })]);
  });

  it("the erased member cannot sign in; the same person may register anew, as a new member", async () => {
    const m = members[1]!;
    expect((await t.app.inject({ method: "GET", url: "/me", headers: m.auth })).statusCode).toBe(401);
    const otp = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile: m.mobile } });
    const login = await t.app.inject({
      method: "POST",
      url: "/auth/member/login",
      payload: { mobile: m.mobile, challengeId: otp.json().challengeId, code: await latestCode(t) },
    });
    expect(login.statusCode).toBe(404);
    const again = await registerMember(t, m.mobile, m.id, "成员1");
    expect(again.memberId).not.toBe(m.memberId);
    const me = (await t.app.inject({ method: "GET", url: "/me", headers: again.auth })).json();
    expect(me.member.pseudonym).not.toBe((await held(m.memberId)).pseudonym);
    // the old record stays erased and is no one's account
    expect((await held(m.memberId)).erasedAt).not.toBeNull();
  });

  it("the sampling audit still opens the erased member's evidence, and the read is in the trail", async () => {
    const auditor = generateKeyPairSync("x25519");
    const bundle = await buildSampleBundle(t.db.pool, t.deps.secrets, t.deps.logKeys.publicKeyPem, {
      auditorKey: auditor.publicKey,
      n: 3,
      cycle: cycleId,
      pins: pins(),
      clock: t.clock,
    });
    if (typeof bundle === "string") throw new Error(bundle);
    // 4 joined, member 0's paid case ended theirs: 3 shared, all 3 drawn
    expect(bundle.population).toBe(3);
    const pem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const opened = await openSampleBundle(
      bundle,
      pem,
      await publicExport(t.db.pool, t.deps.logKeys.publicKeyPem),
      { today: "2020-01-08", pins: pins() },
    );
    expect(opened.problems).toEqual([]);
    expect(opened.evidence.find((e) => e.memberId === members[1]!.memberId)).toMatchObject({
      name: "成员1",
      residentId: members[1]!.id,
      mobile: null,
    });
    const reads = await t.db.pool.query(
      "SELECT actor_kind, subject_id::int FROM personal_data_reads WHERE data = 'identity_evidence' ORDER BY subject_id",
    );
    expect(reads.rows).toEqual(
      [1, 2, 3].map((i) => ({ actor_kind: "command", subject_id: members[i]!.memberId })),
    );
  });

  it("the retention job deletes the evidence the day after its last day, not before", async () => {
    const m = members[1]!;
    t.clock.set(at("2025-01-14"));
    expect(await purgeExpiredEvidence(t.deps)).toEqual({ deleted: 0 });
    t.clock.set(at("2025-01-15"));
    expect(await purgeExpiredEvidence(t.deps)).toEqual({ deleted: 1 });
    expect(await purgeExpiredEvidence(t.deps)).toEqual({ deleted: 0 });
    const row = (
      await t.db.pool.query(
        "SELECT personal_cipher, id_cipher, name_cipher FROM members WHERE member_id = $1",
        [m.memberId],
      )
    ).rows[0];
    expect(row).toEqual({ personal_cipher: null, id_cipher: null, name_cipher: null });
    expect((await memberExport(t.deps, await held(m.memberId))).member.identityEvidenceKeptUntil).toBeNull();
    expect(await auditChecks(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);
    // the sampling audit now says the evidence is missing rather than failing
    const auditor = generateKeyPairSync("x25519");
    const bundle = await buildSampleBundle(t.db.pool, t.deps.secrets, t.deps.logKeys.publicKeyPem, {
      auditorKey: auditor.publicKey,
      n: 3,
      cycle: cycleId,
      pins: pins(),
    });
    if (typeof bundle === "string") throw new Error(bundle);
    const pem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const opened = await openSampleBundle(
      bundle,
      pem,
      await publicExport(t.db.pool, t.deps.logKeys.publicKeyPem),
      { today: "2025-01-08", pins: pins() },
    );
    expect(opened.problems).toEqual([
      `no evidence for the drawn pseudonym ${(await held(m.memberId)).pseudonym}`,
    ]);
  });
});
