import { createHash } from "node:crypto";
import type { PublicExport } from "./export.ts";
import { type Fact, num, parseFacts, str } from "./facts.ts";
import { applyMembershipFact, emptyMembership, sharingAt } from "./membership.ts";

/*
 * The sampling audit (issue 19): the identities behind logged joins are private, so an auditor checks a
 * sample of them. The operator cannot choose the sample: its seed is the root hash of the first signed
 * head after the cycle's facts (once witnessed checkpoints land, the first cosigned one), which did not
 * exist when the cycle's membership was fixed; anyone can redraw it from the public export.
 */

/** A cycle's sampling frame: its sharing pseudonyms by the logged membership, and the seed's head. */
export type SampleFrame = {
  readonly cycle: number;
  readonly population: string[];
  readonly seed: { readonly size: number; readonly rootHash: string };
};

/** The seed: the first head whose tree holds at least one entry after the cycle's last fact. */
function seedHead(exp: PublicExport, lastIndex: number) {
  return [...exp.heads].sort((a, b) => a.size - b.size).find((h) => h.size > lastIndex + 1);
}

/** The frame of `cycle` (default: the latest cycle a later head exists for); a reason when there is none. */
export function sampleFrame(exp: PublicExport, cycle?: number): SampleFrame | string {
  const facts: Fact[] = parseFacts(exp.entries, []);
  const m = emptyMembership();
  const frames: Array<{ cycle: number; population: string[]; last: number }> = [];
  for (const f of facts) {
    applyMembershipFact(m, f, []);
    const c = num(f.e.cycle);
    if (f.kind === "announcement" && c !== undefined) {
      const members = sharingAt(m, str(f.e.plan) ?? "", str(f.e.announcedOn) ?? "").map((p) => p.member);
      frames.push({ cycle: c, population: [...new Set(members)].sort(), last: f.index });
    } else if (c !== undefined && (f.kind === "cycle_share_root" || f.kind === "cycle_result")) {
      const frame = frames.find((x) => x.cycle === c);
      if (frame) frame.last = Math.max(frame.last, f.index);
    }
  }
  const candidates = frames.filter(
    (x) => (cycle === undefined || x.cycle === cycle) && seedHead(exp, x.last),
  );
  const frame = candidates[candidates.length - 1];
  if (!frame)
    return cycle === undefined
      ? "no cycle has a signed head after it yet: the sample cannot be drawn until the log grows"
      : `cycle ${cycle} is not in the log, or no signed head after it exists yet`;
  const head = seedHead(exp, frame.last)!;
  return {
    cycle: frame.cycle,
    population: frame.population,
    seed: { size: head.size, rootHash: head.rootHash },
  };
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
