import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCheckpointText } from "../../src/domain/checkpoint.ts";
import { parseNote } from "../../src/domain/note.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../src/log/witnessing.ts";
import { freshLogKeys } from "../../src/log-keys.ts";
import { verifyServer } from "../../src/verify/verify.ts";
import { registerMember, residentId, type TestApp, testApp } from "../support/app.ts";
import { startWitnessProcess, type WitnessProcess } from "../support/witness-process.ts";

/*
 * Issue 19: two witnesses, each `huzhu witness serve` in its own process with its own key and state
 * directory, cosign an honest log; the operator then rewrites the log from some index on and re-signs
 * every head with the log key. Both witnesses refuse the forked checkpoint, and `verify` — with the log
 * key and the witnesses pinned, without any saved head — rejects what the server now shows.
 */
let t: TestApp;
let w1: WitnessProcess;
let w2: WitnessProcess;
const get = async (path: string) => {
  const r = await t.app.inject({ method: "GET", url: path });
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
};
let seq = 900;
async function joinMember(): Promise<void> {
  seq += 2;
  const m = await registerMember(t, `131000${String(seq).padStart(5, "0")}`, residentId("1990-01-01", seq));
  const answers = { major_illness: false, hospitalised: false };
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: { memberId: m.memberId, planId: "xianghubao", answers, answersVersion: "V2" },
  });
  expect(r.statusCode).toBe(201);
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
}
const pinned = () => ({
  logKey: t.deps.logKeys.vkey,
  witnesses: [w1.vkey, w2.vkey],
  quorum: 2,
  // The witnesses stamp their cosignatures with their own (real) clock; the verifier measures on its own.
  nowMs: Date.now(),
});
const submit = () => submitToWitnesses(t.db.pool, t.deps.witnesses ?? [], t.clock.now());
const size = async () =>
  (await t.db.pool.query<{ size: number }>("SELECT size FROM log_state")).rows[0]!.size;

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

