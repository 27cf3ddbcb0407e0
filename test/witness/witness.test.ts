import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cosignatureTime } from "../../src/domain/checkpoint.ts";
import { consistencyProof, leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { parseNote, parseSignatureLines, parseVkey, toBase64 } from "../../src/domain/note.ts";
import { sha256 } from "../../src/domain/sha256.ts";
import { signedCheckpoint } from "../../src/log/heads.ts";
import { freshLogKeys, nodeVerifyEd25519 } from "../../src/log-keys.ts";
import { addCheckpoint, type WitnessState } from "../../src/witness/witness.ts";
import { openWitnessDir } from "../../src/witness/witness-state.ts";

const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const keys = freshLogKeys("log.test/a");
const logKey = parseVkey(hash, keys.vkey)!;
const tree = (n: number, tag = "") => {
  const t = new MemoryTree();
  for (let i = 0; i < n; i++) t.append(leafHash(Buffer.from(`entry ${i}${i >= 3 ? tag : ""}`)));
  return t;
};
const cp = (t: MemoryTree, size: number) => signedCheckpoint(keys, size, t.root(size));
const proof = (t: MemoryTree, from: number, to: number) =>
  consistencyProof(t.nodes, from, to)
    .map((h) => `${toBase64(h)}\n`)
    .join("");
const body = (old: number, proofLines: string, note: string) => `old ${old}\n${proofLines}\n${note}`;

describe("a witness's add-checkpoint (C2SP tlog-witness)", () => {
  const dir = openWitnessDir(mkdtempSync(join(tmpdir(), "huzhu-witness-")), "witness.test/w1");
  const wkey = parseVkey(hash, dir.vkey)!;
  const nowMs = 1_700_000_000_000;
  const run = (b: string, state: WitnessState) =>
    addCheckpoint(b, { logs: [logKey], state, me: dir.me, nowMs });
  const honest = tree(8);
  const empty: WitnessState = { logs: {} };

  it("cosigns a first checkpoint from old 0, timestamped, with its own key (type 0x04)", async () => {
    const note = cp(honest, 5);
    const a = await run(body(0, "", note), empty);
    expect(a.status).toBe(200);
    const sig = parseSignatureLines(a.body)![0]!;
    expect(sig.name).toBe("witness.test/w1");
    expect(await cosignatureTime(nodeVerifyEd25519, parseNote(note)!.text, sig, wkey)).toBe(nowMs / 1000);
    expect(a.next).toMatchObject({ origin: "log.test/a", size: 5 });
  });

  it("cosigns a larger one with a consistency proof from the one cosigned; the same one again; refuses a fork", async () => {
    const first = await run(body(0, "", cp(honest, 5)), empty);
    const state: WitnessState = { logs: { "log.test/a": first.next! } };
    expect((await run(body(5, proof(honest, 5, 8), cp(honest, 8)), state)).status).toBe(200);
    expect((await run(body(5, "", cp(honest, 5)), state)).status).toBe(200);
    // The same leaves up to 3, then others: a log rewritten from index 3 on and re-signed.
    const forked = tree(8, "(forked)");
    const refused = await run(body(5, proof(forked, 5, 8), cp(forked, 8)), state);
    expect(refused.status).toBe(422);
    expect(refused.body).toBe("the consistency proof from size 5 to 8 does not verify\n");
    expect(refused.next).toBeUndefined();
    const sameSize = await run(body(5, "", cp(forked, 5)), state);
    expect(sameSize.status).toBe(422);
    expect(sameSize.body).toContain("another root");
  });

  it("409 with the size it knows when old is not it; 400 malformed or old beyond the size; 404 unknown origin; 403 bad signature", async () => {
    const first = await run(body(0, "", cp(honest, 5)), empty);
    const state: WitnessState = { logs: { "log.test/a": first.next! } };
    const conflict = await run(body(3, proof(honest, 3, 8), cp(honest, 8)), state);
    expect([conflict.status, conflict.body, conflict.contentType]).toEqual([409, "5\n", "text/x.tlog.size"]);
    expect((await run(body(0, "", cp(honest, 8)), state)).status).toBe(409);
    expect((await run(body(9, "", cp(honest, 8)), state)).status).toBe(400);
    expect((await run(`old 05\n\n${cp(honest, 5)}`, empty)).status).toBe(400);
    expect((await run(`old 0\n${cp(honest, 5)}`, empty)).status).toBe(400);
    expect((await run(body(0, "bm90IGEgaGFzaA==\n", cp(honest, 5)), empty)).status).toBe(400);
    expect((await run(body(0, `${"x".repeat(43)}=\n`.repeat(64), cp(honest, 5)), empty)).status).toBe(400);
    const other = freshLogKeys("log.test/other");
    expect((await run(body(0, "", signedCheckpoint(other, 5, honest.root(5))), empty)).status).toBe(404);
    const impostor = freshLogKeys("log.test/a");
    expect((await run(body(0, "", signedCheckpoint(impostor, 5, honest.root(5))), empty)).status).toBe(403);
    const note = cp(honest, 5);
    const flipped = note.replace(/\n— (\S+) (.)/, (_m, n, c) => `\n— ${n} ${c === "A" ? "B" : "A"}`);
    expect((await run(body(0, "", flipped), empty)).status).toBe(403);
    // A proof from size 0 must be empty; a size-0 checkpoint must have the empty tree's root.
    expect((await run(body(0, proof(honest, 4, 5), cp(honest, 5)), empty)).status).toBe(422);
    expect((await run(body(0, "", signedCheckpoint(keys, 0, honest.root(1))), empty)).status).toBe(422);
  });

  it("keeps its state in its own directory, written whole, and its key and name across restarts", () => {
    const path = mkdtempSync(join(tmpdir(), "huzhu-witness-"));
    const d = openWitnessDir(path, "witness.test/w2");
    d.writeState({ logs: { "log.test/a": { size: 5, rootHash: "x", checkpoint: "c" } } });
    const again = openWitnessDir(path);
    expect(again.vkey).toBe(d.vkey);
    expect(again.readState().logs["log.test/a"]?.size).toBe(5);
    expect(JSON.parse(readFileSync(join(path, "state.json"), "utf8")).logs["log.test/a"].size).toBe(5);
    expect(() => openWitnessDir(path, "witness.test/other")).toThrow("named witness.test/w2");
    expect(() => openWitnessDir(mkdtempSync(join(tmpdir(), "huzhu-witness-")))).toThrow("--name");
  });
});
