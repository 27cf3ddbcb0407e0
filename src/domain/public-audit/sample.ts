import { createHash } from "node:crypto";
import { checkCheckpoint, type VerifyEd25519 } from "../checkpoint.ts";
import { leafHash, MemoryTree } from "../merkle.ts";
import type { Vkey } from "../note.ts";
import type { PublicExport } from "./export.ts";
import { type Fact, num, parseFacts, str } from "./facts.ts";
import { applyMembershipFact, emptyMembership, sharingAt } from "./membership.ts";

/*
 * The sampling audit (issue 19): the identities behind logged joins are private, so an auditor checks a
 * sample of them. The operator cannot choose the sample: its seed is the root of the first checkpoint
 * after the cycle's facts that a quorum of pinned witnesses cosigned — a checkpoint that did not exist
 * when the cycle's membership was fixed, and that the operator cannot replace by another of the same
 * size (the witnesses refuse an inconsistent one). Anyone can redraw it from the public export.
 */

/** What the auditor pins to accept a seed: the log's key and the witnesses, and how many must cosign. */
export type SeedPins = {
  readonly logKey: Vkey;
  readonly witnesses: readonly Vkey[];
  readonly quorum: number;
};

/** A cycle's sampling frame: its sharing pseudonyms by the logged membership, and the seed's checkpoint. */
export type SampleFrame = {
  readonly cycle: number;
  readonly population: string[];
  readonly seed: { readonly size: number; readonly rootHash: string; readonly checkpoint: string };
};

type Frame = { cycle: number; population: string[]; last: number };

/** Every cycle's frame in log order: its sharing members and the index of its last fact. */
function frames(exp: PublicExport): Frame[] {
  const m = emptyMembership();
  const out: Frame[] = [];
  for (const f of parseFacts(exp.entries, []) as Fact[]) {
    applyMembershipFact(m, f, []);
    const c = num(f.e.cycle);
    if (f.kind === "announcement" && c !== undefined) {
      const members = sharingAt(m, str(f.e.plan) ?? "", str(f.e.announcedOn) ?? "").map((p) => p.member);
      out.push({ cycle: c, population: [...new Set(members)].sort(), last: f.index });
    } else if (c !== undefined && (f.kind === "cycle_share_root" || f.kind === "cycle_result")) {
      const frame = out.find((x) => x.cycle === c);
      if (frame) frame.last = Math.max(frame.last, f.index);
    }
  }
  return out;
}

/**
 * The export's checkpoints that a quorum of the pinned witnesses cosigned and whose root the export's
 * entries give, by size. A seed is judged on its signatures, not their age: it may be long past.
 */
async function cosignedSeeds(exp: PublicExport, pins: SeedPins, verify: VerifyEd25519) {
  const tree = new MemoryTree();
  for (const e of [...exp.entries].sort((a, b) => a.index - b.index))
    if (e.index === tree.size) tree.append(leafHash(Buffer.from(e.entry)));
  const out: Array<SampleFrame["seed"]> = [];
  for (const note of exp.checkpoints) {
    const v = await checkCheckpoint(verify, note, {
      ...pins,
      nowMs: Number.MAX_SAFE_INTEGER,
      maxAgeSeconds: Number.POSITIVE_INFINITY,
    });
    if (!v.checkpoint || v.problems.length > 0 || v.checkpoint.size > tree.size) continue;
    const rootHash = Buffer.from(v.checkpoint.rootHash).toString("hex");
    if (tree.root(v.checkpoint.size).toString("hex") !== rootHash) continue;
    out.push({ size: v.checkpoint.size, rootHash, checkpoint: note });
  }
  return out.sort((a, b) => a.size - b.size);
}

/**
 * The frame of `cycle` (default: the latest cycle a later cosigned checkpoint exists for), seeded by the
 * first witness-cosigned checkpoint holding an entry after the cycle's last fact; a reason when there is
 * none (a checkpoint without the quorum's cosignatures is never a seed).
 */
export async function sampleFrame(
  exp: PublicExport,
  pins: SeedPins,
  verify: VerifyEd25519,
  cycle?: number,
): Promise<SampleFrame | string> {
  const seeds = await cosignedSeeds(exp, pins, verify);
  const seedAfter = (last: number) => seeds.find((x) => x.size > last + 1);
  const candidates = frames(exp).filter(
    (x) => (cycle === undefined || x.cycle === cycle) && seedAfter(x.last),
  );
  const frame = candidates[candidates.length - 1];
  if (!frame)
    return cycle === undefined
      ? `no cycle has a checkpoint after it cosigned by ${pins.quorum} of the ${pins.witnesses.length} pinned witnesses: the sample cannot be drawn yet`
      : `cycle ${cycle} is not in the log, or no checkpoint after it is cosigned by ${pins.quorum} of the ${pins.witnesses.length} pinned witnesses`;
  return { cycle: frame.cycle, population: frame.population, seed: seedAfter(frame.last)! };
}

/** A 64-bit draw from the seed (bias below 2⁻³⁰ for any population under 2³⁴). */
const draw = (seed: string, i: number): bigint =>
  createHash("sha256").update(`huzhu-sample:${seed}:${i}`).digest().readBigUInt64BE(0);

/** N pseudonyms drawn without replacement by a partial Fisher–Yates shuffle keyed by the seed. */
export function drawSample(seed: string, population: readonly string[], n: number): string[] {
  const pool = [...population].sort();
  const k = Math.min(n, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Number(draw(seed, i) % BigInt(pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}

/**
 * The chance that a sample of `sampled` drawn from `members` includes at least one of `fake`:
 * 1 − C(members − fake, sampled) / C(members, sampled) = 1 − Π (members − fake − i) / (members − i).
 */
export function detectionProbability(members: number, fake: number, sampled: number): number {
  let missAll = 1;
  for (let i = 0; i < sampled; i++) missAll *= Math.max(0, members - fake - i) / (members - i);
  return 1 - missAll;
}