beforeAll(async () => {
  t = await testApp();
  [w1, w2] = await Promise.all([
    startWitnessProcess("witness.test/one", t.deps.logKeys.vkey),
    startWitnessProcess("witness.test/two", t.deps.logKeys.vkey),
  ]);
  Object.assign(t.deps, {
    witnesses: [w1, w2].map((w) => ({ vkey: w.vkey, url: w.url })),
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([w1?.stop(), w2?.stop()]);
  await t.close();
});

describe("witnessed checkpoints", () => {
  let honestSize = 0;
  let honestRoot = "";

  it("an honest log is cosigned by both witnesses, then again after it grew; verify passes with the quorum", async () => {
    await joinMember();
    expect(await submit()).toEqual(["witness.test/one", "witness.test/two"]);
    await joinMember();
    await joinMember();
    // The second submission carries a consistency proof from the size each witness cosigned.
    expect(await submit()).toEqual(["witness.test/one", "witness.test/two"]);
    const note = String(await get("/log/checkpoint"));
    const cp = parseCheckpointText(parseNote(note)!.text)!;
    honestSize = cp.size;
    honestRoot = Buffer.from(cp.rootHash).toString("hex");
    expect(cp.size).toBe(await size());
    expect(note.match(/^— /gm)).toHaveLength(3);
    const { checks } = await verifyServer(get, { witness: pinned() });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.what)).toContain(
      `checkpoint of size ${cp.size} signed by huzhu.local/log (pinned), cosigned by 2 of 2 pinned witnesses within 60 minutes`,
    );
    // The routes: the log's vkey and witnesses; a checkpoint of any size; a malformed or unknown size.
    expect(await get("/log/witnesses")).toEqual({
      logKey: t.deps.logKeys.vkey,
      handOvers: [], // issue 20: the log key's hand-overs (none here)
      witnesses: [
        { name: "witness.test/one", vkey: w1.vkey },
        { name: "witness.test/two", vkey: w2.vkey },
      ],
    });
    expect(String(await get(`/log/checkpoints/${cp.size}`))).toBe(note);
    expect((await t.app.inject({ method: "GET", url: "/log/checkpoints/99999" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/log/checkpoints/x" })).statusCode).toBe(400);
    // A quorum above the witnesses pinned, or a witness key that is not one, is a usage error.
    await expect(verifyServer(get, { witness: { ...pinned(), quorum: 3 } })).rejects.toThrow(
      "--quorum: 3 is more than the 2 witnesses pinned",
    );
    await expect(
      verifyServer(get, { witness: { ...pinned(), witnesses: [t.deps.logKeys.vkey] } }),
    ).rejects.toThrow("is not a witness verifier key");
    // Another log key pinned: the checkpoint is refused, naming it.
    const other = await verifyServer(get, {
      witness: { ...pinned(), logKey: freshLogKeys("huzhu.local/log").vkey },
    });
    expect(other.checks.find((c) => !c.ok)?.detail).toBe(
      "the checkpoint is not signed by the pinned log key",
    );
    // Each witness's own state directory holds what it cosigned.
    for (const w of [w1, w2]) {
      const state = JSON.parse(readFileSync(join(w.dir, "state.json"), "utf8"));
      expect(state.logs["huzhu.local/log"].size).toBe(cp.size);
    }
  });

  it("a log rewritten from an index on and re-signed: both witnesses refuse it, verify rejects it without a saved head", async () => {
    const from = honestSize - 2;
    // Drop every entry from `from` on, the nodes over them and the heads past them, as an operator with
    // the database and the key can; then log other facts and let the sequencer re-sign the heads.
    await tamper("DELETE FROM log_entries WHERE idx >= $1", [from]);
    await tamper("DELETE FROM log_nodes WHERE (idx + 1) * (2::bigint ^ level)::bigint > $1", [from]);
    await tamper("DELETE FROM log_heads WHERE size > $1", [from]);
    await tamper("UPDATE log_state SET size = $1", [from]);
    // Three other joins where two were: the forked log is larger than the one the witnesses cosigned.
    for (let i = 0; i < 3; i++) await joinMember();
    const forked = await size();
    expect(forked).toBeGreaterThan(honestSize);
    const refusal = await submit().then(
      () => "cosigned",
      (e: Error) => e.message,
    );
    expect(refusal).toContain(
      `witness witness.test/one refused the checkpoint of size ${forked}: 422 the consistency proof from size ${honestSize} to ${forked} does not verify`,
    );
    expect(refusal).toContain(`witness witness.test/two refused the checkpoint of size ${forked}: 422`);
    // The witnesses still hold the honest checkpoint.
    for (const w of [w1, w2]) {
      const state = JSON.parse(readFileSync(join(w.dir, "state.json"), "utf8"));
      expect(state.logs["huzhu.local/log"].size).toBe(honestSize);
      expect(Buffer.from(state.logs["huzhu.local/log"].rootHash, "base64").toString("hex")).toBe(honestRoot);
    }
    // The server serves the re-signed checkpoint of the cosigned size with the honest cosignatures:
    // they do not verify on it.
    const { checks } = await verifyServer(get, { witness: pinned() });
    const failed = checks.filter((c) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toBe(
      "witness witness.test/one's cosignature does not verify on this checkpoint; " +
        "witness witness.test/two's cosignature does not verify on this checkpoint; " +
        `no quorum: 0 of the 2 required witness cosignatures (of 2 pinned) on the checkpoint of size ${honestSize}`,
    );
    // The head's own signature is valid: without witnesses a first-time verifier would accept the fork.
    const bare = await verifyServer(get, {});
    expect(bare.checks.every((c) => c.ok)).toBe(true);
  });

  it("with the cosignatures removed too, verify still rejects: no quorum on the newest checkpoint", async () => {
    await tamper("DELETE FROM log_cosignatures");
    const { checks } = await verifyServer(get, { witness: pinned() });
    const failed = checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.detail)).toEqual([
      `no quorum: 0 of the 2 required witness cosignatures (of 2 pinned) on the checkpoint of size ${await size()}`,
    ]);
  });
});
