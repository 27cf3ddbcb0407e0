import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseVkey } from "../../src/domain/note.ts";
import { sha256 } from "../../src/domain/sha256.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { type Post, submitToWitnesses } from "../../src/log/witnessing.ts";
import { addCheckpoint, type WitnessState } from "../../src/witness/witness.ts";
import { openWitnessDir } from "../../src/witness/witness-state.ts";
import { registerMember, residentId } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * Issue 19: the log asks a witness again for a fresh cosignature of an unchanged checkpoint after
 * limits.witness.refreshAfterSeconds (600 s) — counted on the application's clock from when the log
 * received the last one, never by comparing the app clock with the witness's own timestamp. Here the
 * witness's clock stays in 2026 while the app's is in 2020 (the test clock; a moved development clock
 * is the same case): comparing the two, the log resubmitted on every run (or, the other way, never).
 */
const t = useTestApp();
const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const witnessNowMs = Date.UTC(2026, 11, 2, 6, 0, 0);

describe("the log's witness refresh (log.witness) keeps to the app clock", () => {
  it("submits once, not again within 600 s of app time, again after; each on the witness's own time", async () => {
    await registerMember(t, "13100000001", residentId("1990-01-01", 1));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const dir = openWitnessDir(mkdtempSync(join(tmpdir(), "huzhu-witness-")), "refresh.test/w1");
    let state: WitnessState = { logs: {} };
    let posts = 0;
    const post: Post = async (_url, body) => {
      posts++;
      const logs = [parseVkey(hash, t.deps.logKeys.vkey)!];
      const a = await addCheckpoint(body, { logs, state, me: dir.me, nowMs: witnessNowMs + posts * 1000 });
      if (a.next) state = { logs: { [a.next.origin]: a.next } };
      return { status: a.status, body: a.body };
    };
    const witnesses = [{ vkey: dir.vkey, url: "http://witness.invalid" }];
    const submit = () => submitToWitnesses(t.db.pool, witnesses, t.clock.now(), post);
    expect(await submit()).toEqual(["refresh.test/w1"]);
    expect(posts).toBe(1);
    // 599 s of app time later: still fresh by the app clock (the witness's stamp is six years ahead)
    t.clock.advance(599_000);
    expect(await submit()).toEqual([]);
    expect(posts).toBe(1);
    // 600 s after the first: asked again, and the new stamp (the witness's clock, +1 s) replaces the old
    t.clock.advance(1_000);
    expect(await submit()).toEqual(["refresh.test/w1"]);
    expect(posts).toBe(2);
    const { rows } = await t.db.pool.query<{ timestamp_seconds: string; received_at_ms: string }>(
      "SELECT timestamp_seconds, received_at_ms FROM log_cosignatures",
    );
    expect(rows.map((r) => [Number(r.timestamp_seconds), Number(r.received_at_ms)])).toEqual([
      [witnessNowMs / 1000 + 2, t.clock.now()],
    ]);
    expect(await submit()).toEqual([]);
  });
});
