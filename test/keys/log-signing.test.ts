import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCheckpoint, checkpointText, handOverText, logKeyChain } from "../../src/domain/checkpoint.ts";
import { parseVkey } from "../../src/domain/note.ts";
import { sha256 } from "../../src/domain/sha256.ts";
import type { SignedTreeHead } from "../../src/domain/tree-head.ts";
import { announceLogKey, handOverLogKey } from "../../src/keys/log-key.ts";
import { auditLog } from "../../src/log/audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { type Post, submitToWitnesses } from "../../src/log/witnessing.ts";
import { freshLogKeys, loadLogKeys, nodeVerifyEd25519, signNoteText } from "../../src/log-keys.ts";
import { verifyServer } from "../../src/verify/verify.ts";
import { addCheckpoint, type WitnessState } from "../../src/witness/witness.ts";
import { openWitnessDir } from "../../src/witness/witness-state.ts";
import { registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * Issue 20: the log-signing key handed over. The old key signs a `log_key` entry carrying the hand-over
 * note (signed by both keys) and the head that includes it; the witness is given the new key beside the
 * old; then the new key signs. A member who pinned the old key and saved a head before verifies
 * everything after — the witnessed checkpoint signed by the new key, the saved head by the old — and a
 * checkpoint signed by a key no hand-over names is refused.
 */
const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const root = mkdtempSync(join(tmpdir(), "huzhu-logkey-"));
const where = { dataDir: root, keysDir: join(root, "keys") };
const t = useTestApp({ logKeys: loadLogKeys(where.dataDir, "keys.test/log", where.keysDir) });
const get = async (path: string) => {
  const r = await t.app.inject({ method: "GET", url: path });
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  return String(r.headers["content-type"] ?? "").includes("json") ? r.json() : r.body;
};

describe("handing the log-signing key over", () => {
  it("keeps members' verification working across it; the witness takes the new key beside the old", async () => {
    const dir = openWitnessDir(join(root, "witness"), "keys.test/w1");
    const witnessKnows = [t.deps.logKeys.vkey];
    let state: WitnessState = { logs: {} };
    const post: Post = async (_url, body) => {
      const logs = witnessKnows.map((v) => parseVkey(hash, v)!);
      const a = await addCheckpoint(body, { logs, state, me: dir.me, nowMs: t.clock.now() });
      if (a.next) state = { logs: { [a.next.origin]: a.next } };
      return { status: a.status, body: a.body };
    };
    const witnesses = [{ vkey: dir.vkey, url: "http://witness.invalid" }];
    const submit = () => submitToWitnesses(t.db.pool, witnesses, t.clock.now(), post);
    // a member joins a plan: a logged join, and a new head
    const join1 = async (seq: number) => {
      const m = await registerMember(
        t,
        `1360000${String(seq).padStart(4, "0")}`,
        residentId("1990-01-01", seq),
      );
      const r = await t.app.inject({
        method: "POST",
        url: "/participations",
        headers: m.auth,
        payload: {
          memberId: m.memberId,
          planId: "xianghubao",
          answers: { major_illness: false, hospitalised: false },
          answersVersion: "V2",
        },
      });
      expect(r.statusCode).toBe(201);
      await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    };

    await join1(1);
    expect(await submit()).toEqual(["keys.test/w1"]);
    const oldVkey = t.deps.logKeys.vkey;
    const oldPem = t.deps.logKeys.publicKeyPem;
    const saved = (await get("/log/head")) as SignedTreeHead;
    const pins = () => ({
      trustedKeyPem: oldPem,
      savedHead: saved,
      witness: { logKey: oldVkey, witnesses: [dir.vkey], quorum: 1, nowMs: t.clock.now() },
    });
    const failing = async () => (await verifyServer(get, pins())).checks.filter((c) => !c.ok);
    expect(await failing()).toEqual([]);

    const { note, proposals } = await announceLogKey(t.deps, where);
    const newVkey = /\nto (\S+)\n/.exec(note)![1]!;
    expect(t.deps.logKeys.vkey).toBe(oldVkey); // announced, not yet handed over
    // published in every active plan under its charter: 15 days' notice, no vote for an ordinary change
    expect(proposals.map((p) => p.planId)).toContain("xianghubao");
    expect(new Set(proposals.map((p) => `${p.kind} ${p.state} ${p.voteRequired}`))).toEqual(
      new Set(["log_key published false"]),
    );
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const due = proposals[0]!.effectiveOn!;
    expect(Date.parse(due) - Date.parse(today)).toBe(15 * 86_400_000);
    const pending = (await get("/plans/xianghubao/charter")) as { log: { pending: Record<string, unknown> } };
    expect(pending.log.pending).toMatchObject({ logKey: newVkey, handOverOn: due, voteRequired: false });
    const handOver = () => handOverLogKey(t.deps, where, { witnesses, post });
    await expect(handOver()).rejects.toThrow(`the log key may be handed over on ${due} at the earliest`);
    t.clock.advance(15 * 86_400_000);
    // the witness not yet told of the new key refuses a checkpoint signed by it: no hand-over
    await expect(handOver()).rejects.toThrow("a witness has not accepted the new key");
    expect(t.deps.logKeys.vkey).toBe(oldVkey);
    witnessKnows.push(newVkey);
    await handOver();
    expect(t.deps.logKeys.vkey).toBe(newVkey);
    await join1(2);
    t.clock.advance(601_000);
    expect(await submit()).toEqual(["keys.test/w1"]);

    // published beside the key and the charter (this app submits to no configured witness: none listed)
    const served = (await get("/log/witnesses")) as { logKey: string; handOvers: string[] };
    expect(served.logKey).toBe(newVkey);
    expect(served.handOvers).toEqual([note]);
    const charter = (await get("/plans/xianghubao/charter")) as {
      log: { logKey: string; handOvers: string[]; witnesses: { vkey: string }[] };
    };
    expect(charter.log).toMatchObject({
      logKey: newVkey,
      handOvers: [note],
      witnesses: [],
      pending: null,
    });
    const adopted = await t.db.pool.query("SELECT state FROM proposals WHERE kind = 'log_key'");
    expect(new Set(adopted.rows.map((r) => r.state))).toEqual(new Set(["adopted"]));

    // the member who pinned the old key and saved a head before: every check passes
    const after = await verifyServer(get, pins());
    expect(after.checks.filter((c) => !c.ok)).toEqual([]);
    expect(after.head!.size).toBeGreaterThan(saved.size);
    // the private audit accepts the old key's heads and the new key's
    expect(await auditLog(t.db.pool, t.deps.logKeys.publicKey)).toEqual([]);

    // a key no hand-over names: its checkpoint is refused, and so is a hand-over it signs alone
    const rogue = freshLogKeys("keys.test/log");
    const cp = (await get("/log/checkpoint")) as string;
    const text = cp.slice(0, cp.indexOf("\n\n") + 1);
    const forgedCheckpoint = `${text}\n${signNoteText(rogue, text)}`;
    const oldKey = parseVkey(hash, oldVkey)!;
    const policy = async (handOvers: string[]) => ({
      logKey: oldKey,
      handedOverTo: (await logKeyChain(nodeVerifyEd25519, hash, oldKey, handOvers)).slice(1),
      witnesses: [],
      quorum: 0,
      nowMs: t.clock.now(),
      maxAgeSeconds: 3600,
    });
    const refused = await checkCheckpoint(nodeVerifyEd25519, forgedCheckpoint, await policy([note]));
    expect(refused.problems).toEqual([
      "the checkpoint is not signed by the pinned log key nor a key it handed over to",
    ]);
    const forgedText = handOverText("keys.test/log", oldVkey, rogue.vkey);
    const forgedHandOver = `${forgedText}\n${signNoteText(rogue, forgedText)}`;
    // after the honest hand-over, a forged one from the old key to the rogue's adds nothing either
    expect((await policy([note, forgedHandOver])).handedOverTo.map((k) => k.name)).toEqual(["keys.test/log"]);
    expect((await policy([forgedHandOver])).handedOverTo).toEqual([]);
    const viaForged = await checkCheckpoint(
      nodeVerifyEd25519,
      forgedCheckpoint,
      await policy([forgedHandOver]),
    );
    expect(viaForged.problems).toHaveLength(1);
    // the honest checkpoint of the same size, by the new key through the hand-over, passes
    const honest = await checkCheckpoint(
      nodeVerifyEd25519,
      `${text}\n${signNoteText(t.deps.logKeys, text)}`,
      await policy([note]),
    );
    expect(honest.problems).toEqual([]);
    expect(checkpointText(honest.checkpoint!)).toBe(text);
  });
});
