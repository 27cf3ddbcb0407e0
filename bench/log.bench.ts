import { buildSumTreeParallel } from "../src/cycles/sum-tree-parallel.ts";
import { fixedClock } from "../src/domain/clock.ts";
import { leafHash, nodeHash } from "../src/domain/merkle.ts";
import { compactSumRoot } from "../src/domain/merkle-sum.ts";
import { latestHead } from "../src/log/heads.ts";
import { storedConsistencyProof, storedInclusionProof } from "../src/log/proofs.ts";
import { sequenceLog } from "../src/log/sequencer.ts";
import { freshLogKeys } from "../src/log-keys.ts";
import { fmt, median, numberOption, timed, withPeakRss } from "./support.ts";
import { benchDatabase } from "./support-db.ts";

/**
 * Issue 7's benchmark: append N entries to the stored log (outbox → sequencer → nodes → signed heads),
 * beside the pure hashing of the same entries as the baseline; build the Merkle-sum tree of an N-member
 * cycle; time to serve one proof. `npm run bench -- log [N]` (default 10,000,000). `--entry-members M`:
 * the entries name M members in turn (default N: each entry a member's first), so that most entries
 * link to the member's previous one (the member history chain, docs/verify.md).
 */
export async function run(args: string[]): Promise<void> {
  const opt = (name: string, fallback: number) => numberOption(args, name, fallback);
  const n = opt("--entries", Number(args[0] && !args[0].startsWith("--") ? args[0] : 10_000_000));
  const members = opt("--members", n);
  const entryMembers = opt("--entry-members", n);
  const entry = (i: number) =>
    `{"kind":"join","member":"${i.toString(16).padStart(32, "0")}","plan":"xianghubao","joinedOn":"2020-03-01"}`;

  // Baseline: hash the same leaves and their parents in memory (what the sequencer must at least do).
  const pure = await timed(() => {
    let carry = leafHash(Buffer.from(entry(0)));
    for (let i = 1; i < n; i++) {
      const l = leafHash(Buffer.from(entry(i)));
      carry = i % 2 === 1 ? nodeHash(carry, l) : l;
    }
    return carry;
  });

  const db = await benchDatabase();
  const keys = freshLogKeys();
  const clock = fixedClock(Date.UTC(2020, 2, 1));
  try {
    const stored = await withPeakRss(() =>
      timed(async () => {
        const chunk = 100_000;
        for (let start = 0; start < n; start += chunk) {
          const size = Math.min(chunk, n - start);
          // The facts arrive through the outbox, as services write them.
          await db.pool.query(
            `INSERT INTO log_outbox (kind, entry)
             SELECT 'join', jsonb_build_object('member', lpad(to_hex(g % $3), 32, '0'), 'plan', 'xianghubao', 'joinedOn', '2020-03-01')
             FROM generate_series($1::bigint, $2::bigint) g`,
            [start, start + size - 1, entryMembers],
          );
          await sequenceLog(db.pool, keys, clock, 50_000);
        }
      }),
    );
    const head = await latestHead(db.pool);
    const proofTimes: number[] = [];
    for (let k = 0; k < 50; k++) {
      const idx = Math.floor((((k * 7919) % 1000) / 1000) * head!.size);
      proofTimes.push((await timed(() => storedInclusionProof(db.pool, idx, head!.size))).seconds);
    }
    const consistency = await timed(() =>
      storedConsistencyProof(db.pool, Math.floor(head!.size / 3), head!.size),
    );

    const ids = Array.from({ length: members }, (_, i) => i.toString(16).padStart(32, "0"));
    const shares = new Float64Array(members).fill(4629);
    // format 2 leaves (issue 19): each commits to its participation and weight too
    const v2 = {
      participations: Float64Array.from({ length: members }, (_, i) => i + 1),
      weightsUnits: new Float64Array(members).fill(10),
    };
    const sum = await withPeakRss(() =>
      timed(async () => {
        const tree = await buildSumTreeParallel(ids, shares, undefined, v2);
        return { root: compactSumRoot(tree), proofLength: Math.ceil(Math.log2(members)) };
      }),
    );
    process.stdout.write(
      [
        `transparency log, ${n.toLocaleString("en-US")} entries naming ${entryMembers.toLocaleString("en-US")} members`,
        `  pure hashing of the leaves (baseline):   ${fmt(pure.seconds, 1)} s  (${Math.round(n / pure.seconds).toLocaleString("en-US")} /s)`,
        `  append via outbox + sequencer + heads:   ${fmt(stored.value.seconds, 1)} s  (${Math.round(n / stored.value.seconds).toLocaleString("en-US")} /s), ratio ${fmt(stored.value.seconds / pure.seconds, 1)}×, peak RSS ${Math.round(stored.peakRssMiB)} MiB`,
        `  one inclusion proof from stored nodes:   ${fmt(median(proofTimes) * 1000, 2)} ms median (tree of ${head!.size.toLocaleString("en-US")})`,
        `  one consistency proof:                   ${fmt(consistency.seconds * 1000, 2)} ms`,
        `Merkle-sum tree of a ${members.toLocaleString("en-US")}-member cycle: ${fmt(sum.value.seconds, 1)} s (target ≤ 60 s), root count ${sum.value.value.root.count.toLocaleString("en-US")}, total ${sum.value.value.root.sumFen.toLocaleString("en-US")} fen, proof ${sum.value.value.proofLength} steps, peak RSS ${Math.round(sum.peakRssMiB)} MiB`,
        "",
      ].join("\n"),
    );
  } finally {
    await db.close();
  }
}
