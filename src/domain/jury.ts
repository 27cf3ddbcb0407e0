import { createHash } from "node:crypto";
import { type Reason, reasonText, why } from "./claim/reasons.ts";
import { formatPercent } from "./percent.ts";
import { assert } from "./result.ts";

/**
 * The verifiable jury draw (domain.md §4, 相互宝's 赔审团). The seed is published before anyone
 * knows the jurors: it hashes the latest signed log head (which nobody can choose after the fact)
 * with the claim id. The candidates are published as a sorted list of pseudonyms whose digest is
 * recorded; from seed, list and size anyone recomputes the same jurors.
 */
export type SeedInputs = {
  readonly claimId: number;
  /** The signed tree head the draw is bound to. */
  readonly logSize: number;
  readonly logRootHex: string;
};

export function jurySeed(s: SeedInputs): string {
  return createHash("sha256")
    .update(`huzhu-jury-v1\n${s.logSize}\n${s.logRootHex}\n${s.claimId}`)
    .digest("hex");
}

/** Digest of the candidate list: SHA-256 over the pseudonyms, one per line, each line ending "\n". */
export function candidatesDigest(sortedPseudonyms: readonly string[]): string {
  const h = createHash("sha256");
  // hash in large chunks: one update per name is slow at ten million names
  const chunk = 65_536;
  for (let i = 0; i < sortedPseudonyms.length; i += chunk) {
    h.update(`${sortedPseudonyms.slice(i, i + chunk).join("\n")}\n`);
  }
  return h.digest("hex");
}

/** The candidate list as published (the same bytes the digest covers). */
export const candidatesText = (sortedPseudonyms: readonly string[]): string =>
  sortedPseudonyms.length ? `${sortedPseudonyms.join("\n")}\n` : "";

/** Candidates must be in byte order, without repeats: the order is part of what is verified. */
export function checkSorted(pseudonyms: readonly string[]): boolean {
  for (let i = 1; i < pseudonyms.length; i++) if (!(pseudonyms[i - 1]! < pseudonyms[i]!)) return false;
  return true;
}

const TWO_48 = 2 ** 48;

/** A deterministic stream of uniform integers from the seed: SHA-256 in counter mode, 48 bits a draw. */
class SeedStream {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;
  constructor(private readonly seed: Buffer) {}

  private next48(): number {
    if (this.offset + 6 > this.block.length) {
      const c = Buffer.alloc(8);
      c.writeBigUInt64BE(BigInt(this.counter++));
      this.block = createHash("sha256").update(this.seed).update(c).digest();
      this.offset = 0;
    }
    const v = this.block.readUIntBE(this.offset, 6);
    this.offset += 6;
    return v;
  }

  /** Uniform in [0, bound): rejection sampling removes the modulo bias. */
  below(bound: number): number {
    assert(bound >= 1 && bound <= TWO_48, "bound out of range");
    const limit = TWO_48 - (TWO_48 % bound);
    for (;;) {
      const v = this.next48();
      if (v < limit) return v % bound;
    }
  }
}

/**
 * Draws `size` distinct indexes of `candidateCount` candidates: a partial Fisher–Yates shuffle driven
 * by the seed, kept in a sparse map so it costs O(size), not O(candidates). Returns them in draw order.
 */
export function drawJurors(seedHex: string, candidateCount: number, size: number): number[] {
  assert(/^[0-9a-f]{64}$/.test(seedHex), "the seed is 64 hex digits");
  const k = Math.min(size, candidateCount);
  const stream = new SeedStream(Buffer.from(seedHex, "hex"));
  const moved = new Map<number, number>();
  const out: number[] = new Array(k);
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(candidateCount - i);
    const atJ = moved.get(j) ?? j;
    const atI = moved.get(i) ?? i;
    moved.set(j, atI);
    out[i] = atJ;
  }
  return out;
}

export type JuryRule = {
  /** Strictly more than this share (basis points) of the votes cast in favour overturns. */
  readonly overturnAboveBp: number;
  readonly quorum: number;
};

export type JuryOutcome = "overturned" | "upheld" | "no_quorum";

export type JuryTally = {
  readonly inFavour: number;
  readonly against: number;
  readonly outcome: JuryOutcome;
  readonly why: Reason;
  /** reasonText(why) */
  readonly explanation: string;
};

/**
 * The jury's result: votes cast below the quorum leave the decision as it was; otherwise more than the
 * threshold in favour overturns it, and exactly the threshold does not (50% of 500 = 250 upholds).
 * Integer arithmetic only: inFavour × 10,000 > threshold(bp) × cast.
 */
export function tallyJury(votes: { inFavour: number; against: number }, rule: JuryRule): JuryTally {
  const cast = votes.inFavour + votes.against;
  const pct = formatPercent(votes.inFavour, cast, 1);
  const base = { inFavour: votes.inFavour, against: votes.against };
  if (cast < rule.quorum) {
    const r = why("jury_no_quorum", { cast, quorum: rule.quorum });
    return { ...base, outcome: "no_quorum", why: r, explanation: reasonText(r) };
  }
  const overturned = votes.inFavour * 10_000 > rule.overturnAboveBp * cast;
  const params = { inFavour: votes.inFavour, cast, percent: pct, thresholdBp: rule.overturnAboveBp };
  const r = why(overturned ? "jury_overturned" : "jury_upheld", params);
  return { ...base, outcome: overturned ? "overturned" : "upheld", why: r, explanation: reasonText(r) };
}
