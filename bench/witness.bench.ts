import { sign, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCheckpoint } from "../src/domain/checkpoint.ts";
import { consistencyProof, leafHash, MemoryTree } from "../src/domain/merkle.ts";
import { parseVkey, toBase64 } from "../src/domain/note.ts";
import { sha256 } from "../src/domain/sha256.ts";
import { signedCheckpoint } from "../src/log/heads.ts";
import { freshLogKeys, nodeVerifyEd25519 } from "../src/log-keys.ts";
import { addCheckpoint, type WitnessState } from "../src/witness/witness.ts";
import { openWitnessDir } from "../src/witness/witness-state.ts";
import { fmt, numberOption, timed } from "./support.ts";

/*
 * `npm run bench -- witness [--ops N] [--leaves N]`: what a witness spends on one checkpoint.
 *   cosign: add-checkpoint in process — parse, verify the log's signature, verify a consistency proof
 *     over a tree of `leaves`, sign the timestamped cosignature (no state write);
 *   cosign + durable state: the same with the state file written, flushed and renamed as `witness serve` does;
 *   verify: a member's check of a checkpoint with the log's signature and two cosignatures.
 * Baselines in the same run: one bare Ed25519 signature of the same checkpoint text, and a signature plus
 * a verification — the least a cosignature takes (the witness verifies the log's signature, then signs).
 * Profiled (node --cpu-prof, 2026-12-02): of add-checkpoint, Ed25519 verify ≈ 45%, sign ≈ 16%, the
 * consistency proof's hashes ≈ 15%, parsing ≈ 6%; the durable write is mostly fsync and rename.
 */
const hash = (b: Uint8Array) => sha256(Buffer.from(b));

export async function run(args: string[]): Promise<void> {
  const ops = numberOption(args, "--ops", 2000);
  const leaves = numberOption(args, "--leaves", 1_048_576);
  const keys = freshLogKeys("bench.local/log");
  const logKey = parseVkey(hash, keys.vkey)!;
  const tree = new MemoryTree();
  for (let i = 0; i < leaves; i++) tree.append(leafHash(Buffer.from(`entry ${i}`)));
  // Each op: the witness knows size n − 1000 + k and is shown n, with its proof (≈ 20 hashes).
  const from = leaves - 1000;
  const proof = consistencyProof(tree.nodes, from, leaves)
    .map((h) => `${toBase64(h)}\n`)
    .join("");
  const note = signedCheckpoint(keys, leaves, tree.root(leaves));
  const body = `old ${from}\n${proof}\n${note}`;
  const dirPath = mkdtempSync(join(tmpdir(), "huzhu-bench-witness-"));
  const dir = openWitnessDir(dirPath, "bench.local/w1");
  const dir2 = openWitnessDir(join(dirPath, "w2"), "bench.local/w2");
  const state: WitnessState = {
    logs: { [keys.origin]: { size: from, rootHash: toBase64(tree.root(from)), checkpoint: "" } },
  };
  const text = note.slice(0, note.indexOf("\n\n") + 1);
  const baseline = await timed(() => {
    for (let i = 0; i < ops; i++) sign(null, Buffer.from(text), keys.privateKey);
  });
  const signature = sign(null, Buffer.from(text), keys.privateKey);
  const signVerify = await timed(() => {
    for (let i = 0; i < ops; i++) {
      sign(null, Buffer.from(text), keys.privateKey);
      if (!verify(null, Buffer.from(text), keys.publicKey, signature)) throw new Error("bad");
    }
  });
  const cosign = async (persist: boolean) => {
    let last = "";
    for (let i = 0; i < ops; i++) {
      const a = await addCheckpoint(body, {
        logs: [logKey],
        state,
        me: dir.me,
        nowMs: 1_700_000_000_000 + i * 1000,
      });
      if (a.status !== 200) throw new Error(`${a.status} ${a.body}`);
      if (persist) dir.writeState({ logs: { [keys.origin]: a.next! } });
      last = a.body;
    }
    return last;
  };
  const cosigned = await timed(() => cosign(false));
  const durable = await timed(() => cosign(true));
  const second = await addCheckpoint(body, { logs: [logKey], state, me: dir2.me, nowMs: 1_700_000_000_000 });
  const full = `${note}${cosigned.value}${second.body}`;
  const policy = {
    logKey,
    witnesses: [parseVkey(hash, dir.vkey)!, parseVkey(hash, dir2.vkey)!],
    quorum: 2,
    nowMs: 1_700_000_000_000 + ops * 1000,
    maxAgeSeconds: 10 * ops,
  };
  const verified = await timed(async () => {
    for (let i = 0; i < ops; i++)
      if ((await checkCheckpoint(nodeVerifyEd25519, full, policy)).problems.length > 0)
        throw new Error("bad");
  });
  rmSync(dirPath, { recursive: true, force: true });
  const per = (s: number) => (s / ops) * 1e6;
  const b = per(baseline.seconds);
  process.stdout.write(
    `witness: ${ops} ops, tree of ${leaves.toLocaleString()} leaves, proof from ${from}\n`,
  );
  process.stdout.write(`  baseline: bare Ed25519 sign of the checkpoint text  ${fmt(b, 1)} µs/op\n`);
  const sv = per(signVerify.seconds);
  process.stdout.write(`  baseline: Ed25519 sign + verify  ${fmt(sv, 1)} µs/op (${fmt(sv / b, 1)}×)\n`);
  for (const [name, s] of [
    ["cosign (add-checkpoint, in process)", cosigned.seconds],
    ["cosign + durable state write", durable.seconds],
    ["verify a checkpoint with 2 cosignatures", verified.seconds],
  ] as const)
    process.stdout.write(
      `  ${name}: ${fmt(per(s), 1)} µs/op (${fmt(per(s) / b, 1)}× the sign, ${fmt(per(s) / sv, 2)}× sign + verify)\n`,
    );
}
